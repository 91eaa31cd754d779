/** Is an answer right? One rule per quiz type (LESSON-FORMAT.md). */
import type {Quiz} from '../lessons/types.js';

export type Given = number | number[] | string;

/** Recall questions are self-rated: 0 again, 1 hard, 2 good, 3 easy; good and easy count as right. */
export const RECALL_RIGHT_FROM = 2;

export function grade(quiz: Quiz, given: Given): boolean {
	const answer = quiz.answer;
	switch (quiz.type) {
		case 'single':
			return given === answer;
		case 'multi': {
			if (!Array.isArray(given) || !Array.isArray(answer)) return false;
			const a = new Set(answer);
			return given.length === a.size && given.every((g) => a.has(g));
		}
		case 'order':
			return Array.isArray(given) && Array.isArray(answer) && given.length === answer.length && given.every((g, i) => g === answer[i]);
		case 'number':
			return typeof given === 'number' && typeof answer === 'number' && Math.abs(given - answer) < 1e-9;
		case 'recall':
			return typeof given === 'number' && given >= RECALL_RIGHT_FROM;
	}
}

/** The right answer in words, for the feedback line. */
export function rightAnswerText(quiz: Quiz): string {
	const a = quiz.answer;
	const choice = (i: number) => `${i + 1}. ${quiz.choices[i] ?? '?'}`;
	switch (quiz.type) {
		case 'single':
			return typeof a === 'number' ? choice(a) : String(a);
		case 'multi':
			return Array.isArray(a) ? [...a].sort((x, y) => x - y).map(choice).join(' · ') : String(a);
		case 'order':
			return Array.isArray(a) ? a.map((i) => `${i + 1}`).join(' → ') : String(a);
		case 'number':
		case 'recall':
			return String(a);
	}
}
