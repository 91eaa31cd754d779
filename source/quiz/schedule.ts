/**
 * The review schedule: ts-fsrs (FSRS, the scheduler Anki uses) on cards stored as JSON in the
 * progress file. Every question is a card. Nothing here reads the clock: `now` is passed in.
 *
 * - Ratings are FSRS's: 1 again, 2 hard, 3 good, 4 easy. An auto-graded answer rates 3 when
 *   right and 1 when wrong; a recall question is rated by the learner.
 * - Learning steps (1 min, 10 min) happen within a day: a card answered "again" comes back in
 *   the same session once its step is due.
 * - New cards per day are capped (`settings.newPerDay`), counted by the day a card was introduced.
 */
import {createEmptyCard, fsrs, generatorParameters, type Card, type Grade} from 'ts-fsrs';
import type {QuizMode, QuizProgress, Review, StoredCard} from '../store/types.js';
import type {Bank, Question} from './bank.js';
import {fingerprint, materialChange} from './fingerprint.js';

/** No fuzz: the same answers on the same clock give the same schedule (tests, classroom labs). */
export const PARAMS = generatorParameters({enable_fuzz: false});
const scheduler = fsrs(PARAMS);

export type Rating = 1 | 2 | 3 | 4;
export const AGAIN: Rating = 1;
export const GOOD: Rating = 3;

export function toCard(s: StoredCard): Card {
	return {
		due: new Date(s.due),
		stability: s.stability,
		difficulty: s.difficulty,
		elapsed_days: s.elapsedDays,
		scheduled_days: s.scheduledDays,
		learning_steps: s.learningSteps,
		reps: s.reps,
		lapses: s.lapses,
		state: s.state,
		...(s.lastReview ? {last_review: new Date(s.lastReview)} : {}),
	};
}

function fromCard(c: Card, introduced: string, fp: StoredCard['fingerprint']): StoredCard {
	return {
		due: c.due.toISOString(),
		stability: c.stability,
		difficulty: c.difficulty,
		elapsedDays: c.elapsed_days,
		scheduledDays: c.scheduled_days,
		learningSteps: c.learning_steps,
		reps: c.reps,
		lapses: c.lapses,
		state: c.state,
		lastReview: c.last_review ? c.last_review.toISOString() : null,
		introduced,
		fingerprint: fp,
	};
}

/** Record one review of `q`: its card moves on by FSRS, and the review joins the log. */
export function review(quiz: QuizProgress, q: Question, rating: Rating, correct: boolean, mode: QuizMode, now: Date): QuizProgress {
	const before = Object.hasOwn(quiz.cards, q.id) ? quiz.cards[q.id] : undefined;
	const card = before ? toCard(before) : createEmptyCard(now);
	const next = scheduler.next(card, now, rating as Grade).card;
	const stored = fromCard(next, before?.introduced ?? now.toISOString(), fingerprint(q.quiz, q.lang));
	const entry: Review = {id: q.id, topic: q.topic, at: now.toISOString(), rating, correct, mode};
	return {...quiz, cards: {...quiz.cards, [q.id]: stored}, reviews: [...quiz.reviews, entry]};
}

/** The rating an auto-graded answer gives. */
export const ratingFor = (correct: boolean): Rating => (correct ? GOOD : AGAIN);

/** The local calendar day of a moment, as YYYY-MM-DD. */
export function dayKey(d: Date): string {
	const pad = (n: number) => String(n).padStart(2, '0');
	return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/**
 * Cards whose question changed materially since they were last reviewed: they restart (their
 * card is removed, so the question is new again) and the learner is told which.
 */
export function restartChanged(quiz: QuizProgress, bank: Bank): {quiz: QuizProgress; changed: Question[]} {
	const changed: Question[] = [];
	for (const q of bank.questions) {
		const card = Object.hasOwn(quiz.cards, q.id) ? quiz.cards[q.id] : undefined;
		if (card && materialChange(card.fingerprint, fingerprint(q.quiz, q.lang))) changed.push(q);
	}
	if (changed.length === 0) return {quiz, changed};
	const cards = {...quiz.cards};
	for (const q of changed) delete cards[q.id];
	return {quiz: {...quiz, cards}, changed};
}

export type Queue = {due: Question[]; fresh: Question[]; newLeftToday: number};

/**
 * Today's queue: cards due now (learning and relearning first, then by due time), then new
 * questions up to what is left of today's cap, in bank order (lessons first, then topics).
 */
export function dueQueue(quiz: QuizProgress, questions: Question[], now: Date): Queue {
	const today = dayKey(now);
	const introducedToday = Object.values(quiz.cards).filter((c) => dayKey(new Date(c.introduced)) === today).length;
	const newLeftToday = Math.max(0, quiz.settings.newPerDay - introducedToday);
	const due: Array<{q: Question; card: StoredCard}> = [];
	const fresh: Question[] = [];
	for (const q of questions) {
		const card = Object.hasOwn(quiz.cards, q.id) ? quiz.cards[q.id] : undefined;
		if (!card) fresh.push(q);
		else if (Date.parse(card.due) <= now.getTime()) due.push({q, card});
	}
	const learning = (c: StoredCard) => (c.state === 1 || c.state === 3 ? 0 : 1);
	due.sort((a, b) => learning(a.card) - learning(b.card) || Date.parse(a.card.due) - Date.parse(b.card.due));
	return {due: due.map((d) => d.q), fresh: fresh.slice(0, newLeftToday), newLeftToday};
}

/** When a question is next due, or null for a new one. */
export function dueAt(quiz: QuizProgress, id: string): Date | null {
	const card = Object.hasOwn(quiz.cards, id) ? quiz.cards[id] : undefined;
	return card ? new Date(card.due) : null;
}
