/** The scheduler is ts-fsrs: the same ratings on the same clock give ts-fsrs's own due dates. */
import {createEmptyCard, fsrs, generatorParameters, type Card, type Grade} from 'ts-fsrs';
import {describe, expect, test} from 'vitest';
import {dayKey, dueQueue, restartChanged, review, toCard, type Rating} from '../../source/quiz/schedule.js';
import {emptyQuiz} from '../../source/store/update.js';
import type {QuizProgress} from '../../source/store/types.js';
import {at, bankEn, bankZh} from './helpers.js';

const q = bankEn.byId.get('handshake-why-three')!;

describe('scheduling', () => {
	test('a sequence of ratings gives the due dates ts-fsrs computes, with a fixed clock', () => {
		const reference = fsrs(generatorParameters({enable_fuzz: false}));
		const steps: Array<[Date, Rating]> = [
			[at(1, 9, 0), 3], // new, good → second learning step
			[at(1, 9, 10), 3], // good → graduates to review
			[at(3, 9, 0), 1], // again → relearning
			[at(3, 9, 10), 3],
			[at(5, 10, 0), 4], // easy
			[at(20, 10, 0), 2], // hard
		];
		let quiz: QuizProgress = emptyQuiz();
		let card: Card = createEmptyCard(steps[0]![0]);
		for (const [now, rating] of steps) {
			quiz = review(quiz, q, rating, rating > 1, 'practice', now);
			card = reference.next(card, now, rating as Grade).card;
			expect(quiz.cards[q.id]!.due).toBe(card.due.toISOString());
			expect(toCard(quiz.cards[q.id]!)).toEqual({...card});
		}
		expect(quiz.reviews.map((r) => r.rating)).toEqual([3, 3, 1, 3, 4, 2]);
		expect(quiz.cards[q.id]!.introduced).toBe(steps[0]![0].toISOString());
		expect(quiz.cards[q.id]!.lapses).toBe(1);
	});

	test('learning steps fall within the day: again in 1 minute, good in 10, then days', () => {
		const now = at(1);
		const minutes = (iso: string) => (Date.parse(iso) - now.getTime()) / 60_000;
		expect(minutes(review(emptyQuiz(), q, 1, false, 'practice', now).cards[q.id]!.due)).toBe(1);
		expect(minutes(review(emptyQuiz(), q, 3, true, 'practice', now).cards[q.id]!.due)).toBe(10);
		expect(minutes(review(emptyQuiz(), q, 4, true, 'practice', now).cards[q.id]!.due)).toBeGreaterThanOrEqual(24 * 60);
	});

	test('the due queue: due cards (learning first), then new ones up to the daily cap', () => {
		let quiz = emptyQuiz();
		quiz = review(quiz, bankEn.byId.get('closing-who')!, 4, true, 'practice', at(1)); // review state, due days later
		quiz = review(quiz, bankEn.byId.get('handshake-recall')!, 1, false, 'practice', at(1)); // learning, due in 1 min
		const later = at(1, 12, 5);
		const queue = dueQueue(quiz, bankEn.questions, later);
		expect(queue.due.map((x) => x.id)).toEqual(['handshake-recall']);
		expect(queue.fresh.map((x) => x.id)).toEqual(['mini-isn', 'closing-time-wait', 'handshake-why-three', 'handshake-third-ack-lost']);
		expect(queue.newLeftToday).toBe(18); // 20 a day, two introduced today
		const capped = dueQueue({...quiz, settings: {newPerDay: 3}}, bankEn.questions, later);
		expect(capped.fresh.map((x) => x.id)).toEqual(['mini-isn']);
		// The next day the cap starts again, and the easy card is not yet due.
		const tomorrow = dueQueue({...quiz, settings: {newPerDay: 3}}, bankEn.questions, at(2));
		expect(tomorrow.fresh).toHaveLength(3);
		expect(tomorrow.due.map((x) => x.id)).toEqual(['handshake-recall']);
		expect(dayKey(at(2))).toBe('2026-12-02');
	});

	test('a question whose text changed materially restarts its card, and says which', () => {
		let quiz = review(emptyQuiz(), q, 3, true, 'practice', at(1));
		quiz = review(quiz, bankEn.byId.get('closing-who')!, 3, true, 'practice', at(1));
		// Nothing changed: nothing restarts. The same question in Chinese is the same card.
		expect(restartChanged(quiz, bankEn).changed).toEqual([]);
		expect(restartChanged(quiz, bankZh).changed).toEqual([]);
		// Reworded: restarts. Answer moved: restarts. A fixed typo: does not.
		const edit = (question: string, answer = q.quiz.answer) => {
			const changed = {...q, quiz: {...q.quiz, question, answer}};
			return restartChanged(quiz, {...bankEn, questions: [changed], byId: new Map([[q.id, changed]])});
		};
		const reworded = edit('What problem does the third segment of the handshake solve?');
		expect(reworded.changed.map((x) => x.id)).toEqual([q.id]);
		expect(reworded.quiz.cards[q.id]).toBeUndefined();
		expect(reworded.quiz.cards['closing-who']).toBeDefined();
		expect(edit(q.quiz.question, 1).changed).toHaveLength(1);
		expect(edit('Why does TCP open a conection with three segments, not two?').changed).toHaveLength(0);
	});
});
