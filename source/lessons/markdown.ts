/**
 * Lays out a lesson page's CommonMark as terminal lines of styled spans. Pure: no Ink, no colours,
 * no ANSI. The UI maps each span's style flags to colours and draws one <Text> per line.
 *
 * Parsing is marked's lexer; layout is ours. Every width is measured with string-width, no line
 * is wider than `width` (at least 20), blank lines are empty arrays, and it never throws.
 */
import {Lexer, type Token, type Tokens} from 'marked';
import {type Align, renderTable} from './markdown-table.js';
import {
	type Line,
	type Span,
	type SpanStyle,
	clampLine,
	graphemeWidth,
	graphemes,
	lineText,
	lineWidth,
	pushSpan,
	sanitize,
	span,
	textWidth,
	wrapSpans,
} from './wrap.js';

export type {Line, Span, SpanStyle};
export {lineText, lineWidth};

const MIN_WIDTH = 20;
const MAX_WIDTH = 1000;
/** Deeper nesting than this is shown as plain text. */
const MAX_DEPTH = 32;
/** Nested blocks keep at least this many columns (the final clamp cuts what still overflows). */
const MIN_INNER = 8;

export function renderMarkdown(markdown: string, width: number): Line[] {
	const w = Number.isNaN(width) ? MIN_WIDTH : Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, Math.floor(width)));
	let lines: Line[];
	try {
		lines = blocks(new Lexer().lex(sanitize(String(markdown ?? ''))), w, 0, false);
	} catch {
		lines = plain(markdown, w);
	}
	return lines.map((line) => clampLine(line, w));
}

/** The fallback when the markdown cannot be laid out: the text, wrapped. */
function plain(markdown: unknown, width: number): Line[] {
	try {
		return sanitize(String(markdown ?? ''))
			.split('\n')
			.flatMap((line) => (line.trim() === '' ? [[]] : wrapSpans([span(line)], width)));
	} catch {
		return [];
	}
}

function blocks(tokens: readonly Token[], width: number, depth: number, tight: boolean): Line[] {
	const out: Line[] = [];
	for (const token of tokens) {
		const lines = block(token, width, depth);
		if (lines.length === 0) continue;
		if (out.length > 0 && !tight) out.push([]);
		out.push(...lines);
	}
	return out;
}

function block(token: Token, width: number, depth: number): Line[] {
	if (depth > MAX_DEPTH) return textLines(token.raw, width);
	const t = token as Tokens.Generic;
	switch (token.type) {
		case 'space':
		case 'def':
		case 'checkbox':
			return [];
		case 'paragraph':
		case 'text':
			return wrapSpans(Array.isArray(t.tokens) ? inline(t.tokens, {}) : [span(decode(String(t.text ?? '')))], width);
		case 'heading':
			return heading(token as Tokens.Heading, width);
		case 'code':
			return code(String(t.text ?? ''), width);
		case 'blockquote':
			return quote(token as Tokens.Blockquote, width, depth);
		case 'list':
			return list(token as Tokens.List, width, depth);
		case 'table':
			return table(token as Tokens.Table, width);
		case 'hr':
			return [[span('─'.repeat(width), {dim: true})]];
		case 'html':
			return textLines(String(t.text ?? ''), width);
		default:
			if (Array.isArray(t.tokens)) return wrapSpans(inline(t.tokens, {}), width);
			return textLines(typeof t.text === 'string' ? t.text : String(t.raw ?? ''), width);
	}
}

/** Plain text shown as it is (HTML is never interpreted), each source line wrapped. */
function textLines(text: string, width: number): Line[] {
	return text
		.replace(/\n+$/, '')
		.split('\n')
		.flatMap((line) => (line.trim() === '' ? [[]] : wrapSpans([span(line.replace(/\t/g, '    '))], width)));
}

function heading(token: Tokens.Heading, width: number): Line[] {
	const lines = wrapSpans(inline(token.tokens ?? [], {bold: true, heading: true}), width);
	if (token.depth > 2 || lines.length === 0) return lines;
	const ruleWidth = Math.max(...lines.map(lineWidth));
	return [...lines, [span('─'.repeat(ruleWidth), {heading: true, dim: true})]];
}

/** Source lines prefixed by two spaces; long lines are hard-wrapped with a dim "↪ ". */
function code(text: string, width: number): Line[] {
	const avail = Math.max(1, width - 2);
	const out: Line[] = [];
	for (const source of text.split('\n')) {
		const line = sanitize(source).replace(/\t/g, '    ').trimEnd();
		if (line === '') {
			out.push([]);
			continue;
		}
		let piece = '';
		let used = 0;
		let first = true;
		const flush = (): void => {
			out.push([span(first ? '  ' : '↪ ', first ? {} : {dim: true}), span(piece, {code: true})]);
			[piece, used, first] = ['', 0, false];
		};
		for (const g of graphemes(line)) {
			const gw = graphemeWidth(g);
			if (used + gw > avail && used > 0) flush();
			piece += g;
			used += gw;
		}
		flush();
	}
	return out;
}

function nestedWidth(width: number, indent: number): number {
	return Math.max(MIN_INNER, width - indent);
}

function quote(token: Tokens.Blockquote, width: number, depth: number): Line[] {
	const inner = blocks(token.tokens ?? [], nestedWidth(width, 2), depth + 1, false);
	return inner.map((line) => {
		const out: Line = [span(line.length > 0 ? '│ ' : '│', {quote: true})];
		for (const s of line) pushSpan(out, span(s.text, {...s, quote: true}));
		return out;
	});
}

function list(token: Tokens.List, width: number, depth: number): Line[] {
	const start = typeof token.start === 'number' ? token.start : 1;
	const numbers = token.items.map((_, i) => `${start + i}.`);
	const numberWidth = Math.max(0, ...numbers.map(textWidth));
	const out: Line[] = [];
	token.items.forEach((item, i) => {
		let marker = token.ordered ? numbers[i]!.padStart(numberWidth) : '•';
		if (item.task) marker += item.checked ? ' [x]' : ' [ ]';
		const indent = textWidth(marker) + 1;
		const body = blocks(item.tokens ?? [], nestedWidth(width, indent), depth + 1, !item.loose);
		if (token.loose && i > 0) out.push([]);
		(body.length > 0 ? body : [[]]).forEach((line, j) => {
			if (j === 0) out.push([span(`${marker} `), ...line]);
			else out.push(line.length > 0 ? [span(' '.repeat(indent)), ...line] : []);
		});
	});
	return out;
}

function table(token: Tokens.Table, width: number): Line[] {
	const cells = (row: Tokens.TableCell[]): Span[][] => row.map((cell) => inline(cell.tokens ?? [], {}));
	return renderTable(
		{
			align: (token.align ?? []).map((a): Align => a ?? null),
			header: cells(token.header ?? []),
			rows: (token.rows ?? []).map(cells),
		},
		width,
	);
}

/** CJK ideographs, CJK punctuation and full-width forms: text that is written without spaces. */
const CJK = /[\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF\u3000-\u303F]/u;

/** A soft line break is a space, except between two CJK characters, where Chinese wants none. */
export function joinSoftBreaks(text: string): string {
	return text.replace(/\n/g, (_match, offset: number) => (CJK.test(text[offset - 1] ?? '') && CJK.test(text[offset + 1] ?? '') ? '' : ' '));
}

/** Inline tokens to styled spans; "\n" in a span is a hard break, soft breaks become spaces (none between CJK). */
function inline(tokens: readonly Token[], style: SpanStyle, out: Span[] = []): Span[] {
	for (const token of tokens) {
		const t = token as Tokens.Generic;
		switch (token.type) {
			case 'strong':
				inline(t.tokens ?? [], {...style, bold: true}, out);
				break;
			case 'em':
				inline(t.tokens ?? [], {...style, italic: true}, out);
				break;
			case 'del':
				inline(t.tokens ?? [], {...style, dim: true}, out);
				break;
			case 'codespan':
				out.push(span(String(t.text ?? '').replace(/\n/g, ' '), {...style, code: true}));
				break;
			case 'br':
				out.push(span('\n', style));
				break;
			case 'link':
				link(token as Tokens.Link, style, out);
				break;
			case 'image':
				out.push(span(t.text ? `[image: ${decode(String(t.text))}]` : '[image]', {...style, dim: true}));
				break;
			case 'checkbox':
				break; // shown in the list marker
			case 'escape':
			case 'html':
				out.push(span(joinSoftBreaks(String(t.text ?? '')), style));
				break;
			default:
				if (Array.isArray(t.tokens) && t.tokens.length > 0) inline(t.tokens, style, out);
				else out.push(span(joinSoftBreaks(decode(String(t.text ?? t.raw ?? ''))), style));
		}
	}
	return out;
}

function link(token: Tokens.Link, style: SpanStyle, out: Span[]): void {
	const start = out.length;
	inline(token.tokens ?? [], {...style, link: true}, out);
	const text = out
		.slice(start)
		.map((s) => s.text)
		.join('');
	const href = String(token.href ?? '');
	if (href !== '' && href !== text && href !== `mailto:${text}`) out.push(span(` (${href})`, {...style, dim: true}));
}

const ENTITIES: Record<string, string> = {
	amp: '&',
	lt: '<',
	gt: '>',
	quot: '"',
	apos: "'",
	nbsp: '\u00a0',
	copy: '©',
	reg: '®',
	mdash: '—',
	ndash: '–',
	hellip: '…',
	times: '×',
	rarr: '→',
	larr: '←',
};

/** Decodes the character references marked leaves in text (the HTML renderer would pass them on). */
function decode(text: string): string {
	return text.replace(/&(#\d{1,7}|#[xX][\da-fA-F]{1,6}|[a-zA-Z]{2,8});/g, (match, ref: string) => {
		if (ref[0] !== '#') return ENTITIES[ref] ?? match;
		const cp = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
		const valid = cp > 0 && cp <= 0x10ffff && (cp < 0xd800 || cp > 0xdfff);
		return valid ? String.fromCodePoint(cp) : '\ufffd';
	});
}
