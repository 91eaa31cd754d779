/**
 * Strict checking of a parsed progress file, and the hook where older versions are upgraded.
 * Every problem is reported as `path: what was expected, found what`, e.g.
 * `lessons.tcp-handshake.page: expected a whole number, found the text "two"`.
 */
import {PROGRESS_VERSION, type Answer, type ExamResult, type LessonProgress, type Progress, type QuizProgress, type Review, type StoredCard} from './types.js';
import {DEFAULT_NEW_PER_DAY} from './defaults.js';

type Raw = Record<string, unknown>;

class Invalid extends Error {}

/**
 * Check `raw` (the result of JSON.parse) and bring it to the current version.
 * - version PROGRESS_VERSION: checked strictly and copied.
 * - version 0 (no `version`, but `lessons`): upgraded. A version-0 file may lack `last` and
 *   any per-lesson field; the missing ones get their empty values.
 * - version 1 (before quiz mode): checked as strictly as the current version, and given an
 *   empty review schedule. Its checkpoint answers are kept as they are; quiz mode turns them
 *   into reviews (quiz/adopt.ts), so nothing the learner did is lost.
 * - a newer version: an error saying so (a newer synack wrote it).
 * Unknown fields are errors, not dropped, so a save never silently loses data.
 */
export function migrate(raw: unknown): Progress | {error: string} {
	try {
		const top = object(raw, 'top level');
		const version = Object.hasOwn(top, 'version') ? top['version'] : 0;
		if (!isWhole(version) || version < 0) fail('version', 'a whole number', version);
		if (version > PROGRESS_VERSION) {
			return {error: `version ${version} is newer than this synack understands (${PROGRESS_VERSION}); a newer synack wrote it`};
		}
		// Add a case here for each version between 0 and PROGRESS_VERSION.
		return progress(top, version === PROGRESS_VERSION ? 'current' : version === 1 ? 'v1' : 'v0');
	} catch (error) {
		if (error instanceof Invalid) return {error: error.message};
		throw error;
	}
}

/** Check a Progress about to be saved: null when it would load back, else the problem. */
export function problemIn(p: Progress): string | null {
	const r = migrate(p);
	return 'error' in r ? r.error : null;
}

type Mode = 'current' | 'v1' | 'v0';

function progress(top: Raw, mode: Mode): Progress {
	const {version: _, ...rest} = top;
	if (mode !== 'current' && Object.hasOwn(rest, 'quiz')) throw new Invalid(`quiz: unexpected field (version ${mode === 'v1' ? 1 : 0} files have no review schedule)`);
	const defaults: Partial<Omit<Progress, 'version'>> = mode === 'current' ? {} : mode === 'v1' ? {quiz: emptyQuizProgress()} : {last: null, quiz: emptyQuizProgress()};
	return {
		version: PROGRESS_VERSION,
		...shape(rest, '', {lessons: (v, at) => record(v, at, (l, lat) => lesson(l, lat, mode)), last: lastPlace, quiz: quizProgress}, defaults),
	};
}

const emptyQuizProgress = (): QuizProgress => ({cards: {}, reviews: [], exams: [], settings: {newPerDay: DEFAULT_NEW_PER_DAY}});

function quizProgress(v: unknown, at: string): QuizProgress {
	return shape(v, at, {
		cards: (c, cat) => record(c, cat, card),
		reviews: (r, rat) => list(r, rat, review),
		exams: (e, eat) => list(e, eat, exam),
		settings: (s, sat) => shape(s, sat, {newPerDay: (n, nat) => (isWhole(n) && n >= 0 && n <= 9999 ? n : fail(nat, 'a whole number from 0 to 9999', n))}),
	});
}

function card(v: unknown, at: string): StoredCard {
	return shape(v, at, {
		due: date,
		stability: nonNegative,
		difficulty: nonNegative,
		elapsedDays: nonNegative,
		scheduledDays: nonNegative,
		learningSteps: count,
		reps: count,
		lapses: count,
		state: (s, sat) => (isWhole(s) && s >= 0 && s <= 3 ? s : fail(sat, 'a card state from 0 to 3', s)),
		lastReview: (d, dat) => (d === null ? null : date(d, dat)),
		introduced: date,
		fingerprint: (f, fat) => shape(f, fat, {key: text, text, lang: text}),
	});
}

const MODES = ['practice', 'exam', 'interview', 'lesson'] as const;

function review(v: unknown, at: string): Review {
	return shape(v, at, {
		id: text,
		topic: text,
		at: date,
		rating: (r, rat) => (isWhole(r) && r >= 1 && r <= 4 ? r : fail(rat, 'a rating from 1 (again) to 4 (easy)', r)),
		correct: (c, cat) => (typeof c === 'boolean' ? c : fail(cat, 'true or false', c)),
		mode: (m, mat) => ((MODES as readonly unknown[]).includes(m) ? (m as Review['mode']) : fail(mat, MODES.join(', '), m)),
	});
}

function exam(v: unknown, at: string): ExamResult {
	return shape(v, at, {
		at: date,
		seconds: nonNegative,
		total: count,
		correct: count,
		byTopic: (b, bat) => record(b, bat, (t, tat) => shape(t, tat, {total: count, correct: count})),
	});
}

function date(v: unknown, at: string): string {
	return Number.isNaN(Date.parse(text(v, at))) ? fail(at, 'a date and time', v) : (v as string);
}

function nonNegative(v: unknown, at: string): number {
	return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : fail(at, 'a number of at least 0', v);
}

function count(v: unknown, at: string): number {
	return isWhole(v) && v >= 0 ? v : fail(at, 'a whole number of at least 0', v);
}

function lastPlace(v: unknown, at: string): Progress['last'] {
	if (v === null) return null;
	return shape(v, at, {lesson: text, page});
}

function lesson(v: unknown, at: string, mode: Mode): LessonProgress {
	const empty = mode === 'v0' ? {pagesSeen: [], page: 0, objectivesDone: [], answers: {}} : {};
	return shape(
		v,
		at,
		{
			pagesSeen: (l, lat) => list(l, lat, page),
			page,
			objectivesDone: (l, lat) => list(l, lat, text),
			answers: (a, aat) => record(a, aat, answer),
		},
		empty,
	);
}

function answer(v: unknown, at: string): Answer {
	return shape(v, at, {
		given: givenValue,
		correct: (c, cat) => (typeof c === 'boolean' ? c : fail(cat, 'true or false', c)),
		at: date,
		attempts: (n, nat) => (isWhole(n) && n >= 1 ? n : fail(nat, 'a whole number of at least 1', n)),
	});
}

/** What a learner may answer: text, a finite number, or a list of choice indices. */
export function givenValue(v: unknown, at: string): Answer['given'] {
	if (typeof v === 'string') return v;
	if (typeof v === 'number') {
		if (!Number.isFinite(v)) fail(at, 'a finite number', v);
		return v;
	}
	if (Array.isArray(v)) return v.map((n, i) => page(n, `${at}[${i}]`));
	return fail(at, 'a number, a list of choice numbers or text', v);
}

// ---- small checkers; each throws Invalid naming the path ----

type Check<T> = (v: unknown, at: string) => T;

/**
 * An object with exactly the fields in `spec`. Fields that are present are checked first, so a
 * wrong value is reported before a missing one; a missing field takes its value from `defaults`
 * if it has one there, else is an error.
 */
function shape<T extends object>(v: unknown, at: string, spec: {[K in keyof T]: Check<T[K]>}, defaults: Partial<T> = {}): T {
	const o = object(v, at || 'top level');
	const names = Object.keys(spec) as (keyof T & string)[];
	for (const name of Object.keys(o)) {
		if (!names.includes(name as keyof T & string)) throw new Invalid(`${join(at, name)}: unexpected field`);
	}
	const out: Partial<T> = {};
	for (const name of names) if (Object.hasOwn(o, name)) out[name] = spec[name](o[name], join(at, name));
	for (const name of names) {
		if (Object.hasOwn(o, name)) continue;
		if (!Object.hasOwn(defaults, name)) throw new Invalid(`${join(at, name)}: missing`);
		out[name] = structuredClone(defaults[name]);
	}
	return Object.fromEntries(names.map((name) => [name, out[name]])) as T;
}

/** An object used as a map (lessons by id, answers by quiz id); keys become own properties. */
function record<T>(v: unknown, at: string, item: Check<T>): Record<string, T> {
	return Object.fromEntries(Object.entries(object(v, at)).map(([k, x]) => [k, item(x, join(at, k))]));
}

function object(v: unknown, at: string): Raw {
	if (typeof v !== 'object' || v === null || Array.isArray(v)) fail(at, 'an object', v);
	return v as Raw;
}

function list<T>(v: unknown, at: string, item: Check<T>): T[] {
	if (!Array.isArray(v)) fail(at, 'a list', v);
	return (v as unknown[]).map((x, i) => item(x, `${at}[${i}]`));
}

function text(v: unknown, at: string): string {
	if (typeof v !== 'string') fail(at, 'text', v);
	return v as string;
}

/** A page number or a choice index: a whole number, 0 or more. */
function page(v: unknown, at: string): number {
	if (!isWhole(v) || v < 0) fail(at, 'a whole number', v);
	return v as number;
}

/** `at.name` for plain keys, `at["odd key"]` otherwise. */
function join(at: string, name: string): string {
	if (/^[\w-]+$/.test(name)) return at ? `${at}.${name}` : name;
	return `${at}[${JSON.stringify(name)}]`;
}

function isWhole(v: unknown): v is number {
	return typeof v === 'number' && Number.isSafeInteger(v);
}

function fail(at: string, expected: string, found: unknown): never {
	throw new Invalid(`${at}: expected ${expected}, found ${describe(found)}`);
}

function describe(v: unknown): string {
	if (v === null) return 'null';
	if (v === undefined) return 'nothing';
	if (Array.isArray(v)) return 'a list';
	if (typeof v === 'object') return 'an object';
	if (typeof v === 'string') return `the text ${JSON.stringify(v.length > 20 ? `${v.slice(0, 20)}…` : v)}`;
	return String(v);
}

/** For callers that check values outside a file (the pure updates): a RangeError. */
export function checked<T>(f: () => T): T {
	try {
		return f();
	} catch (error) {
		if (error instanceof Invalid) throw new RangeError(error.message);
		throw error;
	}
}
