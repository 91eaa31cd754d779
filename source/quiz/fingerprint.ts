/**
 * "When a question's text changes materially, the learner is told and its card restarts."
 * A card remembers the question it was reviewed on: its answer key (type, number of choices,
 * the right answer) and its text, normalised. A different answer key is always material; in
 * the same language, so is text that shares less than 60% of its character pairs with the old
 * (a reworded question, not a fixed typo). Across languages only the answer key is compared.
 */
import type {Lang, Quiz} from '../lessons/types.js';
import type {StoredCard} from '../store/types.js';

export type Fingerprint = StoredCard['fingerprint'];

export const SAME_TEXT = 0.6;

export function fingerprint(quiz: Quiz, lang: Lang): Fingerprint {
	const answer = quiz.type === 'recall' ? '' : JSON.stringify(quiz.type === 'multi' && Array.isArray(quiz.answer) ? [...quiz.answer].sort((a, b) => a - b) : quiz.answer);
	return {key: `${quiz.type}|${quiz.choices.length}|${answer}`, text: normalise(quiz.question), lang};
}

/** Lower case, letters and digits only (any script): punctuation and spacing are not material. */
export function normalise(text: string): string {
	return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

export function materialChange(before: Fingerprint, now: Fingerprint): boolean {
	if (before.key !== now.key) return true;
	if (before.lang !== now.lang) return false;
	return similarity(before.text, now.text) < SAME_TEXT;
}

/** Dice's coefficient over character pairs (works for Chinese, which has no spaces). */
export function similarity(a: string, b: string): number {
	if (a === b) return 1;
	const pairs = (s: string) => {
		const chars = [...s];
		const out = new Map<string, number>();
		for (let i = 0; i < chars.length - 1; i++) {
			const p = chars[i]! + chars[i + 1]!;
			out.set(p, (out.get(p) ?? 0) + 1);
		}
		return out;
	};
	const pa = pairs(a);
	const pb = pairs(b);
	let total = 0;
	let shared = 0;
	for (const n of pa.values()) total += n;
	for (const [p, n] of pb) {
		total += n;
		shared += Math.min(n, pa.get(p) ?? 0);
	}
	return total === 0 ? 0 : (2 * shared) / total;
}
