// Drop-in replacements for ink 6.8's build/wrap-text.js and build/measure-text.js with the same
// results (but for a truncated wide character, see wrapText), remembered in bounded tables.
// ink keeps every text it ever wrapped or measured in a plain object / Map that is never emptied, so a long session grows without end: every clock
// reading, timer countdown, log line and arrow label of every frame stays. Here results live
// in a current and a previous table; when the current one is full it becomes the previous one,
// and a result found there moves back (what recent frames use stays, the rest goes).
import cliTruncate from 'cli-truncate';
import stringWidth from 'string-width';
import widestLine from 'widest-line';
import wrapAnsi from 'wrap-ansi';

const ENTRIES = 1000;

function boundedCache() {
	let current = new Map();
	let previous = new Map();
	return {
		get(key) {
			let value = current.get(key);
			if (value === undefined) {
				value = previous.get(key);
				if (value !== undefined) this.set(key, value);
			}
			return value;
		},
		set(key, value) {
			if (current.size >= ENTRIES) {
				previous = current;
				current = new Map();
			}
			current.set(key, value);
		},
	};
}

const wrapped = boundedCache();

/** ink's wrapText(text, maxWidth, wrapType). */
export function wrapText(text, maxWidth, wrapType) {
	const key = text + String(maxWidth) + String(wrapType);
	const cached = wrapped.get(key);
	// ink tests the cached text for truthiness: an empty result is computed again (same result).
	if (cached) return cached;
	let out = text;
	if (wrapType === 'wrap') out = wrapAnsi(text, maxWidth, {trim: false, hard: true});
	if (wrapType.startsWith('truncate')) {
		let position = 'end';
		if (wrapType === 'truncate-middle') position = 'middle';
		if (wrapType === 'truncate-start') position = 'start';
		out = cliTruncate(text, maxWidth, {position});
		// The one place this differs from ink: cli-truncate overshoots by a column when a wide
		// character (CJK) straddles the cut, and the extra column pushes a box's border out of
		// its row. Cut a column shorter until it fits.
		for (let w = maxWidth - 1; w > 0 && stringWidth(out) > maxWidth; w--) out = cliTruncate(text, w, {position});
	}
	wrapped.set(key, out);
	return out;
}

const measured = boundedCache();

/** ink's measureText(text). */
export function measureText(text) {
	if (text.length === 0) return {width: 0, height: 0};
	let dimensions = measured.get(text);
	if (dimensions === undefined) {
		dimensions = {width: widestLine(text), height: text.split('\n').length};
		measured.set(text, dimensions);
	}
	return dimensions;
}
