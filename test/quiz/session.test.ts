import {describe, expect, test} from 'vitest';
import {review} from '../../source/quiz/schedule.js';
import {advance, answer, current, expire, scoreCard, startSession, EXAM_MS_PER_QUESTION} from '../../source/quiz/session.js';
import {emptyQuiz} from '../../source/store/update.js';
import {at, bankEn} from './helpers.js';

describe('sessions', () => {
	test('practice by topic: due first, then new, then the rest soonest first', () => {
		let quiz = review(emptyQuiz(), bankEn.byId.get('handshake-recall')!, 1, false, 'practice', at(1));
		quiz = review(quiz, bankEn.byId.get('handshake-why-three')!, 4, true, 'practice', at(1));
		const s = startSession(bankEn, quiz, {mode: 'practice', topic: 'handshake', count: 10, now: at(1, 12, 5)});
		expect(s.queue).toEqual(['handshake-recall', 'handshake-third-ack-lost', 'handshake-why-three']);
	});

	test('a card answered again comes back in the same session, at most twice', () => {
		let s = startSession(bankEn, emptyQuiz(), {mode: 'practice', topic: 'closing', count: 1, now: at(1)});
		expect(s.queue).toEqual(['closing-time-wait']);
		const inOneMinute = new Date(at(1).getTime() + 60_000);
		for (let i = 0; i < 3; i++) {
			s = answer(s, {id: 'closing-time-wait', correct: false, rating: 1, given: 0}, inOneMinute, at(1));
			s = advance(s);
		}
		expect(s.queue).toEqual(['closing-time-wait', 'closing-time-wait', 'closing-time-wait']);
		expect(s.finished).toBe(true);
		// Good for days: not again.
		let t = startSession(bankEn, emptyQuiz(), {mode: 'practice', topic: 'closing', count: 1, now: at(1)});
		t = answer(t, {id: 'closing-time-wait', correct: true, rating: 3, given: 60}, at(4), at(1));
		expect(advance(t).finished).toBe(true);
	});

	test('an exam: auto-graded questions only, spread over topics, reproducible on a day; time runs out', () => {
		const a = startSession(bankEn, emptyQuiz(), {mode: 'exam', count: 4, now: at(1)});
		const b = startSession(bankEn, emptyQuiz(), {mode: 'exam', count: 4, now: at(1, 18)});
		expect(a.queue).toEqual(b.queue);
		expect(a.queue).toHaveLength(4);
		expect(a.queue).not.toContain('handshake-recall');
		expect(new Set(a.queue.map((id) => bankEn.byId.get(id)!.topic)).size).toBe(3);
		expect(a.deadline).toBe(at(1).getTime() + 4 * EXAM_MS_PER_QUESTION);
		let s = answer(a, {id: current(a)!, correct: true, rating: 3, given: 0}, null, at(1));
		s = advance(s);
		expect(expire(s, at(1, 12, 3))).toBe(s);
		const over = expire(s, at(1, 12, 4));
		expect(over.finished).toBe(true);
		const card = scoreCard(over, bankEn, at(1, 12, 9));
		expect(card).toMatchObject({total: 4, correct: 1, unanswered: 3, seconds: 240});
		expect(Object.values(card.byTopic).reduce((n, t) => n + t.total, 0)).toBe(4);
	});

	test('interview: recall questions first', () => {
		const s = startSession(bankEn, emptyQuiz(), {mode: 'interview', count: 3, now: at(1)});
		expect(s.queue[0]).toBe('handshake-recall');
		expect(s.queue).toHaveLength(3);
	});

	test('an empty pool is a finished session', () => {
		expect(startSession(bankEn, emptyQuiz(), {mode: 'practice', topic: 'no-such-topic', now: at(1)}).finished).toBe(true);
	});
});
