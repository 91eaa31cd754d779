// Ink measures every character and every line of every frame with string-width (directly,
// and through widest-line, wrap-ansi and cli-truncate). The bundle routes every import of
// string-width here (build/plugins.mjs). Three things make that cheap:
//
// 1. Results are remembered. Most lines repeat from one frame to the next. Results live in a
//    current and a previous table; when the current one is full it becomes the previous one,
//    and a result found there moves back: what the last frames measured stays, what nothing
//    asks for any more goes (at most 2 × 1,500 results and 2 × 60,000 characters of keys;
//    a 200×50 frame measures a few hundred texts).
//
// 2. Text made only of characters that are each a grapheme of their own and never emoji —
//    printable ASCII and a fixed list of blocks (Latin-1, punctuation, arrows, box drawing,
//    the UI's symbols, CJK and kana) — is measured by adding up the East Asian Width of its
//    characters, which is what string-width computes for such text (test/bench/
//    string-width-memo.test.ts checks every listed character, alone and between others,
//    against string-width itself). string-width's own path segments graphemes with
//    Intl.Segmenter and tests each against /^\p{RGI_Emoji}$/v.
//
// 3. string-width itself is loaded on first need: building its RGI_Emoji expression alone
//    costs about 13 ms of start-up, and text on the lesson map or in a lab never needs it.
import {eastAsianWidth} from 'get-east-asian-width';
import stripAnsi from 'strip-ansi';

/** Code point ranges (inclusive) whose characters are always a grapheme of their own, visible, and not emoji by themselves. */
export const SIMPLE_RANGES = [
	[0x00a0, 0x00ac], // Latin-1 (not U+00AD, the soft hyphen: a format character)
	[0x00ae, 0x00ff],
	[0x2010, 0x2027], // dashes, quotes, bullet, ellipsis (not the line/paragraph separators and format characters after)
	[0x2030, 0x205e],
	[0x2190, 0x22ff], // arrows, mathematical operators
	[0x2300, 0x2319], // technical symbols (⏎ ⌫ ⏱ ⏸ …), not the ones that are emoji by themselves (⌚⌛⏩–⏬⏰⏳)
	[0x231c, 0x23e8],
	[0x23ed, 0x23ef],
	[0x23f1, 0x23f2],
	[0x23f4, 0x23ff],
	[0x2400, 0x2426], // control pictures (␣)
	[0x2500, 0x25fc], // box drawing, blocks, geometric shapes (not ◽◾, emoji by themselves)
	[0x2610, 0x2612], // ☐☑☒
	[0x26a0, 0x26a0], // ⚠
	[0x2713, 0x2713], // ✓
	[0x2717, 0x2717], // ✗
	[0x3000, 0x3029], // CJK symbols and punctuation (not the tone marks U+302A–302F)
	[0x3030, 0x303f],
	[0x3041, 0x3096], // hiragana (not the combining sound marks U+3099–309A)
	[0x30a1, 0x30ff], // katakana
	[0x4e00, 0x9fff], // CJK unified ideographs
	[0xff01, 0xff5e], // fullwidth ASCII
];

const simple = new Uint8Array(0x10000 / 8);
for (const [from, to] of SIMPLE_RANGES) {
	// Whole bytes at once (a bit at a time is 25,000 steps of cold code at start-up).
	let c = from;
	for (; c <= to && (c & 7) !== 0; c++) simple[c >> 3] |= 1 << (c & 7);
	const wholeBytesEnd = (to + 1) >> 3;
	if (c >> 3 < wholeBytesEnd) {
		simple.fill(0xff, c >> 3, wholeBytesEnd);
		c = wholeBytesEnd << 3;
	}
	for (; c <= to; c++) simple[c >> 3] |= 1 << (c & 7);
}

/** The width of text of printable ASCII and SIMPLE_RANGES characters, else -1. */
export function simpleWidth(text) {
	let width = 0;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (c >= 0x20 && c <= 0x7e) width++;
		else if ((simple[c >> 3] & (1 << (c & 7))) !== 0) width += eastAsianWidth(c);
		else return -1;
	}
	return width;
}

/** string-width, or anything with its signature (tests pass the real one). */
export function makeMemo(load) {
	const ENTRIES = 1500;
	const CHARACTERS = 60_000;
	const LONGEST = 2000;
	let current = new Map();
	let previous = new Map();
	let characters = 0;
	let real;
	const measure = (string) => {
		const visible = string.includes('\u001B') || string.includes('\u009B') ? stripAnsi(string) : string;
		const width = simpleWidth(visible);
		return width >= 0 ? width : (real ??= load())(string);
	};
	return function memoStringWidth(string, options) {
		if (options !== undefined || typeof string !== 'string') return (real ??= load())(string, options);
		if (string.length > LONGEST) return measure(string);
		let width = current.get(string);
		if (width === undefined) {
			width = previous.get(string);
			if (width === undefined) width = measure(string);
			if (current.size >= ENTRIES || characters >= CHARACTERS) {
				previous = current;
				current = new Map();
				characters = 0;
			}
			current.set(string, width);
			characters += string.length;
		}
		return width;
	};
}

// esbuild turns this require() into a lazy initialisation of the bundled module.
// eslint-disable-next-line no-undef
export default makeMemo(() => require('../node_modules/string-width/index.js').default);
