// A drop-in replacement for ink 6.8's build/output.js (the "virtual output" every frame is drawn
// into), producing the same frame strings with a small fraction of the allocation.
//
// Why: ink's Output.get() builds a grid of one object (with its own `styles` array) per cell —
// 10,000 at 200×50 — tokenizes and re-styles every line again on every frame (its caches live
// for one frame), re-slices clipped lines with slice-ansi, and serialises each row with
// styledCharsToString, which allocates three Sets and several arrays per cell. Measured over
// 100 keys in the TCP lab at 200×50 that was ~1.7 GB of garbage (~17 MB a key): the young
// generation grew to its maximum and ~2 MB a key was promoted, which is where the lab's peak
// RSS went (build/PERF.md has the numbers).
//
// What is different here (the output is byte-for-byte the same; test/bench/ink-output.test.ts
// compares the two on the same operations):
// - a cell is two array slots (its text, a number naming its style), in row buffers reused
//   from frame to frame;
// - a style (a list of SGR codes) is interned once, and the escape text between two styles is
//   computed once per pair with ansi-tokenize's own diffAnsiCodes/ansiCodesToString;
// - a line's cells, a clipped slice of a line, the widest line of a text and a row's finished
//   text are remembered for the frame they were used in and the next one (so the caches hold
//   about two frames' worth; a row that only moved, as in a scrolling log, is found again).
import sliceAnsi from 'slice-ansi';
import stringWidth from 'string-width';
import {ansiCodesToString, diffAnsiCodes, styledCharsFromTokens, tokenize} from '@alcalzone/ansi-tokenize';

// ---------------------------------------------------------------- styles

/** Style id → the SGR code list (ansi-tokenize's objects). Id 0 is "no style". */
let styleList = [[]];
let styleIds = new Map([['', 0]]);
/** Escape text between two styles (by id pair), as styledCharsToString writes it. */
let diffs = new Map();
/** Escape text that opens a style at the start of a row. */
let opens = [''];

function styleIdOf(styles) {
	if (styles.length === 0) return 0;
	// diffAnsiCodes, undoAnsiCodes and ansiCodesToString read only `code` and `endCode`.
	let key = '';
	for (const c of styles) key += `${c.code}\u0000${c.endCode}\u0001`;
	let id = styleIds.get(key);
	if (id === undefined) {
		id = styleList.length;
		styleList.push(styles);
		styleIds.set(key, id);
		opens.push(ansiCodesToString(styles));
	}
	return id;
}

function diffText(from, to) {
	if (from === to) return ''; // diffAnsiCodes(x, x) is empty
	const key = from * 1_048_576 + to;
	let text = diffs.get(key);
	if (text === undefined) {
		text = ansiCodesToString(diffAnsiCodes(styleList[from], styleList[to]));
		diffs.set(key, text);
	}
	return text;
}

// ---------------------------------------------------------------- two-frame caches

class FrameCache {
	current = new Map();
	previous = new Map();
	get(key) {
		let value = this.current.get(key);
		if (value === undefined) {
			value = this.previous.get(key);
			if (value !== undefined) this.current.set(key, value);
		}
		return value;
	}
	set(key, value) {
		this.current.set(key, value);
	}
	/** A new frame: what the last two frames did not use is forgotten. */
	turn() {
		this.previous = this.current;
		this.current = new Map();
	}
}

/** Line (after transformers) → its cells: {values, widths, styles}. */
const cellCache = new FrameCache();
/** line → (from × 2²⁰ + to → sliceAnsi(line, from, to)). */
const sliceCache = new FrameCache();
/** Text → its widest line. */
const widestCache = new FrameCache();

function cellsOf(line) {
	let cells = cellCache.get(line);
	if (cells === undefined) {
		const chars = styledCharsFromTokens(tokenize(line));
		const n = chars.length;
		cells = {values: new Array(n), widths: new Array(n), styles: new Array(n)};
		for (let i = 0; i < n; i++) {
			const ch = chars[i];
			cells.values[i] = ch.value;
			cells.widths[i] = Math.max(1, stringWidth(ch.value));
			cells.styles[i] = styleIdOf(ch.styles);
		}
		cellCache.set(line, cells);
	}
	return cells;
}

function sliced(line, from, to) {
	if (from >= 1_048_576 || to >= 1_048_576) return sliceAnsi(line, from, to);
	let byRange = sliceCache.get(line);
	if (byRange === undefined) {
		byRange = new Map();
		sliceCache.set(line, byRange);
	}
	const key = from * 1_048_576 + to;
	let text = byRange.get(key);
	if (text === undefined) {
		text = sliceAnsi(line, from, to);
		byRange.set(key, text);
	}
	return text;
}

function widestLine(text) {
	let width = widestCache.get(text);
	if (width === undefined) {
		width = 0;
		for (const line of text.split('\n')) width = Math.max(width, stringWidth(line));
		widestCache.set(text, width);
	}
	return width;
}

// ---------------------------------------------------------------- row buffers

/**
 * The rows of the frame being drawn, reused from frame to frame: `values[y][x]` is the text of
 * cell x (`undefined` = a hole, which ink skips), `styles[y][x]` its style id.
 */
const rows = {values: [], styles: []};

function resetRows(width, height) {
	// ink's grid has ceil(width) cells in ceil(height) rows (its loops run while x < width).
	width = Math.max(0, Math.ceil(width));
	height = Math.max(0, Math.ceil(height));
	for (let y = 0; y < height; y++) {
		let values = rows.values[y];
		let styles = rows.styles[y];
		if (values === undefined) {
			values = rows.values[y] = [];
			styles = rows.styles[y] = [];
		}
		values.length = width;
		styles.length = width;
		values.fill(' ');
		styles.fill(0);
	}
	// Forget rows of a taller frame (the next frame may be shorter for a long time).
	rows.values.length = height;
	rows.styles.length = height;
}

/**
 * Row texts of the last two frames, found by a hash of the row's cells (and checked cell by
 * cell): after a key most rows are the same as before, often one line higher or lower (a log or
 * a diagram that scrolls), and their text is not built again. hash → [{values, styles, text}]
 */
const rowCache = new FrameCache();

function hashRow(values, styles) {
	let h = values.length;
	for (let i = 0; i < values.length; i++) {
		const v = values[i];
		let c;
		if (v === undefined) c = -1;
		else if (v.length === 1) c = v.charCodeAt(0);
		else {
			c = v.length;
			for (let k = 0; k < v.length; k++) c = (Math.imul(c, 31) + v.charCodeAt(k)) | 0;
		}
		h = Math.imul(h ^ c, 0x01000193);
		h = Math.imul(h ^ styles[i], 0x01000193);
	}
	return h;
}

function sameCells(entry, values, styles) {
	const ev = entry.values;
	const es = entry.styles;
	if (ev.length !== values.length) return false;
	for (let x = 0; x < values.length; x++) if (ev[x] !== values[x] || es[x] !== styles[x]) return false;
	return true;
}

function rowTextOf(values, styles) {
	const hash = hashRow(values, styles);
	const bucket = rowCache.get(hash);
	if (bucket !== undefined) for (const entry of bucket) if (sameCells(entry, values, styles)) return entry.text;
	const entry = {values: values.slice(), styles: styles.slice(), text: rowText(values, styles)};
	if (bucket === undefined) rowCache.set(hash, [entry]);
	else bucket.push(entry);
	return entry.text;
}

/** Reused: the pieces of one row, joined once (no chain of partial strings per cell). */
const parts = [];
/** How many of `parts` the last row filled (the rest are ''). */
let partsUsed = 0;

/** One row as styledCharsToString(cells).trimEnd() would write it. */
function rowText(values, styles) {
	let n = 0;
	let previous = -1;
	for (let i = 0; i < values.length; i++) {
		const value = values[i];
		if (value === undefined) continue; // ink filters out holes
		const style = styles[i];
		if (style !== previous) parts[n++] = previous === -1 ? opens[style] : diffText(previous, style);
		parts[n++] = value;
		previous = style;
	}
	if (previous !== -1) parts[n++] = diffText(previous, 0);
	// join() takes the whole array: what a longer row left after n is blanked.
	for (let i = n; i < partsUsed; i++) parts[i] = '';
	partsUsed = n;
	return parts.join('').trimEnd();
}

// ---------------------------------------------------------------- Output

export default class Output {
	width;
	height;
	operations = [];

	constructor(options) {
		const {width, height} = options;
		this.width = width;
		this.height = height;
	}

	write(x, y, text, options) {
		const {transformers} = options;
		if (!text) return;
		this.operations.push({type: 'write', x, y, text, transformers});
	}

	clip(clip) {
		this.operations.push({type: 'clip', clip});
	}

	unclip() {
		this.operations.push({type: 'unclip'});
	}

	get() {
		cellCache.turn();
		sliceCache.turn();
		widestCache.turn();
		if (styleList.length > 4096) {
			// Never in practice (the theme has a few dozen styles); keeps the tables bounded.
			styleList = [[]];
			styleIds = new Map([['', 0]]);
			diffs = new Map();
			opens = [''];
			for (const cache of [cellCache, rowCache]) {
				cache.current = new Map();
				cache.previous = new Map();
			}
		}
		rowCache.turn();
		resetRows(this.width, this.height);
		const rowValues = rows.values;
		const rowStyles = rows.styles;
		const clips = [];
		for (const operation of this.operations) {
			if (operation.type === 'clip') clips.push(operation.clip);
			if (operation.type === 'unclip') clips.pop();
			if (operation.type !== 'write') continue;
			const {text, transformers} = operation;
			let {x, y} = operation;
			let lines = text.includes('\n') ? text.split('\n') : [text];
			const clip = clips.at(-1);
			if (clip) {
				const clipHorizontally = typeof clip?.x1 === 'number' && typeof clip?.x2 === 'number';
				const clipVertically = typeof clip?.y1 === 'number' && typeof clip?.y2 === 'number';
				if (clipHorizontally) {
					const w = widestLine(text);
					if (x + w < clip.x1 || x > clip.x2) continue;
				}
				if (clipVertically) {
					const h = lines.length;
					if (y + h < clip.y1 || y > clip.y2) continue;
				}
				if (clipHorizontally) {
					lines = lines.map((line) => {
						const from = x < clip.x1 ? clip.x1 - x : 0;
						const w = stringWidth(line);
						const to = x + w > clip.x2 ? clip.x2 - x : w;
						return sliced(line, from, to);
					});
					if (x < clip.x1) x = clip.x1;
				}
				if (clipVertically) {
					const from = y < clip.y1 ? clip.y1 - y : 0;
					const h = lines.length;
					const to = y + h > clip.y2 ? clip.y2 - y : h;
					lines = lines.slice(from, to);
					if (y < clip.y1) y = clip.y1;
				}
			}
			for (let index = 0; index < lines.length; index++) {
				const values = rowValues[y + index];
				const styles = rowStyles[y + index];
				// ink skips a line whose row does not exist, and (its offset no longer advancing)
				// every line after it.
				if (values === undefined) break;
				let line = lines[index];
				for (const transformer of transformers) line = transformer(line, index);
				const cells = cellsOf(line);
				let offsetX = x;
				for (let i = 0; i < cells.values.length; i++) {
					const w = cells.widths[i];
					const style = cells.styles[i];
					// A negative or fractional column is a property, not a cell, of ink's row arrays: never printed.
					const column = Number.isInteger(offsetX) && offsetX >= 0;
					if (column) {
						values[offsetX] = cells.values[i];
						styles[offsetX] = style;
					}
					// A wide character owns the cells it covers (empty text, its style).
					for (let k = 1; k < w; k++) {
						if (column || (Number.isInteger(offsetX) && offsetX + k >= 0)) {
							values[offsetX + k] = '';
							styles[offsetX + k] = style;
						}
					}
					offsetX += w;
				}
			}
		}
		let output = '';
		for (let y = 0; y < rowValues.length; y++) {
			if (y > 0) output += '\n';
			output += rowTextOf(rowValues[y], rowStyles[y]);
		}
		return {output, height: rowValues.length};
	}
}
