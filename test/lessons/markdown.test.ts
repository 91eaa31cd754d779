/**
 * The markdown layout (source/lessons/markdown.ts), tested by what the lines show.
 */
import {readdirSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import stringWidth from 'string-width';
import {describe, expect, test} from 'vitest';
import {type Line, lineText, lineWidth, renderMarkdown} from '../../source/lessons/markdown.js';

const texts = (md: string, width: number) => renderMarkdown(md, width).map(lineText);
const widest = (lines: Line[]) => Math.max(0, ...lines.map(lineWidth));
const CLOSING = [...'，。、；：！？）」』】'];

/** Display columns at which `char` occurs in `text` (measured with string-width). */
function columns(text: string, char: string): number[] {
	const out: number[] = [];
	let col = 0;
	for (const {segment} of new Intl.Segmenter().segment(text)) {
		if (segment === char) out.push(col);
		col += stringWidth(segment);
	}
	return out;
}

/** Asserts a box-drawn table: all lines equally wide, every row's │ at the border columns. */
function expectAlignedTable(lines: string[], width: number): number[] {
	const top = lines.find((l) => l.startsWith('┌'));
	expect(top).toBeDefined();
	const borders = [0, ...columns(top!, '┬'), stringWidth(top!) - 1];
	const table = lines.slice(lines.indexOf(top!), lines.findIndex((l) => l.startsWith('└')) + 1);
	expect(table.length).toBeGreaterThan(3);
	for (const line of table) {
		expect(stringWidth(line)).toBe(stringWidth(top!));
		expect(stringWidth(line)).toBeLessThanOrEqual(width);
		if (line.startsWith('│')) expect(columns(line, '│')).toEqual(borders);
		if (line.startsWith('├')) expect([0, ...columns(line, '┼'), stringWidth(line) - 1]).toEqual(borders);
	}
	return borders;
}

describe('paragraphs', () => {
	const english =
		'The lab opens where the handshake ended. Both ends are ESTABLISHED, and the client will send from 100 ' +
		'and the server from 300. These are the numbers of RFC 9293 Figure 12.';

	test('wrap at 40 without splitting words', () => {
		const lines = renderMarkdown(english, 40);
		expect(lines.length).toBeGreaterThan(3);
		expect(widest(lines)).toBeLessThanOrEqual(40);
		expect(lines.map(lineText).join(' ')).toBe(english);
		expect(lines.every((l) => !lineText(l).startsWith(' ') && !lineText(l).endsWith(' '))).toBe(true);
	});

	test('soft breaks become spaces, hard breaks break the line', () => {
		expect(texts('one\ntwo', 40)).toEqual(['one two']);
		expect(texts('one  \ntwo\\\nthree', 40)).toEqual(['one', 'two', 'three']);
	});

	test('one blank line between blocks', () => {
		expect(texts('# Title\n\n\n\npara one\n\n\n\npara two', 40)).toEqual(['Title', '─────', '', 'para one', '', 'para two']);
	});

	test('a Chinese paragraph wraps at 30 between characters, never before closing punctuation', () => {
		const zh =
			'客户端一收到第二个报文段，只要其中的确认号可接受，就进入已建立状态。服务端则要等第三个报文段：也就是说，' +
			'有半个往返时间，两端的看法并不一致；客户端认为连接已经建好，服务端还没有。后面那一页，讲的就是这个时间差。';
		const lines = texts(zh, 30);
		expect(lines.length).toBeGreaterThan(5);
		for (const line of lines) {
			expect(stringWidth(line)).toBeLessThanOrEqual(30);
			expect(CLOSING).not.toContain(line[0]);
		}
		expect(lines.join('')).toBe(zh);
		// Most lines are full: only kinsoku may leave a line up to one character plus punctuation short.
		expect(lines.slice(0, -1).every((l) => stringWidth(l) >= 26)).toBe(true);
	});

	test('closing punctuation that would start a line pulls the previous character down', () => {
		// 14 characters fill 28 columns; "，" would start line 2 at width 28.
		const lines = texts('一二三四五六七八九十一二三四，五六七。', 28);
		expect(lines).toEqual(['一二三四五六七八九十一二三', '四，五六七。']);
	});

	test('mixed Chinese and English keeps Latin words whole', () => {
		const md = '在 Linux 上，SYN 在 0、1、2、3 秒发出，tcp_syn_retries 和 tcp_syn_linear_timeouts 决定重传次数与间隔，connect() 最终以 ETIMEDOUT 失败。';
		for (const width of [20, 24, 30, 40]) {
			const lines = texts(md, width);
			for (const line of lines) {
				expect(stringWidth(line)).toBeLessThanOrEqual(width);
				expect(CLOSING).not.toContain(line[0]);
			}
			const words = lines.join('\n');
			for (const word of ['Linux', 'tcp_syn_retries', 'tcp_syn_linear_timeouts', 'connect()', 'ETIMEDOUT']) {
				// A word wider than the line (23 columns at width 20) is the one thing split.
				if (word.length <= width) expect(words).toContain(word);
				else expect(words.replace(/\n/g, '')).toContain(word);
			}
		}
	});

	test('a word longer than the line is hard-split', () => {
		const long = 'x'.repeat(95);
		const lines = texts(`see ${long} end`, 40);
		expect(lines.every((l) => stringWidth(l) <= 40)).toBe(true);
		expect(lines.join('').replace(/ /g, '')).toBe(`see${long}end`);
	});

	test('CJK characters are never split and wide characters count 2 columns', () => {
		const lines = renderMarkdown('字'.repeat(50), 21);
		expect(lines.map(lineWidth)).toEqual([20, 20, 20, 20, 20]);
		expect(lines.map(lineText).join('')).toBe('字'.repeat(50));
	});
});

describe('inline styles', () => {
	test('strong, em, code, del keep their flags across wraps', () => {
		const lines = renderMarkdown('start **bold words that go on and on across the line** then *it* and `code span` ~~gone~~', 20);
		const spans = lines.flat();
		const bold = spans.filter((s) => s.bold).map((s) => s.text);
		expect(bold.join(' ').replace(/ +/g, ' ')).toBe('bold words that go on and on across the line');
		expect(lines.filter((l) => l.some((s) => s.bold)).length).toBeGreaterThan(1);
		expect(spans.find((s) => s.text === 'it')).toEqual({text: 'it', italic: true});
		expect(spans.filter((s) => s.code).map((s) => s.text)).toEqual(['code span']);
		expect(spans.find((s) => s.text === 'gone')).toEqual({text: 'gone', dim: true});
	});

	test('nested emphasis combines flags', () => {
		const spans = renderMarkdown('**a *b* c**', 40).flat();
		expect(spans).toContainEqual({text: 'b', bold: true, italic: true});
	});

	test('links show their text, then the url dimmed unless it is the text', () => {
		const spans = renderMarkdown('see [RFC 9293](https://www.rfc-editor.org/rfc/rfc9293) and <https://x.org>', 80).flat();
		expect(spans).toContainEqual({text: 'RFC 9293', link: true});
		expect(spans).toContainEqual({text: ' (https://www.rfc-editor.org/rfc/rfc9293)', dim: true});
		expect(spans).toContainEqual({text: 'https://x.org', link: true});
		expect(spans.map((s) => s.text).join('')).not.toContain('(https://x.org)');
	});

	test('images, HTML and character references are shown as text', () => {
		expect(texts('an ![TCP header](h.png) <b>bold</b> &amp; &lt;x&gt; &#x4e2d;', 80)).toEqual([
			'an [image: TCP header] <b>bold</b> & <x> 中',
		]);
		expect(texts('<div>\n<script>alert(1)</script>\n</div>', 80)).toEqual(['<div>', '<script>alert(1)</script>', '</div>']);
	});
});

describe('headings and rules', () => {
	test('headings are bold heading spans; h1 and h2 underlined to their width', () => {
		const lines = renderMarkdown('# 三次握手\n\n### Three', 40);
		expect(lines[0]).toEqual([{text: '三次握手', bold: true, heading: true}]);
		expect(lineText(lines[1]!)).toBe('─'.repeat(8));
		expect(lines[3]).toEqual([{text: 'Three', bold: true, heading: true}]);
		expect(lines).toHaveLength(4);
	});

	test('long headings wrap', () => {
		const lines = renderMarkdown('## ' + 'word '.repeat(20), 30);
		expect(widest(lines)).toBeLessThanOrEqual(30);
		expect(lines.length).toBeGreaterThan(3);
	});

	test('horizontal rule spans the width', () => {
		expect(texts('a\n\n---\n\nb', 44)).toEqual(['a', '', '─'.repeat(44), '', 'b']);
	});
});

describe('lists', () => {
	test('nested lists indent by 2 with hanging indents', () => {
		const md = [
			'- first item whose text is long enough to wrap onto another line',
			'  - nested item that also has quite a lot of text in it',
			'    - third level',
			'- second',
		].join('\n');
		const lines = texts(md, 30);
		expect(lines[0]).toMatch(/^• first item/);
		expect(lines[1]).toMatch(/^ {2}\S/);
		const nested = lines.findIndex((l) => l.startsWith('  • nested'));
		expect(nested).toBeGreaterThan(0);
		expect(lines[nested + 1]).toMatch(/^ {4}\S/);
		expect(lines).toContain('    • third level');
		expect(lines.at(-1)).toBe('• second');
		expect(lines.every((l) => stringWidth(l) <= 30)).toBe(true);
	});

	test('ordered lists number from their start and align the text', () => {
		const md = Array.from({length: 10}, (_, i) => `${i + 8}. item ${i} with some more words here`).join('\n');
		const lines = texts(md, 24);
		expect(lines[0]).toBe(' 8. item 0 with some');
		expect(lines[1]).toBe('    more words here');
		expect(lines).toContain('17. item 9 with some');
	});

	test('loose lists separate items; task items show their box', () => {
		expect(texts('- a\n\n- b', 40)).toEqual(['• a', '', '• b']);
		expect(texts('- [x] done\n- [ ] todo item that wraps around', 20)).toEqual(['• [x] done', '• [ ] todo item that', '      wraps around']);
	});
});

describe('block quotes', () => {
	test('lines are prefixed by │ and carry the quote flag; nested quotes nest', () => {
		const lines = renderMarkdown('> quoted text that is long enough to wrap\n>\n> > inner **quote**', 24);
		const shown = lines.map(lineText);
		expect(shown).toEqual(['│ quoted text that is', '│ long enough to wrap', '│', '│ │ inner quote']);
		expect(lines.flat().every((s) => s.quote)).toBe(true);
		expect(lines.at(-1)!.find((s) => s.text === 'quote')).toEqual({text: 'quote', bold: true, quote: true});
	});
});

describe('code blocks', () => {
	test('prefixed by two spaces, long lines hard-wrapped with ↪, tabs expanded', () => {
		const long = '0123456789'.repeat(7);
		const lines = renderMarkdown('```\n' + long + '\n\tx = 1\n```', 30);
		const shown = lines.map(lineText);
		expect(shown[0]).toBe('  ' + long.slice(0, 28));
		expect(shown[1]).toBe('↪ ' + long.slice(28, 56));
		expect(shown[2]).toBe('↪ ' + long.slice(56));
		expect(shown[3]).toBe('      x = 1');
		expect(lines.every((l) => l.some((s) => s.code))).toBe(true);
		expect(lines[1]![0]).toEqual({text: '↪ ', dim: true});
		expect(widest(lines)).toBeLessThanOrEqual(30);
	});

	test('wide characters in code are not split', () => {
		const lines = renderMarkdown('```\n' + '客户端'.repeat(10) + '\n```', 21);
		expect(lines.every((l) => lineWidth(l) <= 21)).toBe(true);
		expect(lines.map((l) => l.filter((s) => s.code).map((s) => s.text).join('')).join('')).toBe('客户端'.repeat(10));
	});
});

describe('tables', () => {
	const zhTable = [
		'| 状态 | 哪一端 | Waiting for |',
		'| :--- | :---: | ---: |',
		'| LISTEN | 服务端 | 任意 SYN |',
		'| SYN-SENT | 客户端，connect() 之后 | SYN,ACK |',
		'| 建立 | 双方 | data |',
	].join('\n');

	test('Chinese and English cells line up exactly', () => {
		const lines = texts(zhTable, 80);
		expectAlignedTable(lines, 80);
		expect(lines).toHaveLength(7);
		expect(lines[1]).toBe('│ 状态     │         哪一端         │ Waiting for │');
		expect(lines[3]).toBe('│ LISTEN   │         服务端         │    任意 SYN │');
		expect(lines[5]).toBe('│ 建立     │          双方          │        data │');
	});

	test('header cells are bold', () => {
		const lines = renderMarkdown(zhTable, 80);
		expect(lines[1]!.find((s) => s.text === '状态')).toEqual({text: '状态', bold: true});
	});

	test('a too-wide table is shrunk to the width and its cells wrapped', () => {
		const md = [
			'| Call | On the wire | Can the caller still read? |',
			'| --- | --- | --- |',
			'| shutdown(SHUT_WR) | FIN | yes (this is the RFC CLOSE, a half-close) |',
			'| close() | FIN or RST | no: late data is answered with RST by Linux |',
		].join('\n');
		const lines = texts(md, 50);
		const borders = expectAlignedTable(lines, 50);
		expect(stringWidth(lines[0]!)).toBe(50);
		expect(borders).toHaveLength(4);
		const body = lines.join(' ');
		for (const word of ['shutdown(SHUT_WR)', 'half-close)', 'answered', 'Linux']) expect(body).toContain(word);
	});

	test('a Chinese table wrapped inside its cells stays aligned', () => {
		const md = [
			'| 状态 | 哪一端 | 在等什么 |',
			'| --- | --- | --- |',
			'| SYN-RECEIVED | 服务端，发出 SYN,ACK 后 | 对自己 SYN 的 ACK，然后进入已建立状态 |',
			'| ESTABLISHED | 双方 | 不等了，可以收发数据 |',
		].join('\n');
		for (const width of [30, 36, 40, 50]) {
			const lines = texts(md, width);
			expectAlignedTable(lines, width);
			for (const line of lines.filter((l) => l.startsWith('│'))) {
				for (const cell of line.split('│').slice(1, -1)) expect(CLOSING).not.toContain(cell.trim()[0]);
			}
		}
	});

	test('a table too narrow for boxes is shown row by row', () => {
		const md = '| a | b | c | d | e | f |\n|---|---|---|---|---|---|\n| 1 | 2 | 3 | 4 | 5 | a long cell here |';
		const lines = texts(md, 20);
		expect(widest(renderMarkdown(md, 20))).toBeLessThanOrEqual(20);
		expect(lines).toContain('a: 1');
		expect(lines).toContain('f: a long cell here');
	});
});

describe('safety', () => {
	test('terminal control sequences are removed', () => {
		const md = 'clear\x1b[2J screen \x1b]0;title\x07 bell\x07 c1\x9b31m x\x00y\r\n\n```\ncode\x1b[31m red\n```\n\n| a\x1b[1m |\n|---|\n| b\x1b]8;;http://x\x1b\\ |';
		const shown = texts(md, 40).join('\n');
		expect(shown).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/);
		expect(shown).toContain('clear screen  bell c1 xy');
		expect(shown).toContain('code red');
	});

	test('widths below 20 are treated as 20', () => {
		const lines = renderMarkdown('word '.repeat(30), 5);
		expect(widest(lines)).toBeLessThanOrEqual(20);
		expect(widest(lines)).toBeGreaterThan(15);
	});

	test('never throws and never exceeds the width on odd input', () => {
		let seed = 7;
		const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % n);
		const parts = ['# ', '- ', '1. ', '> ', '```', '|', '---', '**', '*', '`', '[', '](', ')', '\n', '\n\n', ' ', '\t', '中文', '，', 'word', 'x'.repeat(60), '<div>', '\\', '&amp;', '\x1b[', '    ', '|---|', '![a]('];
		const inputs = ['', ' ', '\n\n\n', '>'.repeat(500) + ' deep', '- '.repeat(200) + 'deep', '*'.repeat(300), '|'.repeat(100)];
		for (let i = 0; i < 300; i++) inputs.push(Array.from({length: 40}, () => parts[rand(parts.length)]).join(''));
		for (const md of inputs) {
			for (const width of [20, 33, 60]) {
				const lines = renderMarkdown(md, width);
				expect(widest(lines)).toBeLessThanOrEqual(width);
			}
		}
		expect(() => renderMarkdown(undefined as unknown as string, Number.NaN)).not.toThrow();
	});
});

describe('the real lessons', () => {
	const files = ['en', 'zh'].flatMap((lang) =>
		readdirSync(join('lessons', lang))
			.filter((f) => f.endsWith('.md'))
			.map((f) => join('lessons', lang, f)),
	);

	/** The page markdown: no front matter (between the first two --- lines), no ```quiz blocks. */
	function body(file: string): string {
		const lines = readFileSync(file, 'utf8').split('\n');
		const second = lines.indexOf('---', lines.indexOf('---') + 1);
		return lines
			.slice(second + 1)
			.join('\n')
			.replace(/```quiz\n[\s\S]*?\n```\n?/g, '');
	}

	test('there are lessons in both languages', () => {
		expect(files.some((f) => f.includes('/en/'))).toBe(true);
		expect(files.some((f) => f.includes('/zh/'))).toBe(true);
	});

	test.each(files)('%s fits 40, 60 and 80 columns', (file) => {
		const md = body(file);
		for (const width of [40, 60, 80]) {
			const lines = renderMarkdown(md, width);
			expect(lines.length).toBeGreaterThan(20);
			for (const line of lines) {
				expect(lineWidth(line)).toBeLessThanOrEqual(width);
				expect(lineWidth(line)).toBe(stringWidth(lineText(line)));
			}
			const shown = lines.map(lineText);
			for (const top of shown.filter((l) => l.startsWith('┌'))) expectAlignedTable(shown.slice(shown.indexOf(top)), width);
			expect(shown.join('')).not.toContain('```');
		}
	});
});

describe('soft line breaks in Chinese', () => {
	test('a source line break between Chinese characters joins them; next to Latin text it is a space', async () => {
		const {renderMarkdown, lineText} = await import('../../source/lessons/markdown.js');
		const lines = renderMarkdown('A 在 FIN-WAIT-2 里\n照常接收。\n关闭时，ACK\nis sent.', 80).map(lineText);
		expect(lines.join('\n')).toContain('A 在 FIN-WAIT-2 里照常接收。关闭时，ACK is sent.');
	});
});
