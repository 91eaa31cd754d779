/** Quiz mode as a learner uses it: keys in, frames out, the progress file checked afterwards. */
import {mkdtempSync, readFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, describe, expect, test} from 'vitest';
import {App, type Screen} from '../../source/app/App.js';
import {LABS} from '../../source/labs.js';
import {loadCatalog} from '../../source/lessons/load.js';
import {loadProgress, saveProgress} from '../../source/store/progress.js';
import type {Progress} from '../../source/store/types.js';
import {cleanupUi, eventually, frame, KEY, press, renderUi} from '../helpers/ui.js';

const catalog = loadCatalog({dirs: [join(import.meta.dirname, '..', 'fixtures', 'lessons', 'bank')], labs: LABS});
const NOW = new Date(2026, 11, 1, 12, 0, 0);

async function start(dir: string, screen: Screen, opts: {lang?: 'en' | 'zh'; clock?: () => Date} = {}) {
	return renderUi(
		<App
			catalog={catalog}
			labs={LABS}
			loaded={loadProgress(dir)}
			dataDir={dir}
			lang={opts.lang ?? 'en'}
			color={false}
			start={screen}
			save={(p) => saveProgress(p, dir)}
			clock={opts.clock ?? (() => NOW)}
		/>,
	);
}

const onDisk = (dir: string): Progress => JSON.parse(readFileSync(join(dir, 'progress.json'), 'utf8')) as Progress;
const tmp = () => mkdtempSync(join(tmpdir(), 'synack-quiz-'));

afterEach(cleanupUi);

describe('quiz mode', () => {
	test('practice: instant feedback with explanation and source; a miss comes back in the session; reviews saved', async () => {
		const dir = tmp();
		const app = await start(dir, {name: 'quiz-session', mode: 'practice', topic: 'closing'});
		expect(frame(app)).toContain('Practice · Closing · 1/2');
		expect(frame(app)).toContain('How many seconds does Linux keep a socket in TIME-WAIT?');
		await press(app, '1', '2', '0', KEY.enter);
		expect(frame(app)).toContain('✗ Not quite.');
		expect(frame(app)).toContain('Right answer: 60');
		expect(frame(app)).toContain('TCP_TIMEWAIT_LEN is 60 s.');
		expect(frame(app)).toContain('source: include/net/tcp.h');
		expect(frame(app)).toContain('next review: in 1 min');
		await press(app, KEY.enter);
		expect(frame(app)).toContain('Practice · Closing · 2/3'); // the miss joined the end
		await press(app, KEY.enter); // the first choice is right
		expect(frame(app)).toContain('✓ Correct.');
		expect(frame(app)).toContain('next review: in 10 min');
		await press(app, KEY.enter, '6', '0', KEY.enter);
		expect(frame(app)).toContain('✓ Correct.');
		await press(app, KEY.enter);
		expect(frame(app)).toContain('Session complete');
		expect(frame(app)).toContain('2 of 3 right');
		const p = await eventually(() => {
			const p = onDisk(dir);
			expect(p.quiz.reviews).toHaveLength(3);
			return p;
		});
		expect(p.version).toBe(2);
		expect(p.quiz.reviews.map((r) => [r.id, r.rating, r.correct, r.mode])).toEqual([
			['closing-time-wait', 1, false, 'practice'],
			['closing-who', 3, true, 'practice'],
			['closing-time-wait', 3, true, 'practice'],
		]);
		expect(Object.keys(p.quiz.cards).sort()).toEqual(['closing-time-wait', 'closing-who']);
		// q from the summary goes to the quiz menu, which counts what is left.
		await press(app, KEY.enter);
		expect(frame(app)).toContain('Practice what is due');
	});

	test('exam: no feedback until the end, then a score card by topic; the result is saved', async () => {
		const dir = tmp();
		let now = NOW.getTime();
		const app = await start(dir, {name: 'quiz-session', mode: 'exam', topic: null, count: 3}, {clock: () => new Date(now)});
		expect(frame(app)).toMatch(/Exam · all topics · 1\/3 · ⏱ 3:00 left/);
		expect(frame(app)).not.toContain('recall');
		// Answer each question with its first choice, or 0 for a number question: no feedback is shown.
		for (let i = 0; i < 3; i++) {
			const isNumber = frame(app).includes('type a number');
			now += 20_000;
			await press(app, ...(isNumber ? ['0', KEY.enter] : [KEY.enter]));
			expect(frame(app)).not.toContain('Correct.');
			expect(frame(app)).not.toContain('Not quite.');
		}
		expect(frame(app)).toContain('Exam finished');
		expect(frame(app)).toMatch(/Score \d\/3 \(\d+%\) in 60\.0 s/);
		expect(frame(app)).toContain('By topic');
		const p = await eventually(() => {
			const p = onDisk(dir);
			expect(p.quiz.exams).toHaveLength(1);
			return p;
		});
		expect(p.quiz.exams[0]).toMatchObject({total: 3, seconds: 60});
		expect(p.quiz.reviews.every((r) => r.mode === 'exam')).toBe(true);
		expect(p.quiz.reviews).toHaveLength(3);
	});

	test('exam: when time runs out, unanswered questions count as wrong', async () => {
		const dir = tmp();
		let now = NOW.getTime();
		const app = await start(dir, {name: 'quiz-session', mode: 'exam', topic: 'closing', count: 2}, {clock: () => new Date(now)});
		expect(frame(app)).toContain('⏱ 2:00 left');
		now += 121_000;
		await eventually(() => expect(frame(app)).toContain('Exam finished'));
		expect(frame(app)).toContain('2 unanswered (time ran out)');
		expect(frame(app)).toContain('Score 0/2');
	});

	test('interview: notes, reveal the model answer as key points, rate yourself; the rating is the review', async () => {
		const dir = tmp();
		const app = await start(dir, {name: 'quiz-session', mode: 'interview', topic: 'handshake', count: 2});
		expect(frame(app)).toContain('Interview · The handshake · 1/2');
		expect(frame(app)).toContain('Walk me through the three-way handshake.');
		await press(app, 's', 'y', 'n', KEY.space, 'q', KEY.backspace);
		expect(frame(app)).toContain('[your notes] syn ▌');
		await press(app, KEY.enter);
		expect(frame(app)).toContain('Model answer');
		expect(frame(app)).toContain('2. SYN,ACK seq=y ack=x+1');
		expect(frame(app)).toContain('rate yourself');
		await press(app, '2');
		expect(frame(app)).toContain('next review');
		await press(app, KEY.enter);
		// A choice question is asked open too: no choices shown until the reveal.
		expect(frame(app)).toContain('1/2'.replace('1', '2'));
		expect(frame(app)).not.toContain('1. ');
		await press(app, KEY.enter);
		expect(frame(app)).toContain('Right answer: ');
		await press(app, '4', KEY.enter);
		expect(frame(app)).toContain('Session complete');
		await eventually(() =>
			expect(onDisk(dir).quiz.reviews.map((r) => [r.id, r.rating, r.mode])).toEqual([
				['handshake-recall', 2, 'interview'],
				[expect.any(String), 4, 'interview'],
			]),
		);
	});

	test('predict, then run: after answering, r opens the lab in the question\'s situation and q comes back', async () => {
		const dir = tmp();
		const app = await start(dir, {name: 'quiz-session', mode: 'practice', topic: 'handshake'});
		// The queue: why-three, third-ack-lost, recall (bank order). Answer the first and move on.
		await press(app, KEY.enter, KEY.enter);
		expect(frame(app)).toContain('The third ACK is lost and the client sends 5 bytes');
		await press(app, KEY.down, KEY.enter);
		expect(frame(app)).toContain('✓ Correct.');
		expect(frame(app)).toContain('r run it in the lab');
		await press(app, 'r');
		expect(frame(app)).toContain('What the model does (TCP lab');
		expect(frame(app)).toMatch(/client ESTABLISHED +server SYN-RECEIVED/);
		await press(app, KEY.space); // deliver the data segment
		expect(frame(app)).toMatch(/client ESTABLISHED +server ESTABLISHED/);
		await press(app, 'q');
		expect(frame(app)).toContain('The third ACK is lost and the client sends 5 bytes');
		expect(frame(app)).toContain('✓ Correct.');
	});

	test('home shows what is due; z opens the quiz menu, s the stats; Chinese throughout', async () => {
		const dir = tmp();
		const app = await start(dir, {name: 'home'}, {lang: 'zh'});
		expect(frame(app)).toMatch(/测验：今天到期 0 题 · 新题 \d+ 道/);
		await press(app, 'z');
		expect(frame(app)).toContain('练习到期的题');
		expect(frame(app)).toContain('三次握手');
		await press(app, 's');
		expect(frame(app)).toContain('测验统计');
		expect(frame(app)).toContain('还没有复习记录');
		await press(app, 'q', KEY.enter);
		expect(frame(app)).toMatch(/练习 · 全部专题 · 1\/\d/);
	});
});

describe('the daily cap on new questions', () => {
	test('--new-per-day sets it for good: the menu and the queue follow it, and it is saved', async () => {
		const dir = tmp();
		const app = await start(dir, {name: 'quiz-session', mode: 'practice', topic: null, newPerDay: 2});
		expect(frame(app)).toContain('Practice · all topics · 1/2');
		await eventually(() => expect(onDisk(dir).quiz.settings.newPerDay).toBe(2));
		await press(app, 'q');
		expect(frame(app)).toContain('0 due · 2 new today');
	});
});
