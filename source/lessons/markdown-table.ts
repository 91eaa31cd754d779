/**
 * Box-drawn tables for the markdown renderer. Columns are sized to their content in display
 * columns (string-width); a table wider than the pane has its widest columns shrunk and the cell
 * text wrapped inside the cells. Too narrow for even that, each row is shown as "Header: value" lines.
 */
import {type Line, type Span, lineWidth, longestChunk, padLine, pushSpan, span, wrapSpans} from './wrap.js';

export type Align = 'left' | 'right' | 'center' | null;
export type TableInput = {align: Align[]; header: Span[][]; rows: Span[][][]};

/** Below this many columns per cell the table is stacked instead of boxed. */
const MIN_CELL = 4;
const NO_LIMIT = 100_000;
const BORDER = {dim: true};

function bold(spans: Span[]): Span[] {
	return spans.map((s) => span(s.text, {...s, bold: true}));
}

function naturalWidth(cell: Span[]): number {
	let max = 0;
	for (const line of wrapSpans(cell, NO_LIMIT)) max = Math.max(max, lineWidth(line));
	return max;
}

/** Shrinks the widest column above its floor by one column at a time until the total fits. */
function shrink(widths: number[], floors: number[], avail: number): void {
	let total = widths.reduce((a, b) => a + b, 0);
	while (total > avail) {
		let widest = -1;
		for (let c = 0; c < widths.length; c++) {
			if (widths[c]! > floors[c]! && (widest < 0 || widths[c]! > widths[widest]!)) widest = c;
		}
		if (widest < 0) return;
		widths[widest]!--;
		total--;
	}
}

function rule(widths: number[], left: string, mid: string, right: string): Line {
	return [span(left + widths.map((w) => '─'.repeat(w + 2)).join(mid) + right, BORDER)];
}

function rowLines(cells: Span[][], widths: number[], align: Align[]): Line[] {
	const wrapped = widths.map((w, c) => wrapSpans(cells[c] ?? [], w));
	const height = Math.max(1, ...wrapped.map((lines) => lines.length));
	const out: Line[] = [];
	for (let i = 0; i < height; i++) {
		const line: Line = [span('│', BORDER)];
		widths.forEach((w, c) => {
			pushSpan(line, span(' '));
			for (const s of padLine(wrapped[c]![i] ?? [], w, align[c] ?? null)) pushSpan(line, s);
			pushSpan(line, span(' '));
			pushSpan(line, span('│', BORDER));
		});
		out.push(line);
	}
	return out;
}

function stacked(header: Span[][], rows: Span[][][], width: number): Line[] {
	if (rows.length === 0) return wrapSpans(header.flatMap((h, c) => (c > 0 ? [span(' | '), ...h] : h)), width);
	const out: Line[] = [];
	rows.forEach((row, r) => {
		if (r > 0) out.push([]);
		header.forEach((h, c) => {
			const label = h.length > 0 ? [...h, span(': ', {bold: true})] : [];
			out.push(...wrapSpans([...label, ...(row[c] ?? [])], width));
		});
	});
	return out;
}

export function renderTable(table: TableInput, width: number): Line[] {
	const n = Math.max(table.header.length, ...table.rows.map((r) => r.length));
	if (n === 0) return [];
	const fill = (cells: Span[][]): Span[][] => Array.from({length: n}, (_, c) => cells[c] ?? []);
	const header = fill(table.header).map(bold);
	const rows = table.rows.map(fill);
	const all = [header, ...rows];
	const widths = Array.from({length: n}, (_, c) => Math.max(1, ...all.map((row) => naturalWidth(row[c]!))));
	const avail = width - (3 * n + 1);
	if (widths.reduce((a, b) => a + b, 0) > avail) {
		if (avail < MIN_CELL * n) return stacked(header, rows, width);
		const words = widths.map((w, c) => Math.min(w, Math.max(MIN_CELL, ...all.map((row) => longestChunk(row[c]!)))));
		shrink(widths, words, avail); // first keep words whole,
		shrink(
			widths,
			widths.map((w) => Math.min(w, MIN_CELL)),
			avail,
		); // then split them
	}
	const out: Line[] = [rule(widths, '┌', '┬', '┐'), ...rowLines(header, widths, table.align)];
	const bodies = rows.map((row) => rowLines(row, widths, table.align));
	const separate = bodies.some((lines) => lines.length > 1);
	bodies.forEach((lines, r) => {
		if (r === 0 || separate) out.push(rule(widths, '├', '┼', '┤'));
		out.push(...lines);
	});
	out.push(rule(widths, '└', '┴', '┘'));
	return out;
}
