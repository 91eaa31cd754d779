/**
 * Text measuring, sanitising and word wrapping for the markdown renderer (markdown.ts).
 * Widths are display columns as string-width counts them (CJK = 2), never `.length`.
 */
import stringWidth from 'string-width';

export type SpanStyle = {
	bold?: boolean;
	italic?: boolean;
	code?: boolean;
	heading?: boolean;
	quote?: boolean;
	link?: boolean;
	dim?: boolean;
};
export type Span = {text: string} & SpanStyle;
/** One terminal line; never wider than the width it was laid out for. */
export type Line = Span[];

const STYLE_KEYS = ['bold', 'italic', 'code', 'heading', 'quote', 'link', 'dim'] as const;

/** A span with only the style flags that are set, so that output compares cleanly. */
export function span(text: string, style: SpanStyle = {}): Span {
	const out: Span = {text};
	for (const key of STYLE_KEYS) if (style[key]) out[key] = true;
	return out;
}

function sameStyle(a: SpanStyle, b: SpanStyle): boolean {
	return STYLE_KEYS.every((key) => Boolean(a[key]) === Boolean(b[key]));
}

/* eslint-disable no-control-regex */
const ESC_SEQUENCES = new RegExp(
	[
		'\\x1b[P\\]X^_][^\\x07\\x1b\\x9c]*(?:\\x07|\\x1b\\\\|\\x9c)', // OSC, DCS, SOS, PM, APC (to BEL or ST)
		'\\x1b\\[[0-?]*[ -/]*[@-~]?', // CSI
		'\\x1b[ -/]*[0-~]?', // other escape sequences
		'[\\x90\\x98\\x9d\\x9e\\x9f][^\\x07\\x1b\\x9c]*(?:\\x07|\\x1b\\\\|\\x9c)', // 8-bit string controls
		'\\x9b[0-?]*[ -/]*[@-~]?', // 8-bit CSI
	].join('|'),
	'g',
);
const CONTROLS = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/g;
/* eslint-enable no-control-regex */

/**
 * Removes terminal control sequences and C0/C1 controls except \n and \t; CRLF and CR become \n.
 * An unterminated string sequence loses only its introducer, never the text after it.
 */
export function sanitize(text: string): string {
	return text.replace(/\r\n?/g, '\n').replace(ESC_SEQUENCES, '').replace(CONTROLS, '');
}

const segmenter = new Intl.Segmenter(undefined, {granularity: 'grapheme'});
const widthCache = new Map<string, number>();

export function graphemes(text: string): string[] {
	const out: string[] = [];
	for (const {segment} of segmenter.segment(text)) out.push(segment);
	return out;
}

/** Display columns of one grapheme (cached). */
export function graphemeWidth(g: string): number {
	if (g.length === 1) {
		const c = g.charCodeAt(0);
		if (c >= 0x20 && c < 0x7f) return 1;
	}
	let w = widthCache.get(g);
	if (w === undefined) {
		w = stringWidth(g);
		if (widthCache.size < 10_000) widthCache.set(g, w);
	}
	return w;
}

export function textWidth(text: string): number {
	return stringWidth(text);
}

export function lineWidth(line: Line): number {
	let w = 0;
	for (const s of line) w += stringWidth(s.text);
	return w;
}

export function lineText(line: Line): string {
	return line.map((s) => s.text).join('');
}

/** Appends a span to a line, merging it into the last span when the styles are equal. */
export function pushSpan(line: Line, s: Span): void {
	if (s.text === '') return;
	const last = line.at(-1);
	if (last && sameStyle(last, s)) last.text += s.text;
	else line.push(span(s.text, s));
}

/** Characters that must not start a line (kinsoku): closing brackets and punctuation. */
const CLOSING = new Set([...'，。、；：！？）」』】〉》〕〗〙〛”’．,.;:!?)]}…‥・ー々〜ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ％']);
/** Characters that must not end a line: opening brackets and quotes. */
const OPENING = new Set([...'（「『【〈《〔〖〘〚“‘([{']);
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303f\uff00-\uffef]/u;
const SPACE = /^[ \t\u3000\u2000-\u200a\u1680\u205f]+$/u;

function breakableGrapheme(g: string): boolean {
	return graphemeWidth(g) >= 2 || CJK.test(g);
}

/** May a line break between two adjacent graphemes with no whitespace between them? */
function breakBetween(a: string, b: string): boolean {
	if (CLOSING.has(b) || OPENING.has(a)) return false;
	return breakableGrapheme(a) || breakableGrapheme(b);
}

type Piece = {text: string; style: SpanStyle};
type Run = {kind: 'space' | 'chunk'; pieces: Piece[]; w: number};
type Item = Run | {kind: 'br'};

function addPiece(pieces: Piece[], g: string, style: SpanStyle): void {
	const last = pieces.at(-1);
	if (last && last.style === style) last.text += g;
	else pieces.push({text: g, style});
}

/** Splits styled text into unbreakable chunks, breakable spaces and hard breaks ("\n"). */
function itemize(spans: readonly Span[]): Item[] {
	const items: Item[] = [];
	let chunk: Run | null = null;
	let space: Run | null = null;
	let prev: string | null = null;
	for (const s of spans) {
		const style: SpanStyle = s;
		for (const g of graphemes(sanitize(s.text))) {
			if (g === '\n') {
				chunk = space = null;
				prev = null;
				items.push({kind: 'br'});
				continue;
			}
			const w = graphemeWidth(g);
			if (SPACE.test(g)) {
				chunk = null;
				prev = null;
				if (!space) items.push((space = {kind: 'space', pieces: [], w: 0}));
				const text = g.replace(/\t/g, ' ');
				addPiece(space.pieces, text, style);
				space.w += textWidth(text);
				continue;
			}
			space = null;
			if (!chunk || (prev !== null && breakBetween(prev, g))) items.push((chunk = {kind: 'chunk', pieces: [], w: 0}));
			addPiece(chunk.pieces, g, style);
			chunk.w += w;
			prev = g;
		}
	}
	return items;
}

/** Width of the widest unbreakable run (a Latin word, or a CJK character with its punctuation). */
export function longestChunk(spans: readonly Span[]): number {
	let max = 0;
	for (const item of itemize(spans)) if (item.kind === 'chunk') max = Math.max(max, item.w);
	return max;
}

/**
 * Word-wraps styled text to `width` columns. Breaks at spaces and between CJK characters, keeps
 * Latin words whole unless they are wider than the line, never starts a line with closing
 * punctuation when avoidable, and breaks lines at "\n". Spaces at a break are dropped.
 */
export function wrapSpans(spans: readonly Span[], width: number): Line[] {
	const w = Math.max(1, Math.floor(width));
	const lines: Line[] = [];
	let line: Line = [];
	let used = 0;
	let pending = null as Run | null;
	const finish = (): void => {
		lines.push(line);
		line = [];
		used = 0;
		pending = null;
	};
	const put = (p: Piece): void => pushSpan(line, span(p.text, p.style));
	for (const item of itemize(spans)) {
		if (item.kind === 'br') {
			finish();
			continue;
		}
		if (item.kind === 'space') {
			if (used > 0) pending = item;
			continue;
		}
		const gap = pending ? pending.w : 0;
		// Move to a new line unless a long word can start in the (roomy) rest of this one.
		if (used > 0 && used + gap + item.w > w && (item.w <= w || w - used - gap < 8)) finish();
		if (pending) {
			for (const p of pending.pieces) put(p);
			used += pending.w;
		}
		pending = null;
		if (used + item.w <= w) {
			for (const p of item.pieces) put(p);
			used += item.w;
			continue;
		}
		// Wider than the line: hard-split by grapheme.
		for (const p of item.pieces) {
			for (let g of graphemes(p.text)) {
				let gw = graphemeWidth(g);
				if (gw > w) [g, gw] = ['?', 1];
				if (used + gw > w) finish();
				put({text: g, style: p.style});
				used += gw;
			}
		}
	}
	if (line.length > 0 || lines.length > 0) lines.push(line);
	return lines;
}

/** Cuts a line to `width` columns (the last-resort guarantee; layout normally never needs it). */
export function clampLine(line: Line, width: number): Line {
	if (lineWidth(line) <= width) return line;
	const out: Line = [];
	let used = 0;
	for (const s of line) {
		for (const g of graphemes(s.text)) {
			const gw = graphemeWidth(g);
			if (used + gw > width) return out;
			pushSpan(out, span(g, s));
			used += gw;
		}
	}
	return out;
}

/** Pads a line with spaces to exactly `width` columns, aligned left, right or centre. */
export function padLine(line: Line, width: number, align: 'left' | 'right' | 'center' | null): Line {
	const extra = Math.max(0, width - lineWidth(line));
	const left = align === 'right' ? extra : align === 'center' ? Math.floor(extra / 2) : 0;
	const out: Line = [];
	if (left > 0) out.push(span(' '.repeat(left)));
	for (const s of line) pushSpan(out, s);
	if (extra - left > 0) pushSpan(out, span(' '.repeat(extra - left)));
	return out;
}
