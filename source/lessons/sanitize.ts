/**
 * Lesson text is data: terminal control sequences in it are removed before anything reaches
 * the screen (ARCHITECTURE.md § Lessons). Line feeds and tabs stay; nothing here ever removes
 * a `\n`, so line numbers computed on the raw text stay right after stripping.
 */

// String sequences, ended by BEL or ST (ESC \ or 0x9c): OSC (ESC ] or 0x9d), DCS (ESC P or 0x90),
// SOS (ESC X or 0x98), PM (ESC ^ or 0x9e), APC (ESC _ or 0x9f). An unterminated one is left to
// the rules below, which remove its introducer; what follows is then plain, harmless text.
const STRING_SEQUENCE = /(?:\u001b[\]PX^_]|[\u0090\u0098\u009d\u009e\u009f])[^\u0007\u001b\u009c\n]*(?:\u0007|\u001b\\|\u009c)/g;
// CSI (ESC [ or 0x9b): parameter bytes, intermediate bytes, one final byte.
const CSI = /(?:\u001b\[|\u009b)[\u0030-\u003f]*[\u0020-\u002f]*[\u0040-\u007e]/g;
// Any other escape sequence: ESC, intermediate bytes, a final byte (or a lone ESC).
const ESCAPE = /\u001b[\u0020-\u002f]*[\u0030-\u007e]?/g;
// C0 controls but tab and line feed, DEL, and C1 controls.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

export function stripControlSequences(text: string): string {
	if (!/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/.test(text)) return text;
	return text.replace(STRING_SEQUENCE, '').replace(CSI, '').replace(ESCAPE, '').replace(CONTROL, '');
}
