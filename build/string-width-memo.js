// Ink measures every character and every line of every frame with string-width (directly,
// and through widest-line and cli-truncate); for box-drawing and CJK characters that means
// Intl.Segmenter and an emoji regex each time. string-width is pure and most lines repeat from
// one frame to the next, so results are remembered (bounded: the cache is dropped when full).
// The bundle routes every import of string-width here (build/bundle.mjs).
import stringWidth from '../node_modules/string-width/index.js';

const cache = new Map();

export default function memoStringWidth(string, options) {
	if (options !== undefined || typeof string !== 'string' || string.length > 300) return stringWidth(string, options);
	let width = cache.get(string);
	if (width === undefined) {
		width = stringWidth(string);
		if (cache.size >= 20_000) cache.clear();
		cache.set(string, width);
	}
	return width;
}
