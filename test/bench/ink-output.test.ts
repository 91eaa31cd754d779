/**
 * build/ink-output.js replaces ink's frame buffer (node_modules/ink/build/output.js) in the
 * bundle. It must write exactly the same frames: the same operations go through both, frame
 * after frame (its caches and reused rows carry over from one frame to the next), and the
 * strings are compared. The operations are hand-picked edge cases and a seeded random mix of
 * styled, wide, clipped, transformed and out-of-range writes. build/ink-text-caches.js
 * replaces ink's wrapText and measureText: the same results, from bounded tables.
 */
import {Chalk} from 'chalk';
import {describe, expect, test} from 'vitest';
import stringWidth from 'string-width';
import FastOutput from '../../build/ink-output.js';
import {measureText, wrapText} from '../../build/ink-text-caches.js';
import inkMeasureText from '../../node_modules/ink/build/measure-text.js';
import InkOutput from '../../node_modules/ink/build/output.js';
import inkWrapText from '../../node_modules/ink/build/wrap-text.js';

const chalk = new Chalk({level: 3});
type Transformer = (line: string, index: number) => string;
type Clip = {x1: number | undefined; x2: number | undefined; y1: number | undefined; y2: number | undefined};
type Op = {write: [number, number, string, Transformer[]]} | {clip: Clip} | {unclip: true};
type Frame = {width: number; height: number; ops: Op[]};

function draw(Output: typeof InkOutput, frame: Frame): {output: string; height: number} {
	const out = new Output({width: frame.width, height: frame.height});
	for (const op of frame.ops) {
		if ('write' in op) out.write(op.write[0], op.write[1], op.write[2], {transformers: op.write[3]});
		else if ('clip' in op) out.clip(op.clip);
		else out.unclip();
	}
	return out.get();
}

function same(frames: Frame[]): void {
	for (const [i, frame] of frames.entries()) {
		const want = draw(InkOutput, frame);
		const got = draw(FastOutput, frame);
		expect({frame: i, ...got}).toEqual({frame: i, ...want});
	}
}

const w = (x: number, y: number, text: string, ...transformers: Transformer[]): Op => ({write: [x, y, text, transformers]});
const clip = (x1?: number, x2?: number, y1?: number, y2?: number): Op => ({clip: {x1, x2, y1, y2}});
const unclip: Op = {unclip: true};

describe('the same frames as ink', () => {
	test('plain, overlapping, multi-line and empty writes; trailing spaces trimmed as ink trims them', () => {
		same([
			{width: 20, height: 4, ops: [w(0, 0, 'hello'), w(3, 0, 'XY'), w(1, 1, 'a\nb\nc'), w(0, 3, ''), w(5, 3, 'end   ')]},
			{width: 20, height: 4, ops: [w(0, 0, 'hello'), w(3, 0, 'XY'), w(1, 1, 'a\nb\nc')]},
			{width: 20, height: 2, ops: [w(0, 0, 'ideographic\u3000'), w(0, 1, 'nbsp\u00A0')]},
			{width: 0, height: 0, ops: [w(0, 0, 'nothing')]},
			{width: 3, height: 1, ops: []},
		]);
	});

	test('styles: colours, background, bold and dim together, nested and reset codes, truecolour, links', () => {
		const link = '\u001B]8;;https://example.com\u0007link\u001B]8;;\u0007';
		same([
			{
				width: 40,
				height: 5,
				ops: [
					w(0, 0, chalk.red('red') + ' plain ' + chalk.bold.dim('both')),
					w(2, 1, chalk.bgBlue.white(' on blue ') + chalk.inverse('inv')),
					w(0, 2, chalk.rgb(10, 200, 30)('truecolour ') + chalk.ansi256(202)('256')),
					w(0, 3, `${chalk.green(`outer ${chalk.underline('inner')} outer`)}\u001B[0m after reset`),
					w(0, 4, `${link} ${chalk.italic.strikethrough('x')}`),
				],
			},
			// Half of a styled word overwritten by another style.
			{width: 40, height: 2, ops: [w(0, 0, chalk.red('abcdefgh')), w(3, 0, chalk.blue('XY')), w(0, 1, chalk.cyan('cyan') + '     ')]},
		]);
	});

	test('wide characters: CJK and emoji take two cells, and a write over half of one', () => {
		same([
			{width: 12, height: 3, ops: [w(0, 0, '三次握手'), w(0, 1, chalk.yellow('全连接队列')), w(0, 2, 'a👍b❤️c🇨🇳')]},
			{width: 12, height: 2, ops: [w(0, 0, '三次握手'), w(1, 0, 'x'), w(0, 1, chalk.red('四次挥手')), w(2, 1, chalk.green('半'))]},
			// A wide character at the last column spills past the width, as in ink.
			{width: 5, height: 1, ops: [w(4, 0, '宽')]},
		]);
	});

	test('clips: horizontal, vertical, both, nested (the innermost applies), wholly outside', () => {
		same([
			{
				width: 30,
				height: 8,
				ops: [
					clip(2, 10, 1, 4),
					w(0, 0, 'line zero that is long\nline one that is long\nline two\nline three\nline four\nline five'),
					w(8, 2, chalk.red('redredred') + 'plain'),
					w(5, 3, '三次握手三次握手'),
					clip(20, 25, undefined, undefined),
					w(18, 5, 'nested clip'),
					w(26, 6, 'outside to the right'),
					unclip,
					w(40, 2, 'far right'),
					w(0, 7, 'below'),
					unclip,
					w(0, 7, 'unclipped'),
				],
			},
		]);
	});

	test('transformers see each line with its index, after clipping', () => {
		const number: Transformer = (line, i) => `${i}:${line}`;
		const paint: Transformer = (line) => chalk.magenta(line);
		same([
			{width: 30, height: 4, ops: [w(0, 0, 'one\ntwo\nthree', number, paint), clip(0, 6, 1, 3), w(0, 0, 'aaaaaaaaaa\nbbbbbbbbbb\ncccccccccc', number), unclip]},
		]);
	});

	test('writes past the edges: below the last row, above the first, left of the first column, beyond the width', () => {
		same([
			{width: 10, height: 3, ops: [w(0, 2, 'last\nbeyond'), w(0, -1, 'above\nfirst?'), w(-2, 1, 'left'), w(12, 0, 'far'), w(8, 1, 'overflowing')]},
			{width: 10, height: 2, ops: [w(-1, 0, '三次'), w(0, 1, 'ok')]},
		]);
	});

	test('a frame that repeats and one that changes a row reuse nothing stale', () => {
		const base: Op[] = [w(0, 0, chalk.red('top')), w(0, 1, 'middle'), w(0, 2, chalk.blue('bottom'))];
		same([
			{width: 10, height: 3, ops: base},
			{width: 10, height: 3, ops: base},
			{width: 10, height: 3, ops: [...base, w(0, 1, chalk.green('MIDDLE'))]},
			{width: 10, height: 3, ops: base},
			{width: 12, height: 3, ops: base},
			{width: 12, height: 2, ops: base},
			{width: 12, height: 4, ops: base},
		]);
	});

	test('more styles than the style table holds: the tables start again and frames stay right', () => {
		const frames: Frame[] = [];
		for (let f = 0; f < 6; f++) {
			const ops: Op[] = [];
			for (let y = 0; y < 40; y++) {
				let line = '';
				for (let x = 0; x < 30; x++) line += chalk.ansi256((f * 40 + y) % 256).bgAnsi256((x * 7 + f) % 256)('#');
				ops.push(w(0, y, line));
			}
			frames.push({width: 30, height: 40, ops});
		}
		same(frames);
	});

	test('a seeded random mix of everything, 300 frames through the same caches', () => {
		let seed = 0x5eed;
		const rand = (n: number) => {
			seed = (seed * 1_103_515_245 + 12_345) & 0x7fffffff;
			return seed % n;
		};
		const pieces = ['SYN', 'ACK 101', '三次握手', '├─▶┤', '┈┈▷', '👍', ' ', '  ', 'TIME-WAIT', '证书链', 'x'];
		const styles = [(s: string) => s, chalk.red, chalk.bold, chalk.dim, chalk.bgBlue, chalk.cyan.bold, chalk.ansi256(99), chalk.inverse];
		const text = () => {
			const lines = [];
			for (let l = 0, n = 1 + rand(3); l < n; l++) {
				let line = '';
				for (let p = 0, k = rand(5); p < k; p++) line += styles[rand(styles.length)]!(pieces[rand(pieces.length)]!);
				lines.push(line);
			}
			return lines.join('\n');
		};
		const frames: Frame[] = [];
		let previous: Op[] = [];
		for (let f = 0; f < 300; f++) {
			const width = [20, 40, 41][rand(3)]!;
			const height = [5, 12][rand(2)]!;
			// Often mostly the frame before (as after a key), sometimes all new.
			const ops: Op[] = rand(3) === 0 ? [] : previous.filter(() => rand(5) !== 0);
			let open = 0;
			for (let i = 0, n = rand(12); i < n; i++) {
				const r = rand(10);
				if (r === 0) {
					ops.push(clip(rand(3) === 0 ? undefined : rand(width), rand(3) === 0 ? undefined : rand(width + 5), rand(height), rand(height + 2)));
					open++;
				} else if (r === 1 && open > 0) {
					ops.push(unclip);
					open--;
				} else {
					const transformers = rand(4) === 0 ? [styles[rand(styles.length)]!] : [];
					ops.push(w(rand(width + 4) - 2, rand(height + 2) - 1, text(), ...transformers));
				}
			}
			while (open-- > 0) ops.push(unclip);
			frames.push({width, height, ops});
			previous = ops;
		}
		same(frames);
	});
});

describe('the same wrapping and measuring as ink, from bounded tables', () => {
	const texts = [
		'',
		'short',
		'a line long enough to wrap at twenty columns, and then some more words',
		chalk.red('styled ') + chalk.bold('words that wrap') + ' plain tail',
		'三次握手与四次挥手，半连接队列和全连接队列',
		'two\nlines, the second one is the longer of them',
		'👍 emoji and ❤️ hearts wrap too',
		'   leading and trailing spaces   ',
	];
	const modes = ['wrap', 'truncate', 'truncate-end', 'truncate-middle', 'truncate-start'] as const;

	test('wrapText and measureText give ink\'s results, asked once or many times', () => {
		for (let round = 0; round < 3; round++) {
			for (const text of texts) {
				expect(measureText(text)).toEqual(inkMeasureText(text));
				for (const width of [1, 5, 20, 80]) {
					for (const mode of modes) {
						const ink = inkWrapText(text, width, mode);
						// ink's truncation overshoots at a wide character; ours fits (next test).
						if (mode.startsWith('truncate') && stringWidth(ink) > width) expect(stringWidth(wrapText(text, width, mode))).toBeLessThanOrEqual(width);
						else expect(wrapText(text, width, mode)).toBe(ink);
					}
				}
			}
		}
	});

	test('a truncated line never gets wider than its box, where ink\'s overshoots by a wide character', () => {
		const text = '☐ 建立一条连接（焦点在客户端，按 c，再按三次 space），直到两端都进入 ESTABLISHED';
		expect(stringWidth(inkWrapText(text, 62, 'truncate-end'))).toBe(63); // the bug, as ink 6.8 has it
		for (let width = 2; width < 70; width++) {
			for (const mode of ['truncate-end', 'truncate-middle', 'truncate-start'] as const) {
				const out = wrapText(text, width, mode);
				expect(stringWidth(out), `${mode} at ${width}`).toBeLessThanOrEqual(width);
				expect(stringWidth(out), `${mode} at ${width}`).toBeGreaterThanOrEqual(width - 1);
			}
		}
		expect(wrapText(text, 62, 'truncate-end')).toBe('☐ 建立一条连接（焦点在客户端，按 c，再按三次 space），直到两…');
	});

	test('thousands of different texts later, early ones are computed again and still right', () => {
		for (let i = 0; i < 5000; i++) {
			const text = `clock ${i}.000 s · ${i % 7 === 0 ? chalk.cyan('timer') : 'no timer'} ${'x'.repeat(i % 50)}`;
			expect(wrapText(text, 30, 'truncate-end')).toBe(inkWrapText(text, 30, 'truncate-end'));
			expect(measureText(text)).toEqual(inkMeasureText(text));
		}
		for (const text of texts) expect(wrapText(text, 20, 'wrap')).toBe(inkWrapText(text, 20, 'wrap'));
	});
});
