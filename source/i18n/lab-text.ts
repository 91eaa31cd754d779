/**
 * The labs' log lines and facts in the learner's language. The models speak English: it is
 * what `synack sim tcp --json` prints (a contract), and it keeps the models free of UI
 * concerns. The UI translates each line by rules: an anchored pattern and its translation,
 * whose captured parts may be translated in turn (a TLS line quotes a TCP one, a check quotes
 * its reason). A line no rule knows is shown as the model wrote it; the tests run the labs
 * through every scenario they have and require a rule for every line.
 */
export type Translate = (text: string) => string;

/** A pattern (anchored with ^…$) and its translation: a replacement string ($1…) or a function of the captured parts. */
export type Rule = readonly [pattern: RegExp, to: string | ((t: Translate, ...groups: string[]) => string)];

const CACHE_SIZE = 2000;

/** A translator for a list of rules (first match wins), remembering its recent answers: a lab redraws the same lines often. */
export function translator(rules: readonly Rule[]): Translate {
	let cache = new Map<string, string>();
	const t: Translate = (text) => {
		const hit = cache.get(text);
		if (hit !== undefined) return hit;
		let out = text;
		for (const [pattern, to] of rules) {
			const m = pattern.exec(text);
			if (!m) continue;
			out = typeof to === 'string' ? text.replace(pattern, to) : to(t, ...m.slice(1).map((g) => g ?? ''));
			break;
		}
		if (cache.size >= CACHE_SIZE) cache = new Map();
		cache.set(text, out);
		return out;
	};
	return t;
}
