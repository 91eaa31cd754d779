/**
 * Lesson checkpoints are cards too. A checkpoint answered in a lesson (or in a progress file
 * written before quiz mode existed) becomes a review of its card the next time quiz mode
 * opens: nothing the learner answered is lost, and nothing is counted twice.
 */
import type {Progress, QuizProgress} from '../store/types.js';
import type {Bank} from './bank.js';
import {review, ratingFor, type Rating} from './schedule.js';

export function adoptAnswers(progress: Progress, bank: Bank): QuizProgress {
	const pending: Array<{id: string; at: string; rating: Rating; correct: boolean}> = [];
	for (const lesson of Object.values(progress.lessons)) {
		for (const [id, answer] of Object.entries(lesson.answers)) {
			const q = bank.byId.get(id);
			if (!q) continue;
			const card = Object.hasOwn(progress.quiz.cards, id) ? progress.quiz.cards[id] : undefined;
			if (card?.lastReview && Date.parse(card.lastReview) >= Date.parse(answer.at)) continue;
			// A recall checkpoint's answer is the learner's own rating, 0 (again) to 3 (easy).
			const rating = q.quiz.type === 'recall' && typeof answer.given === 'number' ? (Math.min(3, Math.max(0, answer.given)) + 1) as Rating : ratingFor(answer.correct);
			pending.push({id, at: answer.at, rating, correct: answer.correct});
		}
	}
	pending.sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || (a.id < b.id ? -1 : 1));
	let quiz = progress.quiz;
	for (const p of pending) quiz = review(quiz, bank.byId.get(p.id)!, p.rating, p.correct, 'lesson', new Date(p.at));
	return quiz;
}
