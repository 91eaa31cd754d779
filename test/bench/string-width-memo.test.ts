/**
 * build/string-width-memo.js stands in for string-width in the bundle. Its shortcut — adding up
 * East Asian Widths for text of "simple" characters — must give exactly what string-width
 * gives, so every listed character is checked against string-width itself, alone, doubled,
 * between ASCII letters and inside styled text, and so is a seeded mix of everything.
 */
import stringWidth from 'string-width';
import {describe, expect, test} from 'vitest';
import {makeMemo, SIMPLE_RANGES, simpleWidth} from '../../build/string-width-memo.js';

const simpleChars: string[] = [];
for (const [from, to] of SIMPLE_RANGES) for (let c = from!; c <= to!; c++) simpleChars.push(String.fromCharCode(c));

describe('string-width-memo measures as string-width does', () => {
	test('every listed character: alone, doubled, between letters, styled', () => {
		let loads = 0;
		const memo = makeMemo(() => {
			loads++;
			return stringWidth;
		});
		const wrong: string[] = [];
		for (const c of simpleChars) {
			for (const text of [c, c + c, `a${c}b`, `${c}1${c}`, `\u001B[31m${c}\u001B[39m x`]) {
				if (simpleWidth(text.replace(/\u001B\[\d+m/g, '')) < 0) wrong.push(`not simple: ${JSON.stringify(text)}`);
				if (memo(text) !== stringWidth(text)) wrong.push(`${JSON.stringify(text)}: ${memo(text)} ≠ ${stringWidth(text)}`);
			}
		}
		expect(wrong.slice(0, 20)).toEqual([]);
		expect(simpleChars.length).toBeGreaterThan(20_000);
		// None of that needed string-width itself.
		expect(loads).toBe(0);
	});

	test('anything else goes to string-width: emoji, combining marks, jamo, controls, wide emoji sequences', () => {
		const memo = makeMemo(() => stringWidth);
		const texts = ['👍', '❤️', '🇨🇳', 'e\u0301', '\u1100\u1161', 'a\tb', '1\uFE0F\u20E3', '👩\u200D💻', '◽', '⌚', 'ｶﾞ', '\u00AD', '\u200B', 'x\u2028y', '가나', '\uD83D'];
		for (const text of texts) {
			expect(simpleWidth(text)).toBe(-1);
			expect(memo(text)).toBe(stringWidth(text));
		}
	});

	test('a seeded mix of simple and other characters, plain and styled, long and short, measured twice', () => {
		const memo = makeMemo(() => stringWidth);
		const others = ['👍', 'e\u0301', '\t', '가', '🇨🇳', '\u200D', '⌚', ' ', 'SYN', '─'];
		let seed = 42;
		const rand = (n: number) => {
			seed = (seed * 1_103_515_245 + 12_345) & 0x7fffffff;
			return seed % n;
		};
		for (let i = 0; i < 3000; i++) {
			let text = '';
			for (let k = 0, n = rand(i % 10 === 0 ? 400 : 12); k < n; k++) {
				const piece = rand(4) === 0 ? others[rand(others.length)]! : simpleChars[rand(simpleChars.length)]!;
				text += rand(8) === 0 ? `\u001B[1m${piece}\u001B[22m` : piece;
			}
			const want = stringWidth(text);
			expect(memo(text)).toBe(want);
			expect(memo(text)).toBe(want);
		}
	});

	test('options and non-strings are passed to string-width as they are', () => {
		const memo = makeMemo(() => stringWidth);
		expect(memo('\u001B[31mab\u001B[39m', {countAnsiEscapeCodes: true})).toBe(stringWidth('\u001B[31mab\u001B[39m', {countAnsiEscapeCodes: true}));
		expect(memo('α·β', {ambiguousIsNarrow: false})).toBe(stringWidth('α·β', {ambiguousIsNarrow: false}));
		expect(memo(undefined as unknown as string)).toBe(0);
	});
});
