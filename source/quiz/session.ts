/**
 * One quiz session, as a pure reducer: which questions, in what order, what was answered.
 *
 * - practice: due cards, then new ones (or one topic: its due, new, then soonest-due questions);
 *   instant feedback; a card answered "again" or "hard" while learning comes back at the end
 *   of the session when its step (1 or 10 minutes) falls within it, at most twice.
 * - exam: N auto-graded questions spread over the topics, no feedback until the end, timed on
 *   the wall clock (a minute a question); unanswered questions count as wrong.
 * - interview: open recall — recall questions first; any question is asked without its
 *   choices; the learner reveals the model answer and rates themself.
 */
import type {QuizProgress} from '../store/types.js';
import type {Bank, Question} from './bank.js';
import {dueAt, dueQueue} from './schedule.js';

export type SessionMode = 'practice' | 'exam' | 'interview';
export const MODES: readonly SessionMode[] = ['practice', 'exam', 'interview'];
export const DEFAULT_COUNT = 10;
/** Exams allow this much wall-clock time per question. */
export const EXAM_MS_PER_QUESTION = 60_000;
/** A learning step due within this long is asked again in the same session ("again": 1 min; "good" on a new card waits its 10 min for a later session). */
export const RELEARN_WITHIN_MS = 5 * 60_000;
const MAX_REPEATS = 2;

export type Outcome = {id: string; correct: boolean; rating: number; given: unknown};

export type Session = {
	mode: SessionMode;
	topic: string | null;
	queue: string[];
	index: number;
	outcomes: Outcome[];
	startedAt: number;
	/** Exams only: when time is up (wall-clock ms). */
	deadline: number | null;
	finished: boolean;
	/** How often each id was put back in the queue. */
	repeats: Record<string, number>;
};

export type SessionOptions = {mode: SessionMode; topic?: string | null; count?: number; now: Date};

export function startSession(bank: Bank, quiz: QuizProgress, opts: SessionOptions): Session {
	const count = Math.max(1, opts.count ?? DEFAULT_COUNT);
	const pool = opts.topic ? bank.questions.filter((q) => q.topic === opts.topic) : bank.questions;
	const queue =
		opts.mode === 'exam' ? examPick(pool, count, opts.now) : opts.mode === 'interview' ? interviewPick(pool, quiz, count, opts.now, Boolean(opts.topic)) : practicePick(pool, quiz, count, opts.now, Boolean(opts.topic));
	const start = opts.now.getTime();
	return {
		mode: opts.mode,
		topic: opts.topic ?? null,
		queue: queue.map((q) => q.id),
		index: 0,
		outcomes: [],
		startedAt: start,
		deadline: opts.mode === 'exam' ? start + queue.length * EXAM_MS_PER_QUESTION : null,
		finished: queue.length === 0,
		repeats: {},
	};
}

/** Due and new first; for a chosen topic, the rest of it too, soonest due first. */
function practicePick(pool: Question[], quiz: QuizProgress, count: number, now: Date, wholeTopic: boolean): Question[] {
	const {due, fresh} = dueQueue(quiz, pool, now);
	const picked = [...due, ...fresh];
	if (wholeTopic && picked.length < count) {
		const taken = new Set(picked.map((q) => q.id));
		const rest = pool.filter((q) => !taken.has(q.id));
		const newOnes = rest.filter((q) => dueAt(quiz, q.id) === null);
		const later = rest.filter((q) => dueAt(quiz, q.id) !== null).sort((a, b) => dueAt(quiz, a.id)!.getTime() - dueAt(quiz, b.id)!.getTime());
		picked.push(...newOnes, ...later);
	}
	return picked.slice(0, count);
}

function interviewPick(pool: Question[], quiz: QuizProgress, count: number, now: Date, wholeTopic: boolean): Question[] {
	const ordered = practicePick(pool, quiz, pool.length, now, true);
	const due = new Set(practicePick(pool, quiz, pool.length, now, wholeTopic).map((q) => q.id));
	const rank = (q: Question) => (q.quiz.type === 'recall' ? 0 : 2) + (due.has(q.id) ? 0 : 1);
	return [...ordered].sort((a, b) => rank(a) - rank(b)).slice(0, count);
}

/**
 * Auto-graded questions only (recall needs a reveal, which is feedback), spread over the topics:
 * topic by topic in turn, each topic's questions in a shuffled order seeded by the day, so an
 * exam is reproducible on the same day and different on the next.
 */
function examPick(pool: Question[], count: number, now: Date): Question[] {
	const graded = pool.filter((q) => q.quiz.type !== 'recall');
	const byTopic = new Map<string, Question[]>();
	for (const q of graded) byTopic.set(q.topic, [...(byTopic.get(q.topic) ?? []), q]);
	let seed = Math.floor(now.getTime() / 86_400_000) + 1;
	const random = () => {
		// mulberry32
		seed = (seed + 0x6d2b79f5) | 0;
		let t = seed;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	const shuffle = <T>(xs: T[]): T[] => {
		const a = [...xs];
		for (let i = a.length - 1; i > 0; i--) {
			const j = Math.floor(random() * (i + 1));
			[a[i], a[j]] = [a[j]!, a[i]!];
		}
		return a;
	};
	const lanes = shuffle([...byTopic.values()].map(shuffle));
	const out: Question[] = [];
	for (let round = 0; out.length < count && lanes.some((l) => l.length > round); round++) {
		for (const lane of lanes) if (lane[round] && out.length < count) out.push(lane[round]!);
	}
	return out;
}

export const current = (s: Session): string | null => (s.finished ? null : (s.queue[s.index] ?? null));

/**
 * The learner answered the current question. `nextDue` is when its card is due after this review
 * (practice and interview put a learning card back when that falls within the session).
 */
export function answer(s: Session, outcome: Outcome, nextDue: Date | null, now: Date): Session {
	if (s.finished || current(s) !== outcome.id) return s;
	let queue = s.queue;
	let repeats = s.repeats;
	const n = s.repeats[outcome.id] ?? 0;
	if (s.mode !== 'exam' && nextDue && nextDue.getTime() - now.getTime() <= RELEARN_WITHIN_MS && n < MAX_REPEATS) {
		queue = [...queue, outcome.id];
		repeats = {...repeats, [outcome.id]: n + 1};
	}
	return {...s, queue, repeats, outcomes: [...s.outcomes, outcome]};
}

/** Move past the current question (after its feedback); the session ends after the last. */
export function advance(s: Session): Session {
	const index = s.index + 1;
	return {...s, index, finished: index >= s.queue.length};
}

/** Exams end when time is up; what was not answered counts as wrong. */
export function expire(s: Session, now: Date): Session {
	if (s.finished || s.deadline === null || now.getTime() < s.deadline) return s;
	return {...s, finished: true};
}

export type ScoreCard = {total: number; correct: number; seconds: number; byTopic: Record<string, {total: number; correct: number}>; unanswered: number};

/** The end of an exam: every question asked counts, answered or not. */
export function scoreCard(s: Session, bank: Bank, now: Date): ScoreCard {
	const byTopic: ScoreCard['byTopic'] = {};
	const answered = new Map(s.outcomes.map((o) => [o.id, o]));
	for (const id of s.queue) {
		const topic = bank.byId.get(id)?.topic ?? '?';
		const t = (byTopic[topic] ??= {total: 0, correct: 0});
		t.total++;
		if (answered.get(id)?.correct) t.correct++;
	}
	const correct = Object.values(byTopic).reduce((n, t) => n + t.correct, 0);
	return {total: s.queue.length, correct, seconds: Math.round((Math.min(now.getTime(), s.deadline ?? Infinity) - s.startedAt) / 100) / 10, byTopic, unanswered: s.queue.length - s.outcomes.length};
}
