/** The transient state of one checkpoint card while the learner answers it (a pure reducer). */
import type {Quiz} from '../lessons/types.js';
import {grade, type Given} from '../quiz/grade.js';

export type QuizDraft = {
	cursor: number;
	ticked: number[];
	order: number[];
	input: string;
	revealed: boolean;
	/** Set once submitted: what was given and whether it was right. */
	result: {given: Given; correct: boolean} | null;
};

export const emptyDraft = (): QuizDraft => ({cursor: 0, ticked: [], order: [], input: '', revealed: false, result: null});

export type QuizKey = 'up' | 'down' | 'toggle' | 'erase' | 'submit' | {digit: string};

const QUIZ_BINDINGS: Record<string, Exclude<QuizKey, {digit: string}>> = {
	'quiz.up': 'up',
	'quiz.down': 'down',
	'quiz.toggle': 'toggle',
	'quiz.erase': 'erase',
	'quiz.submit': 'submit',
};

/** The card key a binding of the key table stands for (`name` is the key pressed), or null. */
export function quizKeyFor(bindingId: string, name: string): QuizKey | null {
	if (bindingId === 'quiz.digit') return {digit: name};
	return QUIZ_BINDINGS[bindingId] ?? null;
}

/** Apply a key to a draft. Returns the new draft; `submitted` is set when this key gave an answer. */
export function quizReduce(quiz: Quiz, d: QuizDraft, key: QuizKey): {draft: QuizDraft; submitted: {given: Given; correct: boolean} | null} {
	const n = quiz.choices.length;
	const same = {draft: d, submitted: null};
	if (d.result && key !== 'submit') {
		// After an answer, any key starts a new attempt.
		return quizReduce(quiz, emptyDraft(), key);
	}
	const submit = (given: Given) => {
		const correct = grade(quiz, given);
		return {draft: {...d, result: {given, correct}}, submitted: {given, correct}};
	};
	if (key === 'up') return n > 0 ? {draft: {...d, cursor: (d.cursor + n - 1) % n}, submitted: null} : same;
	if (key === 'down') return n > 0 ? {draft: {...d, cursor: (d.cursor + 1) % n}, submitted: null} : same;
	switch (quiz.type) {
		case 'single':
			if (typeof key === 'object' && /[1-9]/.test(key.digit) && Number(key.digit) <= n) return {draft: {...d, cursor: Number(key.digit) - 1}, submitted: null};
			return key === 'submit' ? submit(d.cursor) : same;
		case 'multi': {
			const toggle = (i: number) => ({
				draft: {...d, cursor: i, ticked: d.ticked.includes(i) ? d.ticked.filter((x) => x !== i) : [...d.ticked, i].sort((a, b) => a - b)},
				submitted: null,
			});
			if (key === 'toggle') return toggle(d.cursor);
			if (typeof key === 'object' && /[1-9]/.test(key.digit) && Number(key.digit) <= n) return toggle(Number(key.digit) - 1);
			return key === 'submit' && d.ticked.length > 0 ? submit(d.ticked) : same;
		}
		case 'order': {
			if (typeof key === 'object' && /[1-9]/.test(key.digit)) {
				const i = Number(key.digit) - 1;
				return i < n && !d.order.includes(i) ? {draft: {...d, order: [...d.order, i]}, submitted: null} : same;
			}
			if (key === 'toggle' && !d.order.includes(d.cursor)) return {draft: {...d, order: [...d.order, d.cursor]}, submitted: null};
			if (key === 'erase') return {draft: {...d, order: d.order.slice(0, -1)}, submitted: null};
			return key === 'submit' && d.order.length === n ? submit(d.order) : same;
		}
		case 'number': {
			if (typeof key === 'object' && /^[0-9.]$/.test(key.digit) && d.input.length < 12) return {draft: {...d, input: d.input + key.digit}, submitted: null};
			if (key === 'erase') return {draft: {...d, input: d.input.slice(0, -1)}, submitted: null};
			if (key === 'submit' && d.input !== '' && Number.isFinite(Number(d.input))) return submit(Number(d.input));
			return same;
		}
		case 'recall': {
			if (!d.revealed) return key === 'submit' ? {draft: {...d, revealed: true}, submitted: null} : same;
			if (typeof key === 'object' && /[1-4]/.test(key.digit)) return submit(Number(key.digit) - 1);
			return same;
		}
	}
}
