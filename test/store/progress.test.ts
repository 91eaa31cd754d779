/**
 * The progress store: paths, strict loading, moving broken files aside, atomic and ordered
 * saves, and the pure updates. Every test works in its own temp dir.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach, describe, expect, test, vi} from 'vitest';
import {
	completeObjective,
	dataDir,
	emptyProgress,
	isProtected,
	lessonProgress,
	loadProgress,
	migrate,
	progressFile,
	recordAnswer,
	saveProgress,
	saveProgressSync,
	visitPage,
} from '../../source/store/progress.js';
import {PROGRESS_VERSION, type Progress} from '../../source/store/types.js';

const dirs: string[] = [];
function tempDir(): string {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'synack-progress-'));
	dirs.push(dir);
	return dir;
}
afterEach(() => {
	vi.restoreAllMocks();
	for (const dir of dirs.splice(0)) fs.rmSync(dir, {recursive: true, force: true});
});

/** Local time 2025-01-02 03:04:05, so the moved-aside name is `…broken-20250102-030405`. */
const NOW = new Date(2025, 0, 2, 3, 4, 5);
const STAMP = '20250102-030405';
const T1 = new Date('2025-03-01T10:00:00.000Z');

function sample(): Progress {
	let p = emptyProgress();
	p = visitPage(p, 'tcp-handshake', 0);
	p = visitPage(p, 'tcp-handshake', 2);
	p = completeObjective(p, 'tcp-handshake', 'establish');
	p = recordAnswer(p, 'tcp-handshake', 'q-syn', 1, true, T1);
	p = recordAnswer(p, 'tcp-handshake', 'q-order', [2, 0, 1], false, T1);
	p = recordAnswer(p, 'tcp-handshake', 'q-recall', 'good', true, T1);
	return p;
}

/** Write `text` as progress.json in a fresh dir and load it. */
function loadText(text: string | Buffer) {
	const dir = tempDir();
	fs.writeFileSync(progressFile(dir), text);
	return {dir, file: progressFile(dir), loaded: loadProgress(dir, NOW)};
}

describe('paths', () => {
	test('SYNACK_HOME wins, resolved to an absolute path', () => {
		const dir = tempDir();
		expect(dataDir({SYNACK_HOME: dir})).toBe(dir);
		expect(dataDir({SYNACK_HOME: 'rel/home'})).toBe(path.resolve('rel/home'));
		expect(progressFile(dir)).toBe(path.join(dir, 'progress.json'));
	});

	test.runIf(process.platform === 'linux')('otherwise XDG_DATA_HOME/synack, else ~/.local/share/synack', () => {
		expect(dataDir({XDG_DATA_HOME: '/xdg/data'})).toBe('/xdg/data/synack');
		expect(dataDir({SYNACK_HOME: '', XDG_DATA_HOME: '/xdg/data'})).toBe('/xdg/data/synack');
		expect(dataDir({})).toBe(path.join(os.homedir(), '.local', 'share', 'synack'));
		expect(dataDir({XDG_DATA_HOME: 'relative'})).toBe(path.join(os.homedir(), '.local', 'share', 'synack'));
	});

	test('the defaults read process.env', () => {
		const dir = tempDir();
		vi.stubEnv('SYNACK_HOME', dir);
		try {
			expect(dataDir()).toBe(dir);
			expect(progressFile()).toBe(path.join(dir, 'progress.json'));
		} finally {
			vi.unstubAllEnvs();
		}
	});
});

describe('pure updates', () => {
	test('visitPage records the page seen, the current page and last', () => {
		let p = visitPage(emptyProgress(), 'ip', 3);
		p = visitPage(p, 'ip', 1);
		p = visitPage(p, 'ip', 3);
		expect(p.lessons['ip']).toEqual({pagesSeen: [1, 3], page: 3, objectivesDone: [], answers: {}});
		expect(p.last).toEqual({lesson: 'ip', page: 3});
		p = visitPage(p, 'udp', 0);
		expect(p.last).toEqual({lesson: 'udp', page: 0});
		expect(p.lessons['ip']?.page).toBe(3);
	});

	test('never mutate their input', () => {
		const p = sample();
		const before = structuredClone(p);
		visitPage(p, 'tcp-handshake', 5);
		visitPage(p, 'new', 0);
		completeObjective(p, 'tcp-handshake', 'other');
		recordAnswer(p, 'tcp-handshake', 'q-syn', 0, false, T1);
		recordAnswer(p, 'fresh', 'q', 'again', false, T1);
		expect(p).toEqual(before);
	});

	test('completeObjective is idempotent', () => {
		const once = completeObjective(emptyProgress(), 'l', 'o');
		const twice = completeObjective(once, 'l', 'o');
		expect(twice).toEqual(once);
		expect(twice).toBe(once); // nothing changed, so nothing new to save
		expect(twice.lessons['l']?.objectivesDone).toEqual(['o']);
		expect(completeObjective(once, 'l', 'p').lessons['l']?.objectivesDone).toEqual(['o', 'p']);
	});

	test('recordAnswer counts attempts and keeps the latest answer', () => {
		const t2 = new Date('2025-03-02T11:00:00.000Z');
		let p = recordAnswer(emptyProgress(), 'l', 'q', 1, false, T1);
		expect(p.lessons['l']?.answers['q']).toEqual({given: 1, correct: false, at: T1.toISOString(), attempts: 1});
		p = recordAnswer(p, 'l', 'q', 2, true, t2);
		p = recordAnswer(p, 'l', 'q', 2, true, t2);
		expect(p.lessons['l']?.answers['q']).toEqual({given: 2, correct: true, at: t2.toISOString(), attempts: 3});
		expect(recordAnswer(p, 'l', 'other', 'easy', true, t2).lessons['l']?.answers['other']?.attempts).toBe(1);
	});

	test('recordAnswer copies a list answer', () => {
		const given = [0, 2];
		const p = recordAnswer(emptyProgress(), 'l', 'q', given, true, T1);
		given.push(9);
		expect(p.lessons['l']?.answers['q']?.given).toEqual([0, 2]);
	});

	test('values that would not load back are refused', () => {
		expect(() => visitPage(emptyProgress(), 'l', -1)).toThrow(RangeError);
		expect(() => visitPage(emptyProgress(), 'l', 1.5)).toThrow(RangeError);
		expect(() => recordAnswer(emptyProgress(), 'l', 'q', Number.NaN, true, T1)).toThrow(RangeError);
		expect(() => recordAnswer(emptyProgress(), 'l', 'q', [0, -1], true, T1)).toThrow(/given\[1\]/);
		expect(() => recordAnswer(emptyProgress(), 'l', 'q', 1, true, new Date(Number.NaN))).toThrow(RangeError);
	});

	test('lessonProgress: an empty one when absent, even for names on Object.prototype', () => {
		const empty = {pagesSeen: [], page: 0, objectivesDone: [], answers: {}};
		expect(lessonProgress(emptyProgress(), 'nope')).toEqual(empty);
		expect(lessonProgress(emptyProgress(), 'constructor')).toEqual(empty);
		expect(lessonProgress(sample(), 'tcp-handshake').objectivesDone).toEqual(['establish']);
	});

	test('a lesson called __proto__ is an ordinary entry', () => {
		const p = visitPage(emptyProgress(), '__proto__', 1);
		expect(Object.getPrototypeOf(p.lessons)).toBe(Object.prototype);
		expect(Object.keys(p.lessons)).toEqual(['__proto__']);
		expect(lessonProgress(p, '__proto__').page).toBe(1);
	});
});

describe('save and load', () => {
	test('a missing file is empty progress, no notice, nothing written', () => {
		const dir = tempDir();
		expect(loadProgress(dir, NOW)).toEqual({progress: emptyProgress(), file: progressFile(dir), notice: null});
		expect(fs.readdirSync(dir)).toEqual([]);
	});

	test('round trip, async and sync, into a directory that does not exist yet', async () => {
		const dir = path.join(tempDir(), 'a', 'b');
		const p = sample();
		await saveProgress(p, dir);
		expect(loadProgress(dir, NOW)).toEqual({progress: p, file: progressFile(dir), notice: null});
		const q = visitPage(p, 'udp', 4);
		saveProgressSync(q, dir);
		expect(loadProgress(dir, NOW).progress).toEqual(q);
		expect(fs.readdirSync(dir)).toEqual(['progress.json']); // no temp files left
		expect(JSON.parse(fs.readFileSync(progressFile(dir), 'utf8')).version).toBe(PROGRESS_VERSION);
	});

	test('a progress that would not load back is not saved', async () => {
		const dir = tempDir();
		await saveProgress(sample(), dir);
		const before = fs.readFileSync(progressFile(dir));
		const bad = {...emptyProgress(), last: {lesson: 'x', page: -1}};
		await expect(saveProgress(bad, dir)).rejects.toThrow(/would not load back: last\.page/);
		expect(() => saveProgressSync(bad, dir)).toThrow(/last\.page/);
		expect(fs.readFileSync(progressFile(dir))).toEqual(before);
	});

	test('overlapping saves end with the last one called on disk', async () => {
		const dir = tempDir();
		const versions = Array.from({length: 25}, (_, i) => visitPage(emptyProgress(), 'l', i));
		await Promise.all(versions.map((p) => saveProgress(p, dir)));
		expect(loadProgress(dir, NOW).progress).toEqual(versions.at(-1));
		expect(fs.readdirSync(dir)).toEqual(['progress.json']);
	});

	test('one failed save does not stop the ones queued after it', async () => {
		const dir = tempDir();
		const bad = {...emptyProgress(), version: 7} as unknown as Progress;
		const results = await Promise.allSettled([saveProgress(sample(), dir), saveProgress(bad, dir), saveProgress(visitPage(emptyProgress(), 'z', 1), dir)]);
		expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
		expect(loadProgress(dir, NOW).progress.last).toEqual({lesson: 'z', page: 1});
	});

	test('a sync save (on exit) is not undone by async saves still queued before it', async () => {
		const dir = tempDir();
		const pending = [1, 2, 3].map((n) => saveProgress(visitPage(emptyProgress(), 'async', n), dir));
		const final = visitPage(emptyProgress(), 'sync', 9);
		saveProgressSync(final, dir);
		await Promise.all(pending);
		expect(loadProgress(dir, NOW).progress).toEqual(final);
	});
});

describe('a file that cannot be used is moved aside', () => {
	test('truncated JSON: moved with its bytes unchanged; the next save starts a new file', async () => {
		const dir = tempDir();
		await saveProgress(sample(), dir);
		const whole = fs.readFileSync(progressFile(dir));
		const half = whole.subarray(0, Math.floor(whole.length / 2));
		fs.writeFileSync(progressFile(dir), half);

		const loaded = loadProgress(dir, NOW);
		const movedTo = `${progressFile(dir)}.broken-${STAMP}`;
		expect(loaded.progress).toEqual(emptyProgress());
		expect(loaded.notice).toEqual({movedTo, reason: expect.stringMatching(/^not valid JSON \(.+\)$/)});
		expect(fs.readFileSync(movedTo)).toEqual(half);
		expect(fs.existsSync(progressFile(dir))).toBe(false);
		expect(isProtected(progressFile(dir))).toBe(false);

		const fresh = visitPage(loaded.progress, 'udp', 0);
		await saveProgress(fresh, dir);
		expect(loadProgress(dir, NOW)).toEqual({progress: fresh, file: progressFile(dir), notice: null});
		expect(fs.readFileSync(movedTo)).toEqual(half);
		expect(fs.readdirSync(dir).sort()).toEqual(['progress.json', `progress.json.broken-${STAMP}`]);
	});

	test('a wrong type deep inside: the reason names the path', () => {
		// Also missing fields and `last`: a wrong value present is reported before anything missing.
		const text = '{"version":1,"lessons":{"tcp-handshake":{"page":"two"}}}';
		const {file, loaded} = loadText(text);
		expect(loaded.notice).toEqual({
			movedTo: `${file}.broken-${STAMP}`,
			reason: 'lessons.tcp-handshake.page: expected a whole number, found the text "two"',
		});
		expect(fs.readFileSync(`${file}.broken-${STAMP}`, 'utf8')).toBe(text);
		expect(loaded.progress).toEqual(emptyProgress());
	});

	const lesson = {pagesSeen: [0], page: 0, objectivesDone: [], answers: {}};
	const answer = {given: 1, correct: true, at: '2025-03-01T10:00:00.000Z', attempts: 1};
	const v1 = (lessons: unknown, last: unknown = null) => JSON.stringify({version: 1, lessons, last});
	test.each([
		['page is text', v1({'tcp-handshake': {...lesson, page: 'two'}}), 'lessons.tcp-handshake.page: expected a whole number, found the text "two"'],
		['negative page seen', v1({x: {...lesson, pagesSeen: [0, -2]}}), 'lessons.x.pagesSeen[1]: expected a whole number, found -2'],
		['a field missing', v1({x: {page: 0, objectivesDone: [], answers: {}}}), 'lessons.x.pagesSeen: missing'],
		['an unknown field', v1({x: {...lesson, extra: 1}}), 'lessons.x.extra: unexpected field'],
		['an odd lesson key', v1({'a b': {...lesson, page: null}}), 'lessons["a b"].page: expected a whole number, found null'],
		['objective not text', v1({x: {...lesson, objectivesDone: [1]}}), 'lessons.x.objectivesDone[0]: expected text, found 1'],
		['answer.correct', v1({x: {...lesson, answers: {q: {...answer, correct: 'yes'}}}}), 'lessons.x.answers.q.correct: expected true or false, found the text "yes"'],
		['answer.at', v1({x: {...lesson, answers: {q: {...answer, at: 'yesterday'}}}}), 'lessons.x.answers.q.at: expected a date and time, found the text "yesterday"'],
		['answer.attempts', v1({x: {...lesson, answers: {q: {...answer, attempts: 0}}}}), 'lessons.x.answers.q.attempts: expected a whole number of at least 1, found 0'],
		['answer.given', v1({x: {...lesson, answers: {q: {...answer, given: {a: 1}}}}}), 'lessons.x.answers.q.given: expected a number, a list of choice numbers or text, found an object'],
		['lessons a list', v1([]), 'lessons: expected an object, found a list'],
		['last incomplete', v1({}, {lesson: 'x'}), 'last.page: missing'],
		['last missing', '{"version":1,"lessons":{}}', 'last: missing'],
		['top level a list', '[]', 'top level: expected an object, found a list'],
		['top level a number', '42', 'top level: expected an object, found 42'],
		['version text', '{"version":"1","lessons":{},"last":null}', 'version: expected a whole number, found the text "1"'],
		['version negative', '{"version":-1,"lessons":{},"last":null}', 'version: expected a whole number, found -1'],
		['version null', '{"version":null,"lessons":{},"last":null}', 'version: expected a whole number, found null'],
		['unknown top-level field', '{"version":1,"lessons":{},"last":null,"theme":"dark"}', 'theme: unexpected field'],
		['empty', '', 'the file is empty'],
	])('%s', (_name, text, reason) => {
		const {file, loaded} = loadText(text);
		expect(loaded.notice).toEqual({movedTo: `${file}.broken-${STAMP}`, reason});
		expect(fs.readFileSync(`${file}.broken-${STAMP}`, 'utf8')).toBe(text);
	});

	test('bytes that are not UTF-8', () => {
		const bytes = Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]);
		const {file, loaded} = loadText(bytes);
		expect(loaded.notice?.reason).toBe('not valid UTF-8 text');
		expect(fs.readFileSync(`${file}.broken-${STAMP}`)).toEqual(bytes);
	});

	test('a file from a newer synack', () => {
		const text = '{"version":99,"lessons":{},"last":null,"newThing":true}';
		const {file, loaded} = loadText(text);
		expect(loaded.notice?.movedTo).toBe(`${file}.broken-${STAMP}`);
		expect(loaded.notice?.reason).toMatch(/version 99 is newer/);
		expect(fs.readFileSync(`${file}.broken-${STAMP}`, 'utf8')).toBe(text);
	});

	test('a directory where the file should be', () => {
		const dir = tempDir();
		fs.mkdirSync(progressFile(dir));
		fs.writeFileSync(path.join(progressFile(dir), 'inside'), 'kept');
		const loaded = loadProgress(dir, NOW);
		expect(loaded.notice).toEqual({movedTo: `${progressFile(dir)}.broken-${STAMP}`, reason: 'it is a directory, not a file'});
		expect(fs.readFileSync(path.join(`${progressFile(dir)}.broken-${STAMP}`, 'inside'), 'utf8')).toBe('kept');
	});

	test('a taken name gets -1, then -2; nothing is replaced', () => {
		const dir = tempDir();
		const file = progressFile(dir);
		fs.writeFileSync(`${file}.broken-${STAMP}`, 'first');
		fs.writeFileSync(file, '{');
		expect(loadProgress(dir, NOW).notice?.movedTo).toBe(`${file}.broken-${STAMP}-1`);
		fs.writeFileSync(file, '{"version":');
		expect(loadProgress(dir, NOW).notice?.movedTo).toBe(`${file}.broken-${STAMP}-2`);
		expect(fs.readFileSync(`${file}.broken-${STAMP}`, 'utf8')).toBe('first');
		expect(fs.readFileSync(`${file}.broken-${STAMP}-1`, 'utf8')).toBe('{');
		expect(fs.readFileSync(`${file}.broken-${STAMP}-2`, 'utf8')).toBe('{"version":');
	});

	test('a file that cannot be moved is left in place and saves refuse to overwrite it', async () => {
		const dir = tempDir();
		const file = progressFile(dir);
		fs.writeFileSync(file, '{"broken"');
		const denied = () => {
			throw Object.assign(new Error(`EACCES: permission denied, rename '${file}' -> 'x'`), {code: 'EACCES'});
		};
		vi.spyOn(fs, 'linkSync').mockImplementation(denied);
		vi.spyOn(fs, 'renameSync').mockImplementation(denied);

		const loaded = loadProgress(dir, NOW);
		expect(loaded.progress).toEqual(emptyProgress());
		expect(loaded.notice?.movedTo).toBe(file);
		expect(loaded.notice?.reason).toMatch(/^not valid JSON .*could not be moved aside \(EACCES: permission denied\).*left in place/);
		expect(isProtected(file)).toBe(true);
		vi.restoreAllMocks();

		await expect(saveProgress(sample(), dir)).rejects.toThrow(/Refusing to overwrite .*progress\.json/);
		expect(() => saveProgressSync(sample(), dir)).toThrow(/Refusing to overwrite/);
		expect(fs.readFileSync(file, 'utf8')).toBe('{"broken"');
		expect(fs.readdirSync(dir)).toEqual(['progress.json']);

		// Once the learner repairs it, the next load lifts the protection.
		fs.writeFileSync(file, JSON.stringify(emptyProgress()));
		expect(loadProgress(dir, NOW).notice).toBeNull();
		expect(isProtected(file)).toBe(false);
		await saveProgress(sample(), dir);
		expect(loadProgress(dir, NOW).progress).toEqual(sample());
	});
});

describe('versions', () => {
	test('a version-0 file (no version) is upgraded in place, not moved, answers kept', () => {
		const v0 = {
			lessons: {
				'tcp-handshake': {
					pagesSeen: [0, 1],
					page: 1,
					objectivesDone: ['establish'],
					answers: {'q-syn': {given: [1, 0], correct: true, at: '2024-12-01T09:00:00.000Z', attempts: 2}},
				},
				ip: {page: 3}, // a version-0 lesson may lack fields
			},
		};
		const {dir, file, loaded} = loadText(JSON.stringify(v0));
		expect(loaded.notice).toBeNull();
		expect(loaded.progress).toEqual({
			version: PROGRESS_VERSION,
			lessons: {'tcp-handshake': v0.lessons['tcp-handshake'], ip: {pagesSeen: [], page: 3, objectivesDone: [], answers: {}}},
			last: null,
			quiz: {cards: {}, reviews: [], exams: [], settings: {newPerDay: 20}},
		});
		expect(fs.readdirSync(dir)).toEqual(['progress.json']);
		expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual(v0); // the file itself is rewritten only by the next save
	});

	test('migrate: current passes, v0 without lessons and newer versions are errors', () => {
		expect(migrate(sample())).toEqual(sample());
		expect(migrate({})).toEqual({error: 'lessons: missing'});
		expect(migrate({version: 3, lessons: {}, last: null})).toEqual({
			error: expect.stringMatching(/^version 3 is newer than this synack understands \(2\)/),
		});
		expect(migrate(null)).toEqual({error: 'top level: expected an object, found null'});
	});

	test('a version-1 file (before quiz mode) loads with its answers kept and an empty review schedule', () => {
		const v1 = {
			version: 1,
			lessons: {
				'tcp-handshake': {
					pagesSeen: [0],
					page: 0,
					objectivesDone: [],
					answers: {'hs-third-ack': {given: 301, correct: true, at: '2026-11-30T09:00:00.000Z', attempts: 1}},
				},
			},
			last: {lesson: 'tcp-handshake', page: 0},
		};
		const {loaded} = loadText(JSON.stringify(v1));
		expect(loaded.notice).toBeNull();
		expect(loaded.progress).toEqual({...v1, version: 2, quiz: {cards: {}, reviews: [], exams: [], settings: {newPerDay: 20}}});
		// A version-1 file cannot already hold a schedule: that would be a file no synack wrote.
		expect(migrate({...v1, quiz: {}})).toEqual({error: 'quiz: unexpected field (version 1 files have no review schedule)'});
	});

	test('the review schedule is checked as strictly as the rest', () => {
		const card = {
			due: '2026-12-01T09:01:00.000Z',
			stability: 0.2,
			difficulty: 6.4,
			elapsedDays: 0,
			scheduledDays: 0,
			learningSteps: 1,
			reps: 1,
			lapses: 0,
			state: 1,
			lastReview: '2026-12-01T09:00:00.000Z',
			introduced: '2026-12-01T09:00:00.000Z',
			fingerprint: {key: 'single|3|1', text: 'why three', lang: 'en'},
		};
		const review = {id: 'q', topic: 't', at: '2026-12-01T09:00:00.000Z', rating: 3, correct: true, mode: 'practice'};
		const quiz = {cards: {q: card}, reviews: [review], exams: [{at: '2026-12-01T09:00:00.000Z', seconds: 61.5, total: 1, correct: 1, byTopic: {t: {total: 1, correct: 1}}}], settings: {newPerDay: 20}};
		const p = {...sample(), quiz};
		expect(migrate(p)).toEqual(p);
		expect(migrate({...p, quiz: {...quiz, cards: {q: {...card, state: 7}}}})).toEqual({error: 'quiz.cards.q.state: expected a card state from 0 to 3, found 7'});
		expect(migrate({...p, quiz: {...quiz, reviews: [{...review, rating: 0}]}})).toEqual({error: 'quiz.reviews[0].rating: expected a rating from 1 (again) to 4 (easy), found 0'});
		expect(migrate({...p, quiz: {...quiz, reviews: [{...review, mode: 'cram'}]}})).toEqual({error: 'quiz.reviews[0].mode: expected practice, exam, interview, lesson, found the text "cram"'});
		expect(migrate({...p, quiz: {...quiz, cards: {q: {...card, due: 'soon'}}}})).toEqual({error: 'quiz.cards.q.due: expected a date and time, found the text "soon"'});
		expect(migrate({...p, quiz: {...quiz, settings: {newPerDay: -1}}})).toEqual({error: 'quiz.settings.newPerDay: expected a whole number from 0 to 9999, found -1'});
		const {quiz: _, ...noQuiz} = p;
		expect(migrate(noQuiz)).toEqual({error: 'quiz: missing'});
	});

	test('migrate returns a copy, not the object it was given', () => {
		const p = sample();
		const m = migrate(p);
		expect(m).toEqual(p);
		expect(m).not.toBe(p);
		expect((m as Progress).lessons).not.toBe(p.lessons);
	});
});
