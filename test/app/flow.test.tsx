/** The tutor as a learner uses it, through ink-testing-library: keys in, frames out, progress on disk. */
import {mkdtempSync, readFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, describe, expect, test} from 'vitest';
import {App} from '../../source/app/App.js';
import {loadCatalog} from '../../source/lessons/load.js';
import {LABS} from '../../source/labs.js';
import {loadProgress, saveProgress} from '../../source/store/progress.js';
import {cleanupUi, eventually, frame, KEY, press, renderUi} from '../helpers/ui.js';

const catalog = loadCatalog({dirs: ['lessons'], labs: LABS});

async function start(dir: string, lang: 'en' | 'zh' = 'en', startAt: 'home' | 'tcp-handshake' = 'home') {
	const loaded = loadProgress(dir);
	return renderUi(
		<App
			catalog={catalog}
			labs={LABS}
			loaded={loaded}
			dataDir={dir}
			lang={lang}
			color={false}
			start={startAt === 'home' ? {name: 'home'} : {name: 'lesson', id: startAt}}
			save={(p) => saveProgress(p, dir)}
		/>,
	);
}

afterEach(cleanupUi);

describe('home → lesson → lab → checkpoint → progress', () => {
	test('a learner opens the handshake lesson, connects by keys, answers a checkpoint, and finds it all after a restart', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'synack-ui-'));
		const app = await start(dir);
		expect(frame(app)).toContain('The three-way handshake');
		expect(frame(app)).toContain('The four-way teardown');
		expect(frame(app)).toMatch(/objectives 0\/5 +quiz 0\/15/);

		await press(app, KEY.enter);
		expect(frame(app)).toContain('TCP › The three-way handshake');
		expect(frame(app)).toContain('Three segments, exact numbers');

		// Drive the lab to ESTABLISHED: c, then deliver three times. 100 columns: the lab is one key (v) away.
		await press(app, 'c', KEY.space, KEY.space, KEY.space, 'v');
		expect(frame(app)).toMatch(/client ESTABLISHED +server ESTABLISHED/);
		expect(frame(app)).toContain('✓ Open a connection');
		expect(frame(app)).toContain('objectives 1/5');
		expect(frame(app)).toMatch(/#3 ACK 101 ack 301/);

		// Back to the text; the first checkpoint asks for the third segment's ACK number.
		await press(app, 'v', KEY.enter);
		expect(frame(app)).toContain('Checkpoint 1');
		expect(frame(app)).toContain('type a number');
		await press(app, '3', '0', '2', KEY.enter);
		expect(frame(app)).toContain('✗ Not quite.');
		expect(frame(app)).toContain('Right answer: 301');
		await press(app, '3', '0', '1', KEY.enter);
		expect(frame(app)).toContain('✓ Correct.');
		// Saves are asynchronous: wait until the last one has landed (a busy machine is slow).
		await eventually(() => {
			const saved = JSON.parse(readFileSync(join(dir, 'progress.json'), 'utf8'));
			expect(saved.lessons['tcp-handshake'].objectivesDone).toContain('establish');
			expect(saved.lessons['tcp-handshake'].answers['hs-third-ack']).toMatchObject({given: 301, correct: true, attempts: 2});
			expect(saved.last).toEqual({lesson: 'tcp-handshake', page: 0});
		});

		await cleanupUi();
		const again = await start(dir);
		expect(frame(again)).toContain('Continue: The three-way handshake · page 1/8');
		expect(frame(again)).toMatch(/●○○○○○○○ +objectives 1\/5 +quiz 1\/15/);
	});

	test('pages turn with the arrows and each page seen is remembered', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'synack-ui-'));
		const app = await start(dir, 'en', 'tcp-handshake');
		await press(app, KEY.right);
		expect(frame(app)).toContain('page 2/8');
		expect(frame(app)).toContain('SYN-SENT and SYN-RECEIVED');
		await press(app, KEY.right, KEY.left);
		expect(frame(app)).toContain('page 2/8');
		await eventually(() => {
			const saved = JSON.parse(readFileSync(join(dir, 'progress.json'), 'utf8'));
			expect(saved.lessons['tcp-handshake'].pagesSeen).toEqual([1, 2]);
		});
	});

	test('single, multi, order and recall checkpoints are answered by keys', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'synack-ui-'));
		const app = await start(dir, 'en', 'tcp-handshake');
		// Page 1: Enter opens checkpoint 1; Esc leaves it; Enter moves on to checkpoint 2 (single, right = 2nd).
		await press(app, KEY.enter, KEY.escape, KEY.enter);
		expect(frame(app)).toContain('Checkpoint 2');
		await press(app, KEY.down, KEY.enter);
		expect(frame(app)).toContain('✓ Correct.');
		// Page 3: multi (right: 1 and 2), order (right: 2 4 1 3 5), then a number and a recall card.
		await press(app, KEY.enter, KEY.right, KEY.right, KEY.enter);
		expect(frame(app)).toContain('space to tick');
		await press(app, KEY.space, KEY.down, KEY.space, KEY.enter);
		expect(frame(app)).toContain('✓ Correct.');
		await press(app, KEY.enter, KEY.enter);
		expect(frame(app)).toContain('press the numbers in the right order');
		await press(app, '2', '4', '1', '3', '5');
		expect(frame(app)).toContain('your answer: 2 → 4 → 1 → 3 → 5');
		await press(app, KEY.enter);
		expect(frame(app)).toContain('✓ Correct.');
		await press(app, KEY.enter, KEY.enter, KEY.escape, KEY.enter);
		expect(frame(app)).toContain('then ⏎ to reveal');
		await press(app, KEY.enter);
		expect(frame(app)).toContain('Model answer');
		expect(frame(app)).toContain('1 again · 2 hard · 3 good · 4 easy');
		await press(app, '3');
		expect(frame(app)).toContain('✓ Correct.');
		await eventually(() => {
			const answers = JSON.parse(readFileSync(join(dir, 'progress.json'), 'utf8')).lessons['tcp-handshake'].answers;
			expect(answers['hs-ack-plus-one']).toMatchObject({given: 1, correct: true});
			expect(answers['hs-why-three']).toMatchObject({given: [0, 1], correct: true});
			expect(answers['hs-fig8-order']).toMatchObject({given: [1, 3, 0, 2, 4], correct: true});
			expect(answers['hs-two-not-enough']).toMatchObject({given: 2, correct: true});
		});
	});

	test('the interface and the lesson come in Chinese; L switches language on the map', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'synack-ui-'));
		const app = await start(dir, 'zh');
		expect(frame(app)).toContain('三次握手');
		expect(frame(app)).toContain('打开');
		await press(app, 'L');
		expect(frame(app)).toContain('The three-way handshake');
		await press(app, 'L', KEY.enter);
		expect(frame(app)).toContain('三个报文段');
	});
});
