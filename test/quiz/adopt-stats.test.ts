/** Lesson answers become reviews (a version-1 file loses nothing); the stats screen's figures. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {describe, expect, test} from 'vitest';
import {adoptAnswers} from '../../source/quiz/adopt.js';
import {review} from '../../source/quiz/schedule.js';
import {quizStats} from '../../source/quiz/stats.js';
import {loadProgress, progressFile} from '../../source/store/progress.js';
import {emptyProgress, emptyQuiz, recordAnswer} from '../../source/store/update.js';
import {at, bankEn} from './helpers.js';

describe('adopting lesson answers', () => {
	test('a version-1 progress file migrates without losing its reviews: each answer becomes one', () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'synack-adopt-'));
		const v1 = {
			version: 1,
			lessons: {
				mini: {pagesSeen: [0], page: 0, objectivesDone: [], answers: {'mini-isn': {given: 101, correct: true, at: at(1, 9).toISOString(), attempts: 2}}},
				gone: {pagesSeen: [], page: 0, objectivesDone: [], answers: {'no-such-quiz': {given: 1, correct: false, at: at(1, 9).toISOString(), attempts: 1}}},
			},
			last: null,
		};
		fs.writeFileSync(progressFile(dir), JSON.stringify(v1));
		const loaded = loadProgress(dir, at(2));
		expect(loaded.notice).toBeNull();
		expect(loaded.progress.lessons).toEqual(v1.lessons);
		const quiz = adoptAnswers(loaded.progress, bankEn);
		expect(quiz.reviews).toEqual([{id: 'mini-isn', topic: 'mini', at: at(1, 9).toISOString(), rating: 3, correct: true, mode: 'lesson'}]);
		expect(quiz.cards['mini-isn']).toEqual(review(emptyQuiz(), bankEn.byId.get('mini-isn')!, 3, true, 'lesson', at(1, 9)).cards['mini-isn']);
		// Adopting again adds nothing; a newer answer in the lesson adds one review.
		const again = {...loaded.progress, quiz};
		expect(adoptAnswers(again, bankEn)).toEqual(quiz);
		const newer = recordAnswer(again, 'mini', 'mini-isn', 100, false, at(3));
		const adopted = adoptAnswers(newer, bankEn);
		expect(adopted.reviews.map((r) => [r.rating, r.correct])).toEqual([
			[3, true],
			[1, false],
		]);
	});

	test("a recall checkpoint keeps the learner's own rating", () => {
		const p = recordAnswer(emptyProgress(), 'mini', 'handshake-recall', 3, true, at(1));
		expect(adoptAnswers(p, bankEn).reviews[0]).toMatchObject({id: 'handshake-recall', rating: 4});
	});
});

describe('stats', () => {
	test('due today, reviews per day, retention, accuracy by topic weakest first', () => {
		let quiz = emptyQuiz();
		const r = (id: string, rating: 1 | 2 | 3 | 4, when: Date) => {
			quiz = review(quiz, bankEn.byId.get(id)!, rating, rating > 1, 'practice', when);
		};
		r('handshake-why-three', 3, at(1));
		r('handshake-why-three', 1, at(1, 12, 10)); // a repeat, rated again
		r('closing-who', 4, at(1));
		r('closing-time-wait', 3, at(2));
		r('closing-who', 3, at(10)); // a repeat, remembered
		const s = quizStats(quiz, bankEn, at(10, 13));
		expect(s.totalReviews).toBe(5);
		expect(s.perDay.at(-1)).toEqual({day: '2026-12-10', reviews: 1});
		expect(s.perDay.find((d) => d.day === '2026-12-01')).toEqual({day: '2026-12-01', reviews: 3});
		expect(s.perDay).toHaveLength(14);
		expect(s.retention).toBe(0.5);
		expect(s.topics.map((t) => [t.topic, t.reviews, t.correct])).toEqual([
			['handshake', 2, 1],
			['closing', 3, 3],
		]);
		expect(s.topics[0]!.title).toBe('The handshake');
		expect(s.cards).toBe(3);
		expect(s.questions).toBe(bankEn.questions.length);
		expect(s.newToday).toBe(bankEn.questions.length - 3);
		expect(s.dueNow).toBeGreaterThanOrEqual(1);
		expect(quizStats(emptyQuiz(), bankEn, at(1)).retention).toBeNull();
	});
});
