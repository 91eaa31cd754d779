/** `synack lint` as a function: the real lessons pass, broken fixtures fail with file:line lines, --json. */
import {mkdirSync, mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join, resolve} from 'node:path';
import {describe, expect, test} from 'vitest';
import {lintCommand} from '../../source/commands/lint.js';
import {LABS} from '../../source/labs.js';
import {loadCatalog} from '../../source/lessons/load.js';

const labs = LABS;
const BROKEN = 'test/fixtures/lessons/broken';

function lint(dirs: string[], json = false) {
	let stdout = '';
	let stderr = '';
	const code = lintCommand(dirs, {json}, {stdout: (s) => (stdout += s), stderr: (s) => (stderr += s)}, labs);
	return {code, stdout, stderr, lines: stdout.split('\n').filter((l) => l !== '')};
}

/** What the shipped lessons/ folder holds, counted by the loader itself. */
const shippedCatalog = loadCatalog({dirs: ['lessons'], labs});
const shipped = {
	lessons: shippedCatalog.lessons.en.length + shippedCatalog.lessons.zh.length,
	en: shippedCatalog.banks.en.reduce((n, t) => n + t.quizzes.length, 0),
	zh: shippedCatalog.banks.zh.reduce((n, t) => n + t.quizzes.length, 0),
};

describe('synack lint', () => {
	test('with no folder it checks the built-in lessons/: no problems, exit 0', () => {
		const r = lint([]);
		expect(r.code).toBe(0);
		expect(r.stdout).toBe(`${shipped.lessons} lessons and ${shipped.en} bank questions (en), ${shipped.zh} (zh) checked, 0 errors, 0 warnings\n`);
		expect(r.stderr).toBe('');
		expect(lint(['lessons']).stdout).toBe(r.stdout);
	});

	test('broken lessons: one file:line: severity: message line each, sorted, then the summary; exit 1', () => {
		const r = lint([BROKEN]);
		expect(r.code).toBe(1);
		expect(r.lines).toEqual([
			`${BROKEN}/en/01-bad-yaml.md:7: error: front matter: not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]`,
			`${BROKEN}/en/02-unknown-key.md:7: error: unknown key 'author' in the front matter (expected id, title, track, order, minutes, lab, setup, objectives, sources)`,
			`${BROKEN}/en/03-quiz-range.md:23: error: quiz 'qr-why-three': answer 4 is out of range (3 choices)`,
			`${BROKEN}/en/04-unknown-objective.md:17: error: objectives[1].check.teleport: unknown check (expected client/server states, segment, timer, signal, sequence or all)`,
			`${BROKEN}/zh/04-bad-flags.md:17: error: objectives[1].check.segment.flags: expects a list of flags (SYN, FIN, RST, PSH, ACK)`,
			'8 lessons checked, 5 errors, 0 warnings',
		]);
	});

	test('paths inside the working directory are shown relative, even when given absolute', () => {
		expect(lint([resolve(BROKEN)]).lines[2]).toBe(`${BROKEN}/en/03-quiz-range.md:23: error: quiz 'qr-why-three': answer 4 is out of range (3 choices)`);
	});

	test('--json prints one document with the same problems and the same exit code', () => {
		const r = lint([BROKEN, 'lessons'], true);
		expect(r.code).toBe(1);
		const doc = JSON.parse(r.stdout);
		expect(Object.keys(doc)).toEqual(['lessons', 'bank', 'problems']);
		expect(doc.lessons).toBe(8 + shipped.lessons);
		expect(doc.bank).toEqual({en: shipped.en, zh: shipped.zh});
		expect(doc.problems).toHaveLength(5);
		expect(doc.problems[2]).toEqual({
			file: `${BROKEN}/en/03-quiz-range.md`,
			line: 23,
			severity: 'error',
			message: "quiz 'qr-why-three': answer 4 is out of range (3 choices)",
		});
		const clean = lint([], true);
		expect(clean.code).toBe(0);
		expect(JSON.parse(clean.stdout)).toEqual({lessons: shipped.lessons, bank: {en: shipped.en, zh: shipped.zh}, problems: []});
	});

	test('warnings alone exit 0', () => {
		const dir = mkdtempSync(join(tmpdir(), 'synack-lint-'));
		mkdirSync(join(dir, 'zh'));
		writeFileSync(join(dir, 'zh', 'only.md'), '---\nid: only-zh\ntitle: 只有中文\ntrack: tcp\norder: 1\nminutes: 5\nsources: [RFC 9293]\n---\n\n正文。\n');
		const r = lint([dir]);
		expect(r.code).toBe(0);
		// Outside the working directory the path stays as given.
		expect(r.lines).toEqual([`${join(dir, 'zh', 'only.md')}:2: warning: lesson 'only-zh' has no English version (no en/ lesson has this id)`, '1 lesson checked, 0 errors, 1 warning']);
	});

	test('a folder that does not exist is an error on that folder, not a crash', () => {
		const r = lint(['no/such/dir']);
		expect(r.code).toBe(1);
		expect(r.lines).toEqual(['no/such/dir: error: no such lesson folder', '0 lessons checked, 1 error, 0 warnings']);
		const j = lint(['no/such/dir', 'lessons'], true);
		expect(j.code).toBe(1);
		expect(JSON.parse(j.stdout)).toEqual({lessons: shipped.lessons, bank: {en: shipped.en, zh: shipped.zh}, problems: [{file: 'no/such/dir', line: 0, severity: 'error', message: 'no such lesson folder'}]});
	});

	test('text output carries no terminal control sequences, even from file contents', () => {
		const dir = mkdtempSync(join(tmpdir(), 'synack-lint-'));
		mkdirSync(join(dir, 'en'));
		writeFileSync(join(dir, 'en', 'evil.md'), '---\nid: evil\ntitle: Evil\ntrack: tcp\norder: 1\nminutes: 5\nsources: [x]\n"\\e]0;pwned\\a\\e[2J": 1\n---\n\nText.\n');
		const r = lint([dir]);
		expect(r.code).toBe(1);
		expect(r.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
		expect(r.lines[0]).toBe(`${join(dir, 'en', 'evil.md')}:8: error: unknown key "\\u001b]0;pwned\\u0007\\u001b[2J" in the front matter (expected id, title, track, order, minutes, lab, setup, objectives, sources)`);
	});
});
