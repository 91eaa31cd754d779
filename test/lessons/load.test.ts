/** The lesson loader: the real lessons, broken fixtures with file:line messages, every rule of LESSON-FORMAT.md. */
import {mkdirSync, mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, test} from 'vitest';
import {lessonFor, loadCatalog, parseLessonFile, stripControlSequences} from '../../source/lessons/load.js';
import type {BrokenLesson, Lesson, Quiz} from '../../source/lessons/types.js';
import {tcpLab} from '../../source/models/tcp/lab.js';
import {LABS} from '../../source/labs.js';

const labs = {tcp: tcpLab};
const BROKEN = 'test/fixtures/lessons/broken';
const PAIRS = 'test/fixtures/lessons/pairs';

const quizzes = (lesson: Lesson): Quiz[] => lesson.pages.flatMap((p) => p.blocks.flatMap((b) => (b.kind === 'quiz' ? [b.quiz] : [])));
const fileLines = (file: string) => readFileSync(file, 'utf8').split('\n');

/** Parse a lesson given as text; returns the lesson or fails the test with its problems. */
function ok(text: string): Lesson {
	const r = parseLessonFile('lesson.md', text, 'en', labs);
	if ('broken' in r) throw new Error(`expected a valid lesson, got:\n${r.broken.problems.map((p) => `${p.line}: ${p.message}`).join('\n')}`);
	return r.lesson;
}

/** Parse a lesson that must be broken; returns its problems as `line: message`. */
function problems(text: string): string[] {
	const r = parseLessonFile('lesson.md', text, 'en', labs);
	if ('lesson' in r) throw new Error('expected a broken lesson');
	return r.broken.problems.map((p) => `${p.line}: ${p.message}`);
}

const FRONT = `---
id: sample
title: A sample
track: tcp
order: 1
minutes: 5
sources:
  - RFC 9293
---
`;
/** A lesson with the given body (its first body line is line 10). */
const withBody = (body: string) => `${FRONT}${body}`;
/** A lesson with one quiz block; the fence is on line 12, the first key on line 13. */
const withQuiz = (yaml: string) => withBody(`\n## Page\n\`\`\`quiz\n${yaml}\n\`\`\`\n`);

describe('the real lessons', () => {
	const catalog = loadCatalog({dirs: ['lessons'], labs: LABS});

	test('load with zero problems, the same lessons in both languages, in track order', () => {
		const ids = ['tcp-handshake', 'tcp-teardown', 'https-why', 'tls-handshake', 'ca-verification'];
		expect(catalog.problems).toEqual([]);
		expect(catalog.broken).toEqual([]);
		expect(catalog.lessons.en.map((l) => l.id)).toEqual(ids);
		expect(catalog.lessons.zh.map((l) => l.id)).toEqual(ids);
	});

	test('pages start at their ## headings, quizzes sit at their ```quiz fences', () => {
		for (const lesson of [...catalog.lessons.en, ...catalog.lessons.zh]) {
			expect(lesson.pages.length).toBeGreaterThanOrEqual(4);
			const lines = fileLines(lesson.file);
			for (const page of lesson.pages) expect(lines[page.line - 1]).toBe(`## ${page.title}`);
			const qs = quizzes(lesson);
			expect(qs.length).toBeGreaterThan(5);
			for (const q of qs) {
				expect(lines[q.line - 1]).toBe('```quiz');
				expect(lines[q.line]).toBe(`id: ${q.id}`);
				expect(q.file).toBe(lesson.file);
			}
			for (const page of lesson.pages) {
				for (const b of page.blocks) if (b.kind === 'markdown') expect(b.text).not.toContain('```quiz');
			}
		}
	});

	test('the handshake lesson: first page, its quizzes in place, objectives with their checks', () => {
		const hs = catalog.lessons.en[0]!;
		expect(hs).toMatchObject({lang: 'en', title: 'The three-way handshake', track: 'tcp', order: 2, minutes: 20, lab: 'tcp', file: join('lessons', 'en', '02-tcp-handshake.md')});
		expect(hs.setup).toEqual({profile: 'linux', isn: {client: 100, server: 300}, steps: [{server: 'listen'}]});
		const first = hs.pages[0]!;
		expect(first.title).toBe('Three segments, exact numbers');
		expect(first.blocks.map((b) => (b.kind === 'quiz' ? b.quiz.id : 'text'))).toEqual(['text', 'hs-third-ack', 'text', 'hs-ack-plus-one', 'hs-data-ack']);
		const third = first.blocks[1]!;
		expect(third.kind === 'quiz' && third.quiz).toMatchObject({type: 'number', answer: 301, choices: [], source: 'RFC 9293 §3.4; §3.5 Figure 6'});
		const why = quizzes(hs).find((q) => q.id === 'hs-why-three')!;
		expect(why).toMatchObject({type: 'multi', answer: [0, 1]});
		expect(why.choices).toHaveLength(4);
		expect(quizzes(hs).find((q) => q.id === 'hs-fig8-order')!.answer).toEqual([1, 3, 0, 2, 4]);
		expect(typeof quizzes(hs).find((q) => q.id === 'hs-two-not-enough')!.answer).toBe('string');
		expect(hs.objectives.map((o) => o.id)).toEqual(['establish', 'syn-again', 'synack-again', 'third-ack-recover', 'old-syn']);
		expect(hs.objectives[0]).toMatchObject({check: {client: 'ESTABLISHED', server: 'ESTABLISHED'}, line: 14});
		expect(hs.objectives[1]!.check).toEqual({segment: {from: 'client', flags: ['SYN'], retransmission: true}});
		for (const o of hs.objectives) expect('check' in tcpLab.parseCheck(o.check)).toBe(true);
		expect(hs.sources[0]).toBe('RFC 9293 §3.3.2 (states)');
	});

	test('lessonFor gives the asked language, or English with fallback, or null', () => {
		expect(lessonFor(catalog, 'tcp-teardown', 'zh')).toMatchObject({fallback: false, lesson: {lang: 'zh', title: '四次挥手'}});
		expect(lessonFor(catalog, 'tcp-teardown', 'en')).toMatchObject({fallback: false, lesson: {lang: 'en'}});
		expect(lessonFor(catalog, 'no-such-lesson', 'zh')).toBeNull();
		const enOnly = {...catalog, lessons: {en: catalog.lessons.en, zh: []}};
		expect(lessonFor(enOnly, 'tcp-handshake', 'zh')).toMatchObject({fallback: true, lesson: {lang: 'en'}});
	});
});

describe('the broken fixtures', () => {
	const catalog = loadCatalog({dirs: [BROKEN], labs});
	const f = (lang: string, name: string) => join(BROKEN, lang, name);
	const brokenAt = (file: string): BrokenLesson => {
		const b = catalog.broken.find((x) => x.file === file);
		if (!b) throw new Error(`${file} is not listed as broken`);
		return b;
	};
	const where = (b: BrokenLesson) => b.problems.map((p) => `${p.file}:${p.line}: ${p.severity}: ${p.message}`);

	test('broken YAML in the front matter', () => {
		const b = brokenAt(f('en', '01-bad-yaml.md'));
		expect(b).toMatchObject({lang: 'en', id: null, title: null});
		expect(where(b)).toEqual([
			`${f('en', '01-bad-yaml.md')}:7: error: front matter: not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]`,
		]);
	});

	test('an unknown front-matter key', () => {
		const b = brokenAt(f('en', '02-unknown-key.md'));
		expect(b).toMatchObject({id: 'unknown-key', title: 'An unknown key'});
		expect(where(b)).toEqual([
			`${f('en', '02-unknown-key.md')}:7: error: unknown key 'author' in the front matter (expected id, title, track, order, minutes, lab, setup, objectives, sources)`,
		]);
	});

	test('a quiz answer out of range', () => {
		expect(where(brokenAt(f('en', '03-quiz-range.md')))).toEqual([`${f('en', '03-quiz-range.md')}:23: error: quiz 'qr-why-three': answer 4 is out of range (3 choices)`]);
	});

	test('an objective the lab rejects', () => {
		expect(where(brokenAt(f('en', '04-unknown-objective.md')))).toEqual([
			`${f('en', '04-unknown-objective.md')}:17: error: objectives[1].check.teleport: unknown check (expected client/server states, segment, timer, signal, sequence or all)`,
		]);
		// A block-style check points at the key at fault, not only at the objective.
		expect(where(brokenAt(f('zh', '04-bad-flags.md')))).toEqual([
			`${f('zh', '04-bad-flags.md')}:17: error: objectives[1].check.segment.flags: expects a list of flags (SYN, FIN, RST, PSH, ACK)`,
		]);
	});

	test('nothing else is broken', () => {
		expect(catalog.broken.map((b) => b.file).sort()).toEqual(
			[f('en', '01-bad-yaml.md'), f('en', '02-unknown-key.md'), f('en', '03-quiz-range.md'), f('en', '04-unknown-objective.md'), f('zh', '04-bad-flags.md')].sort(),
		);
		expect(catalog.problems).toEqual(catalog.broken.flatMap((b) => b.problems));
		expect(catalog.problems.every((p) => p.severity === 'error')).toBe(true);
	});

	test('the good lessons load in both languages', () => {
		expect(catalog.lessons.en.map((l) => l.id)).toEqual(['control-sequences', 'good-lesson']);
		expect(catalog.lessons.zh.map((l) => l.id)).toEqual(['good-lesson']);
		const good = catalog.lessons.en[1]!;
		expect(good.pages.map((p) => [p.title, p.line])).toEqual([
			['A good lesson', 20],
			['First page', 22],
			['Second page', 38],
		]);
		expect(good.pages[0]!.blocks).toEqual([{kind: 'markdown', text: 'An introduction before the first heading.', line: 20}]);
		// A `## ` inside a fenced code block is text, not a page.
		expect(good.pages[2]!.blocks[0]).toEqual({kind: 'markdown', text: '```text\n## not a heading: inside a code block\n```', line: 40});
		expect(quizzes(good).map((q) => [q.id, q.type, q.answer, q.line])).toEqual([
			['good-pick', 'single', 0, 26],
			['good-recall', 'recall', 'Both ends can send data.', 44],
		]);
	});

	test('terminal control sequences are removed from every text, the text around them stays', () => {
		const raw = readFileSync(f('en', '05-control.md'), 'utf8');
		expect(raw).toContain('\x1b]0;title\x07');
		expect(raw).toContain('\x1b[2J');
		const lesson = catalog.lessons.en[0]!;
		expect(lesson.title).toBe('Control sequences');
		expect(lesson.pages.map((p) => p.title)).toEqual(['Control sequences', 'Clear the screen']);
		expect(lesson.pages[0]!.blocks).toEqual([{kind: 'markdown', text: 'Beforeafter.', line: 11}]);
		expect(lesson.pages[1]!.blocks[0]).toEqual({kind: 'markdown', text: 'Text with a clear screen and a C1 control.', line: 15});
		expect(quizzes(lesson)[0]).toMatchObject({question: 'Which one?', choices: ['plain', 'red text'], explain: 'Bell and escape removed.', line: 17});
		expect(JSON.stringify(lesson)).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
	});

	test('a dir that does not exist, or has no en/ or zh/, is a problem on that dir', () => {
		const c = loadCatalog({dirs: ['test/fixtures/lessons/nowhere', 'test/fixtures/lessons/no-langs', BROKEN], labs});
		expect(c.problems.slice(0, 2)).toEqual([
			{file: 'test/fixtures/lessons/nowhere', line: 0, severity: 'error', message: 'no such lesson folder'},
			{file: 'test/fixtures/lessons/no-langs', line: 0, severity: 'error', message: 'no en/ or zh/ folder here: a lesson folder holds en/*.md and zh/*.md'},
		]);
		expect(c.lessons.en).toHaveLength(2);
		const file = loadCatalog({dirs: ['package.json'], labs});
		expect(file.problems[0]).toMatchObject({file: 'package.json', line: 0, message: expect.stringContaining('not a folder')});
	});
});

describe('ids across files and the two languages', () => {
	const catalog = loadCatalog({dirs: [PAIRS], labs});
	const en = (n: string) => join(PAIRS, 'en', n);
	const zh = (n: string) => join(PAIRS, 'zh', n);

	test('a duplicate lesson id or quiz id is an error in the later file', () => {
		expect(catalog.broken.map((b) => b.problems.map((p) => `${p.file}:${p.line}: ${p.message}`))).toEqual([
			[`${en('c-same-id.md')}:2: duplicate lesson id 'pair-a' (already used by ${en('a-pair.md')})`],
			[`${en('d-same-quiz.md')}:13: quiz 'pair-number': duplicate quiz id (already used in ${en('a-pair.md')}:34)`],
		]);
		expect(catalog.broken.map((b) => b.id)).toEqual(['pair-a', 'same-quiz']);
	});

	test('zh lessons are compared with their English ones: warnings that break nothing', () => {
		const warnings = catalog.problems.filter((p) => p.severity === 'warning').map((p) => `${p.file}:${p.line}: ${p.message}`);
		expect(warnings).toEqual([
			`${zh('a-pair.md')}:9: objectives differ from the English lesson ${en('a-pair.md')}: [establish, reset] here, [establish, close] there`,
			`${zh('a-pair.md')}:34: quiz 'pair-number': answer 102 here, 101 in ${en('a-pair.md')}:34`,
			`${zh('a-pair.md')}:43: quiz 'pair-extra' is not in the English lesson ${en('a-pair.md')}`,
			`${zh('a-pair.md')}:2: quiz 'pair-gone' of ${en('a-pair.md')}:43 is missing here`,
			`${zh('b-only-zh.md')}:2: lesson 'only-zh' has no English version (no en/ lesson has this id)`,
		]);
		expect(catalog.lessons.zh.map((l) => l.id)).toEqual(['only-zh', 'pair-a']);
	});

	test('lessons sort by track (TRACKS order), then order, then id', () => {
		expect(catalog.lessons.en.map((l) => `${l.track}/${l.order}/${l.id}`)).toEqual(['foundations/0/first-of-all', 'tcp/1/pair-a']);
	});

	test('a lesson type differing between languages is a warning on the zh quiz', () => {
		const dir = mkdtempSync(join(tmpdir(), 'synack-lessons-'));
		mkdirSync(join(dir, 'en'));
		mkdirSync(join(dir, 'zh'));
		const quiz = (type: string, answer: string, extra = '') => withQuiz(`id: q1\ntype: ${type}\nquestion: Q?\n${extra}answer: ${answer}\nexplain: E.\nsource: S.`);
		writeFileSync(join(dir, 'en', 'a.md'), quiz('number', '3'));
		writeFileSync(join(dir, 'zh', 'a.md'), quiz('single', '1', 'choices: [a, b]\n'));
		const c = loadCatalog({dirs: [dir], labs});
		expect(c.problems.map((p) => `${p.severity} ${p.line}: ${p.message}`)).toEqual([`warning 12: quiz 'q1': type single here, number in ${join(dir, 'en', 'a.md')}:12`]);
	});
});

describe('files that cannot be read do not stop the others', () => {
	const dir = mkdtempSync(join(tmpdir(), 'synack-lessons-'));
	mkdirSync(join(dir, 'en'));
	writeFileSync(join(dir, 'en', 'a-good.md'), withBody('\n## Page\n\nText.\n'));
	writeFileSync(join(dir, 'en', 'b-latin1.md'), Buffer.concat([Buffer.from(withBody('\n## Page\n\nCaf')), Buffer.from([0xe9]), Buffer.from('\n')]));
	mkdirSync(join(dir, 'en', 'c-folder.md'));
	writeFileSync(join(dir, 'en', 'notes.txt'), 'not a lesson');
	const catalog = loadCatalog({dirs: [dir], labs});

	test('invalid UTF-8 is reported on its line; a folder named *.md is skipped; other files are not lessons', () => {
		expect(catalog.lessons.en.map((l) => l.id)).toEqual(['sample']);
		expect(catalog.broken).toEqual([
			{
				file: join(dir, 'en', 'b-latin1.md'),
				lang: 'en',
				id: null,
				title: null,
				problems: [{file: join(dir, 'en', 'b-latin1.md'), line: 13, severity: 'error', message: 'not valid UTF-8 text (the first bad byte is on this line); save the file as UTF-8'}],
			},
		]);
		expect(catalog.problems).toHaveLength(1);
	});
});

describe('stripControlSequences', () => {
	test('removes OSC and CSI sequences and keeps the text around them', () => {
		expect(stripControlSequences('a\x1b]0;title\x07b')).toBe('ab');
		expect(stripControlSequences('a\x1b[2Jb')).toBe('ab');
		expect(stripControlSequences('title: \x1b]0;title\x07 and \x1b[2J screen')).toBe('title:  and  screen');
	});

	test('OSC ended by ST, 8-bit CSI, other escapes, C0 and C1 controls; line feeds, tabs and CJK stay', () => {
		expect(stripControlSequences('x\x1b]8;;http://e.example\x1b\\link\x1b]8;;\x1b\\y')).toBe('xlinky');
		expect(stripControlSequences('a\x9b31mb')).toBe('ab');
		expect(stripControlSequences('a\x1b[38;5;196mred\x1b[0m\x1b(B\x1bcz')).toBe('aredz');
		expect(stripControlSequences('a\x1bPq#0;2;0;0;0\x1b\\b')).toBe('ab');
		expect(stripControlSequences('a\x00b\x07c\x08d\re\x7ff\x85g\x9fh')).toBe('abcdefgh');
		expect(stripControlSequences('line 1\n\tline 2 三次握手')).toBe('line 1\n\tline 2 三次握手');
		expect(stripControlSequences('lone escape \x1b')).toBe('lone escape ');
	});

	test('never removes a line feed, even inside an unterminated sequence', () => {
		const s = stripControlSequences('a\x1b]0;never ended\nb\nc');
		expect(s.split('\n')).toHaveLength(3);
		expect(s).not.toContain('\x1b');
	});
});

describe('front matter rules', () => {
	test('the file must start with front matter, closed by a second ---', () => {
		expect(problems('# Title\n\nText.\n')).toEqual([
			"1: the file must start with front matter: a line '---', the lesson's YAML keys, then another '---'",
		]);
		expect(problems('---\nid: x\ntitle: T\n')).toEqual(["1: the front matter is not closed: no second '---' line"]);
	});

	test('missing keys are reported on the opening line, wrong values on their own line', () => {
		expect(problems('---\nid: Not_Kebab\ntitle: ""\ntrack: tpc\norder: -1\nminutes: 0\nsources: []\n---\n\nText.\n')).toEqual([
			'2: id: expects kebab-case (lowercase letters and digits joined by single hyphens), such as tcp-handshake; got "Not_Kebab"',
			'3: title: expects non-empty text, got ""',
			'4: track: expects one of foundations, tcp, web, security, scale; got "tpc"',
			'5: order: expects a whole number ≥ 0, got -1',
			'6: minutes: expects a number of minutes greater than 0, got 0',
			'7: sources: expects a non-empty list of where a reader can check the claims (e.g. "RFC 9293 §3.5"), got a list',
		]);
		expect(problems('---\nid: x\n---\n\nText.\n')).toEqual([
			"1: the front matter is missing the key 'title'",
			"1: the front matter is missing the key 'track'",
			"1: the front matter is missing the key 'order'",
			"1: the front matter is missing the key 'minutes'",
			"1: the front matter is missing the key 'sources'",
		]);
		expect(problems('---\n- a list\n---\n\nText.\n')).toEqual(['1: the front matter must be a mapping of keys (id, title, track, order, minutes, sources, …), got a list']);
		expect(problems(FRONT.replace('order: 1', 'order: 1.5').replace('  - RFC 9293', '  - RFC 9293\n  - 42'))).toEqual([
			'5: order: expects a whole number ≥ 0, got 1.5',
			'9: sources[1]: expects non-empty text, got 42',
			'10: the lesson has no text after the front matter (a lesson needs at least one page)',
		]);
	});

	test('duplicate keys, tags and alias bombs are YAML errors: only plain data is read', () => {
		expect(problems(FRONT.replace('order: 1', 'order: 1\norder: 2'))).toEqual(['6: front matter: not valid YAML: Map keys must be unique']);
		expect(problems(FRONT.replace('title: A sample', 'title: !!js/function "function () { return 1 }"'))).toEqual([
			'3: front matter: Unresolved tag: tag:yaml.org,2002:js/function (only plain YAML is read: no tags)',
		]);
		const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]', ...'bcdefgh'.split('').map((k, i) => `${k}: &${k} [${Array(10).fill(`*${'abcdefgh'[i]}`).join(', ')}]`)].join('\n');
		expect(problems(`---\n${bomb}\n---\n\nText.\n`)).toEqual(['2: front matter: not valid YAML: Excessive alias count indicates a resource exhaustion attack']);
	});

	test('lab: must name a lab; setup and objectives need one; setup problems point at the step', () => {
		expect(problems(`${FRONT.replace('minutes: 5', 'minutes: 5\nlab: dns\nsetup: {}')}\nText.\n`)).toEqual(['7: lab: there is no lab named "dns" (available: tcp)']);
		expect(problems(`${FRONT.replace('minutes: 5', 'minutes: 5\nsetup:\n  profile: linux\nobjectives: []')}\nText.\n`)).toEqual([
			'7: setup: only a lesson with a lab has a setup (add lab: …, or remove setup)',
			'9: objectives: only a lesson with a lab has objectives (add lab: …, or remove objectives)',
		]);
		expect(problems(`${FRONT.replace('minutes: 5', 'minutes: 5\nlab: tcp\nsetup:\n  profile: bsd\n  steps:\n    - server: listen\n    - client: fly')}\nText.\n`)).toEqual([
			'9: setup: profile: expects linux or rfc, got "bsd"',
			expect.stringMatching(/^12: setup: step 2: /),
		]);
	});

	test('objectives: exactly id, text, check; ids unique; each check read by the lab', () => {
		const objectives = `lab: tcp
objectives:
  - id: open
    text: Open it
    check: { client: ESTABLISHED }
  - id: open
    text: ""
    check: { client: OPEN }
    hint: extra
  - text: no id
    check: { server: LISTEN }`;
		expect(problems(`${FRONT.replace('minutes: 5', `minutes: 5\n${objectives}`)}\nText.\n`)).toEqual([
			'15: objectives[1].hint: unknown key (expected id, text, check)',
			'12: objectives[1].id: duplicate objective id \'open\' (also objectives[0])',
			'13: objectives[1].text: expects non-empty text, got ""',
			`14: objectives[1].check.client: unknown state "OPEN" (expected one of ${(tcpLab.parseCheck({client: 'x'}) as {problems: {message: string}[]}).problems[0]!.message.split('expected one of ')[1]}`,
			"16: objectives[2]: missing key 'id'",
		]);
		const lesson = ok(`${FRONT.replace('minutes: 5', 'minutes: 5\nlab: tcp\nobjectives:\n  - id: listen\n    text: Listen\n    check: { server: LISTEN }')}\nText.\n`);
		expect(lesson.objectives).toEqual([{id: 'listen', text: 'Listen', check: {server: 'LISTEN'}, line: 9}]);
		expect(lesson.setup).toBeNull();
	});
});

describe('body and pages', () => {
	test('text before the first ## is page 1 with the lesson title, only when not blank', () => {
		expect(ok(withBody('\nIntro.\n\n## One\n\nText.\n')).pages.map((p) => [p.title, p.line])).toEqual([
			['A sample', 11],
			['One', 13],
		]);
		expect(ok(withBody('\n\n## One\n\nText.\n')).pages.map((p) => p.title)).toEqual(['One']);
		expect(ok(withBody('Only text, no heading.\n')).pages).toEqual([{title: 'A sample', line: 10, blocks: [{kind: 'markdown', text: 'Only text, no heading.', line: 10}]}]);
		expect(problems(withBody('\n\n'))).toEqual(['9: the lesson has no text after the front matter (a lesson needs at least one page)']);
	});

	test('headings: closing #s dropped; ### and #hashtag are not pages; ~~~ and long fences hide ##', () => {
		const body = '## Two ##\n### Sub\n#no-space\n~~~\n## in tilde fence\n~~~\n````md\n```\n## in a long fence\n```\n````\n##\n';
		const lesson = ok(withBody(body));
		expect(lesson.pages.map((p) => p.title)).toEqual(['Two', '']);
		expect(lesson.pages[0]!.blocks).toHaveLength(1);
		expect((lesson.pages[0]!.blocks[0] as {text: string}).text).toContain('## in a long fence');
	});

	test('Windows line endings and a byte-order mark keep line numbers right', () => {
		const text = `\uFEFF${withQuiz('id: q\ntype: single\nquestion: Q?\nchoices: [a, b]\nanswer: 2\nexplain: E.\nsource: S.')}`.replace(/\n/g, '\r\n');
		expect(problems(text)).toEqual(["17: quiz 'q': answer 2 is out of range (2 choices)"]);
	});
});

describe('quiz blocks', () => {
	const q = (fields: Record<string, string>) =>
		Object.entries({id: 'q1', type: 'single', question: 'Q?', choices: '[a, b, c]', answer: '0', explain: 'E.', source: 'S.', ...fields})
			.filter(([, v]) => v !== '')
			.map(([k, v]) => `${k}: ${v}`)
			.join('\n');

	test('every type loads with its answer', () => {
		const lesson = ok(
			withBody(
				['single', 'multi', 'order', 'number', 'recall']
					.map((type, i) => {
						const answer = ['2', '[2, 0]', '[2, 0, 1]', '-1.5', '|\n  Model answer.'][i]!;
						return `\n\`\`\`quiz\n${q({id: `q-${type}`, type, answer, choices: i < 3 ? '[a, b, c]' : ''})}\n\`\`\`\n`;
					})
					.join(''),
			),
		);
		expect(quizzes(lesson).map((x) => [x.id, x.answer, x.choices.length])).toEqual([
			['q-single', 2, 3],
			['q-multi', [2, 0], 3],
			['q-order', [2, 0, 1], 3],
			['q-number', -1.5, 0],
			['q-recall', 'Model answer.', 0],
		]);
	});

	test('keys, types and answers are checked, each on its own line', () => {
		// The fence is on line 12, so key k of the block is on line 12 + k.
		expect(problems(withQuiz(q({answer: '3'})))).toEqual(["17: quiz 'q1': answer 3 is out of range (3 choices)"]);
		expect(problems(withQuiz(q({answer: '"a"'})))).toEqual([`17: quiz 'q1': answer expects the index of the right choice (0 to 2), got "a"`]);
		expect(problems(withQuiz(q({type: 'multi', answer: '[0, 0]'})))).toEqual(["17: quiz 'q1': answer lists choice 0 twice"]);
		expect(problems(withQuiz(q({type: 'multi', answer: '[]'})))).toEqual([
			"17: quiz 'q1': answer expects a non-empty list of the indices of the right choices, such as [0, 2]; got a list",
		]);
		expect(problems(withQuiz(q({type: 'order', answer: '[0, 1]'})))).toEqual(["17: quiz 'q1': answer must list all 3 choices in the right order; missing 2"]);
		expect(problems(withQuiz(q({type: 'order', answer: '[0, 1, 5]'})))).toEqual(["17: quiz 'q1': answer 5 is out of range (3 choices)"]);
		expect(problems(withQuiz(q({type: 'number', choices: '', answer: '.nan'})))).toEqual(["16: quiz 'q1': answer expects a number, got NaN"]);
		expect(problems(withQuiz(q({type: 'number', answer: '1'})))).toEqual(["16: quiz 'q1': a number question has no choices (remove the key)"]);
		expect(problems(withQuiz(q({type: 'recall', choices: '', answer: '""'})))).toEqual(["16: quiz 'q1': answer expects the model answer as non-empty text, got \"\""]);
		expect(problems(withQuiz(q({type: 'truefalse'})))).toEqual([`14: quiz 'q1': type expects one of single, multi, order, number, recall; got "truefalse"`]);
		expect(problems(withQuiz(q({choices: '[a]'})))).toEqual(["16: quiz 'q1': a single question needs choices: a list of at least 2, got a list"]);
		expect(problems(withQuiz(q({choices: '[a, 2, a]'})))).toEqual([
			`16: quiz 'q1': choices[1] expects non-empty text, got 2 (quote it: "2")`,
			"16: quiz 'q1': choices[2] is the same as choices[0]",
		]);
		expect(problems(withQuiz(q({id: 'Q_1', explain: '', hint: 'x'})))).toEqual([
			`19: quiz "Q_1": unknown key 'hint' (expected id, type, question, choices, answer, explain, source, and for a predict-then-run question lab and setup)`,
			`12: quiz "Q_1": missing key 'explain'`,
			`13: quiz "Q_1": id expects kebab-case (lowercase letters and digits joined by single hyphens), got "Q_1"`,
		]);
		expect(problems(withQuiz('just text'))).toEqual(['12: a quiz block is a mapping with id, type, question, choices, answer, explain, source; got "just text"']);
		expect(problems(withQuiz('id: [unclosed'))).toEqual([expect.stringMatching(/^13: quiz block: not valid YAML: /)]);
	});

	test('quiz ids are unique within a file; an unclosed quiz fence is an error', () => {
		expect(problems(withBody(`\n\`\`\`quiz\n${q({})}\n\`\`\`\n\n\`\`\`quiz\n${q({})}\n\`\`\`\n`))).toEqual(["22: quiz 'q1': duplicate quiz id (the first is at line 11)"]);
		expect(problems(withBody(`\n## Page\n\`\`\`quiz\n${q({})}\n`))).toEqual(['12: the quiz block is not closed (no closing fence line)']);
	});
});
