/**
 * Semantic colour tokens: components name a meaning, never a colour. With NO_COLOR or
 * --no-color every token is colourless and meaning survives in symbols (✗ ↻ ⏱ ✓).
 */
import type {TextProps} from 'ink';

export type Token =
	| 'text'
	| 'dim'
	| 'accent'
	| 'heading'
	| 'focus'
	| 'ok'
	| 'warn'
	| 'error'
	| 'state'
	| 'syn'
	| 'fin'
	| 'rst'
	| 'ack'
	| 'data'
	| 'lost'
	| 'timer'
	| 'code'
	| 'key';

const COLOURS: Record<Token, TextProps> = {
	text: {},
	dim: {dimColor: true},
	accent: {color: 'cyan'},
	heading: {color: 'cyan', bold: true},
	focus: {color: 'black', backgroundColor: 'cyan'},
	ok: {color: 'green'},
	warn: {color: 'yellow'},
	error: {color: 'red'},
	state: {color: 'magenta', bold: true},
	syn: {color: 'green'},
	fin: {color: 'yellow'},
	rst: {color: 'red'},
	ack: {color: 'blue'},
	data: {color: 'white', bold: true},
	lost: {color: 'red', dimColor: true},
	timer: {color: 'yellow'},
	code: {color: 'yellow'},
	key: {color: 'cyan', bold: true},
};

const PLAIN: Partial<Record<Token, TextProps>> = {heading: {bold: true}, focus: {inverse: true}, state: {bold: true}, key: {bold: true}, data: {bold: true}};

export type Theme = {color: boolean; style: (token: Token) => TextProps};

export function makeTheme(color: boolean): Theme {
	return {color, style: (token) => (color ? COLOURS[token] : (PLAIN[token] ?? {}))};
}

export const SYMBOLS = {lost: '✗', retransmission: '↻', timer: '⏱', done: '✓', todo: '☐', warn: '⚠', cursor: '▸', pause: '⏸', play: '▶'} as const;

/** The token for a segment's colour: its most telling flag. */
export function segmentToken(flags: readonly string[]): Token {
	if (flags.includes('RST')) return 'rst';
	if (flags.includes('SYN')) return 'syn';
	if (flags.includes('FIN')) return 'fin';
	if (flags.includes('PSH')) return 'data';
	// A label that names no TCP flag is a message riding on TCP (ClientHello, Finished, …).
	return flags.includes('ACK') ? 'ack' : 'data';
}
