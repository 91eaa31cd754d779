/**
 * What every lab's objective checks share: the combinators `sequence` (items met in order,
 * each at the same step as the one before or later) and `all` (every item met, in any order),
 * and the small helpers their parsers use. A lab supplies what one of its own checks means
 * at one step.
 */

export type CheckProblem = {path: string; message: string};

export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
export const oneOf = <T extends string>(list: readonly T[], v: unknown): v is T => typeof v === 'string' && (list as readonly string[]).includes(v);
export type Combinator<C> = {kind: 'sequence' | 'all'; items: C[]};

/** The index of the earliest step (at or after `from`) by which the check is met, or null. */
export function earliestStep<C extends {kind: string}, S>(
	check: C,
	steps: readonly S[],
	from: number,
	metAt: (check: Exclude<C, {kind: 'sequence' | 'all'}>, step: S) => boolean,
): number | null {
	if (check.kind === 'sequence') {
		let at = from;
		for (const item of (check as unknown as Combinator<C>).items) {
			const i = earliestStep(item, steps, at, metAt);
			if (i === null) return null;
			at = i;
		}
		return at;
	}
	if (check.kind === 'all') {
		let last = from;
		for (const item of (check as unknown as Combinator<C>).items) {
			const i = earliestStep(item, steps, from, metAt);
			if (i === null) return null;
			last = Math.max(last, i);
		}
		return last;
	}
	const leaf = check as Exclude<C, {kind: 'sequence' | 'all'}>;
	for (let i = from; i < steps.length; i++) if (metAt(leaf, steps[i]!)) return i;
	return null;
}

/** A check parser's public face: the check, or every problem found (never both). */
export function checkOrProblems<C>(parse: (raw: unknown, path: string, problems: CheckProblem[]) => C | null, raw: unknown, path: string): {check: C} | {problems: CheckProblem[]} {
	const problems: CheckProblem[] = [];
	const check = parse(raw, path, problems);
	return problems.length > 0 || !check ? {problems} : {check};
}

/**
 * The learner's own steps of a lab snapshot (its trace after the setup). Every objective is
 * checked against them after every key, so they are built once per snapshot, not once per
 * objective; snapshots are immutable, so a WeakMap keyed by the snapshot is enough.
 */
export function stepsPerSnapshot<S extends object, T>(build: (s: S) => T[]): (s: S) => T[] {
	const cache = new WeakMap<S, T[]>();
	return (s) => {
		let steps = cache.get(s);
		if (!steps) {
			steps = build(s);
			cache.set(s, steps);
		}
		return steps;
	};
}
