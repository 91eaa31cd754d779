/** The built tutor in a real terminal, read as a person reads it. */
import {mkdtempSync, mkdirSync, writeFileSync, readdirSync, readFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, describe, expect, test} from 'vitest';
import {spawnTui, type Screen} from '../helpers/pty.js';

const open: Screen[] = [];
afterEach(() => {
	for (const s of open.splice(0)) s.kill();
});

function tui(args: string[], cols: number, rows: number, env: Record<string, string> = {}): Screen {
	const home = mkdtempSync(join(tmpdir(), 'synack-e2e-'));
	const s = spawnTui(args, {cols, rows, env: {SYNACK_HOME: home, LANG: 'en_US.UTF-8', ...env}});
	open.push(s);
	return s;
}

const widest = (s: Screen) => Math.max(...s.lines().map((l) => [...l].length));

describe('80×24', () => {
	test('open the handshake lesson, press keys, read the screen: nothing overflows or scrolls away', async () => {
		const s = tui([], 80, 24);
		await s.waitFor((t) => t.includes('The three-way handshake'), 'the lesson map');
		expect(s.lines()[0]).toContain('synack — TCP/IP · HTTP · HTTPS');
		await s.press('\r');
		await s.waitFor((t) => t.includes('TCP › The three-way handshake'), 'the lesson');
		await s.press('c');
		await s.waitFor((t) => t.includes('client SYN-SENT'), 'the SYN on its way');
		await s.press('  ');
		await s.waitFor((t) => t.includes('client ESTABLISHED'), 'the client established');
		await s.press('x');
		await s.press('v');
		const lab = await s.waitFor((t) => t.includes('Lab: TCP'), 'the lab pane');
		expect(lab).toMatch(/#1 SYN 100 ─+▶┤/);
		expect(lab).toMatch(/#2 SYN,ACK 300 ack 101/);
		expect(lab).toMatch(/#3 ACK 101 ack 301 ─ ✗/);
		expect(lab).toContain('server SYN-RECEIVED');
		await s.press('t');
		const retransmitted = await s.waitFor((t) => t.includes('↻'), 'the SYN,ACK retransmission');
		expect(retransmitted).toContain('✓ Deliver the SYN and lose the SYN,ACK');
		// The top line (where am I) and the key bar (what can I do) are both still on screen.
		const lines = s.lines();
		expect(lines[0]).toContain('TCP › The three-way handshake');
		expect(lines[0]).toContain('objectives 1/5');
		expect(lines[22]).toMatch(/←.*previous page/);
		expect(widest(s)).toBeLessThanOrEqual(80);
		// Ink redraws in place while the frame is shorter than the terminal: no full clear was needed.
		expect(s.raw()).not.toContain('\u001B[2J');
	});

	test('? shows every key from the table; Esc closes it; q goes back; q quits and the terminal is restored', async () => {
		const s = tui(['learn', 'tcp-teardown'], 80, 24);
		await s.waitFor((t) => t.includes('TCP › The four-way teardown'), 'the teardown lesson');
		await s.press('?');
		const help = await s.waitFor((t) => t.includes('Keys') && t.includes('back / quit'), 'the help overlay');
		for (const want of ['switch end', 'undo', 'deliver', 'drop', 'next timer', 'answer checkpoint', 'submit', 'back / quit']) expect(help).toContain(want);
		await s.press('\u001B');
		await s.waitFor((t) => !t.includes('Esc to close'), 'the overlay closed');
		await s.press('q');
		await s.waitFor((t) => t.includes('synack — TCP/IP · HTTP · HTTPS'), 'the lesson map');
		await s.press('q');
		expect(await s.exited).toBe(0);
		expect(s.raw()).toContain('\u001B[?25h'); // the cursor is shown again
	});

	test('Ctrl+C always exits', async () => {
		const s = tui(['lab', 'tcp'], 80, 24);
		await s.waitFor((t) => t.includes('Lab: TCP'), 'the lab');
		await s.press('\u0003');
		expect(await s.exited).toBe(0);
	});

	test('a terminal smaller than 60×16 gets one line asking for more room; resizing brings the screen back', async () => {
		const s = tui(['learn', 'tcp-handshake'], 50, 12);
		await s.waitFor((t) => t.includes('at least 60×16'), 'the too-small message');
		s.resize(80, 24);
		await s.waitFor((t) => t.includes('TCP › The three-way handshake'), 'the lesson again');
	});
});

describe('200×50', () => {
	test('text and lab side by side', async () => {
		const s = tui(['learn', 'tcp-handshake'], 200, 50);
		const screen = await s.waitFor((t) => t.includes('Lab: TCP') && t.includes('Three segments, exact numbers'), 'text and lab together');
		const row = s.lines().find((l) => l.includes('Lab: TCP'))!;
		expect(row.indexOf('Lab: TCP')).toBeGreaterThan(90);
		expect(screen).toContain('server LISTEN');
		await s.press('c ');
		const after = await s.waitFor((t) => t.includes('server SYN-RECEIVED'), 'the SYN delivered');
		expect(after).toContain('Three segments, exact numbers'); // the text stays beside the lab
		expect(widest(s)).toBeLessThanOrEqual(200);
	});
});

describe('130×30 in Chinese', () => {
	test('the lab box keeps its right border on every row, however its CJK lines are cut', async () => {
		const s = tui(['learn', 'tcp-handshake', '--lang', 'zh'], 130, 30);
		await s.waitFor((t) => t.includes('实验: TCP') && t.includes('建立一条连接'), 'text and lab together');
		const rows = s.lines();
		const top = rows.findIndex((l) => l.trimEnd().endsWith('╮'));
		const bottom = rows.findIndex((l) => l.trimEnd().endsWith('╯'));
		expect(top).toBeGreaterThan(-1);
		expect(bottom).toBeGreaterThan(top + 5);
		for (const row of rows.slice(top + 1, bottom)) expect(row.trimEnd().endsWith('│'), row).toBe(true);
	});

	test('the lab\'s log speaks Chinese (the model writes English; the built UI translates it)', async () => {
		const s = tui(['learn', 'tcp-handshake', '--lang', 'zh'], 130, 30);
		await s.waitFor((t) => t.includes('实验: TCP'), 'the lab');
		await s.press('c');
		const screen = await s.waitFor((t) => t.includes('client：connect()，发出 SYN，ISN 为 100'), 'the connect() note in Chinese');
		expect(screen).toContain('client：CLOSED → SYN-SENT');
		expect(screen).not.toContain('passive open');
	});
});

describe('bad input', () => {
	test('lesson text with terminal control sequences has no effect on the terminal', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'synack-evil-'));
		mkdirSync(join(dir, 'en'));
		writeFileSync(
			join(dir, 'en', 'evil.md'),
			['---', 'id: evil-lesson', 'title: "Evil \u001B]0;pwned\u0007title"', 'track: web', 'order: 1', 'minutes: 1', 'sources: [none]', '---', '', '## Page one', '', 'Before\u001B[2J after \u001B]0;hacked\u0007 end.', ''].join('\n'),
		);
		const s = tui(['--lessons', dir, 'learn', 'evil-lesson'], 80, 24);
		const screen = await s.waitFor((t) => t.includes('Before after  end.'), 'the cleaned text');
		expect(screen).toContain('Evil title');
		expect(s.title()).toBe('');
		expect(s.raw()).not.toContain('\u001B]0;');
		expect(s.raw()).not.toContain('\u001B[2J');
	});

	test('a truncated progress file is moved aside, the learner is told, and the app starts', async () => {
		const home = mkdtempSync(join(tmpdir(), 'synack-e2e-'));
		writeFileSync(join(home, 'progress.json'), '{"version":1,"lessons":{"tcp-hand');
		const s = spawnTui([], {cols: 100, rows: 24, env: {SYNACK_HOME: home, LANG: 'en_US.UTF-8'}});
		open.push(s);
		const screen = await s.waitFor((t) => t.includes('could not be read'), 'the notice');
		expect(screen).toContain('The three-way handshake');
		const moved = readdirSync(home).find((f) => f.startsWith('progress.json.broken-'))!;
		expect(readFileSync(join(home, moved), 'utf8')).toBe('{"version":1,"lessons":{"tcp-hand');
	});

	test('broken lessons are on the map with ⚠, their file:line problems one key away; the others open', async () => {
		const s = tui(['--lessons', 'test/fixtures/lessons/broken'], 100, 30);
		await s.waitFor((t) => t.includes('⚠'), 'the broken lessons');
		await s.press('e');
		const problems = await s.waitFor((t) => t.includes('Lessons that could not be loaded'), 'the problem list');
		expect(problems).toMatch(/broken\/en\/[\w-]+\.md:\d+: /);
		await s.press('\u001B');
		await s.waitFor((t) => !t.includes('Lessons that could not be loaded'), 'the problem list closed');
		await s.press('\r');
		await s.waitFor((t) => t.includes('› '), 'a lesson that loads');
	});

	test('a lesson missing in Chinese falls back to English and says so', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'synack-fallback-'));
		mkdirSync(join(dir, 'en'));
		writeFileSync(join(dir, 'en', 'only-en.md'), ['---', 'id: only-english', 'title: Only in English', 'track: web', 'order: 9', 'minutes: 1', 'sources: [none]', '---', '', '## One', '', 'Text.', ''].join('\n'));
		const s = tui(['--lang', 'zh', '--lessons', dir, 'learn', 'only-english'], 100, 24);
		const screen = await s.waitFor((t) => t.includes('Only in English'), 'the English lesson');
		expect(screen).toContain('本课还没有中文版');
	});
});

describe('quiz mode in the built CLI', () => {
	test('a practice answer is saved to the progress file (the bundle can write it), and stays after a restart', async () => {
		const home = mkdtempSync(join(tmpdir(), 'synack-e2e-quiz-'));
		const s = spawnTui(['quiz', '--topic', 'tcp-handshake', '--count', '1'], {cols: 80, rows: 24, env: {SYNACK_HOME: home, LANG: 'en_US.UTF-8'}});
		open.push(s);
		await s.waitFor((t) => t.includes('Practice · The three-way handshake · 1/1'), 'the first question');
		// Answer whatever it is: a number question takes 0, the others their first choice or a reveal.
		const screen = s.lines().join('\n');
		await s.press(screen.includes('type a number') ? '0\r' : '\r');
		if (screen.includes('reveal')) await s.press('3');
		await s.waitFor((t) => t.includes('next review'), 'the feedback');
		// The save is asynchronous (atomic write, then rename): give it a moment to land.
		for (let i = 0; i < 100 && !readdirSync(home).includes('progress.json'); i++) await new Promise((r) => setTimeout(r, 20));
		const progress = JSON.parse(readFileSync(join(home, 'progress.json'), 'utf8'));
		expect(progress.version).toBe(2);
		expect(progress.quiz.reviews).toHaveLength(1);
		expect(progress.quiz.reviews[0]).toMatchObject({topic: 'tcp-handshake', mode: 'practice'});
		s.kill();
		const again = spawnTui(['quiz'], {cols: 80, rows: 24, env: {SYNACK_HOME: home, LANG: 'en_US.UTF-8'}});
		open.push(again);
		await again.press('q');
		await again.waitFor((t) => /Quiz +\d+ due · 19 new today/.test(t), 'the menu counting one card already introduced today');
	});
});
