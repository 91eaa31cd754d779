/** The README's key section, generated from the key table (npm run docs:keys writes it; a test checks it). */
import {LABS} from '../labs.js';
import {BINDINGS, keyGlyph, labBindings, type Binding, type KeyScope} from './keys.js';

const SCOPE_TITLE: Record<KeyScope, string> = {
	global: 'Everywhere',
	home: 'Lesson map',
	lesson: 'Lesson',
	lab: 'Lab',
	quiz: 'Question card (lesson checkpoints and quiz mode)',
	overlay: 'Overlays (help, problems)',
	quizmenu: 'Quiz menu',
	session: 'Quiz session (after an answer)',
	notes: 'Interview notes (any other key types)',
	stats: 'Quiz stats',
	cert: 'Certificate walk-through (synack cert inspect)',
};

export const KEYS_START = '<!-- keys:start (generated from source/app/keys.ts by npm run docs:keys) -->';
export const KEYS_END = '<!-- keys:end -->';

function allKeys(b: Binding): string {
	const k = b.keys;
	if (k.includes('1') && k.includes('9') && k.length >= 9) return k.includes('0') ? '0–9' : '1–9';
	return k.map(keyGlyph).join(' ');
}

export function keysMarkdown(): string {
	// Every lab's own keys get a section of their own after the keys all labs share.
	const sections: Array<{title: string; bindings: Binding[]}> = [];
	for (const scope of ['home', 'lesson', 'lab', 'quiz', 'quizmenu', 'session', 'notes', 'stats', 'cert', 'overlay', 'global'] as KeyScope[]) {
		sections.push({title: SCOPE_TITLE[scope], bindings: BINDINGS.filter((x) => x.scope === scope)});
		if (scope === 'lab') for (const lab of Object.values(LABS)) sections.push({title: `Lab (${lab.title})`, bindings: labBindings(lab.actions)});
	}
	const out: string[] = [];
	for (const {title, bindings: inScope} of sections) {
		out.push(`**${title}**`, '', '| key | does |', '| --- | --- |');
		for (const b of inScope) {
			const twins = inScope.filter((x) => x !== b && x.label.en === b.label.en);
			if (twins.some((t) => inScope.indexOf(t) < inScope.indexOf(b))) continue; // listed with its twin
			const text = [b, ...twins].map(allKeys).join(' ').replaceAll('|', '\\|');
			out.push(`| \`${text}\` | ${b.label.en}${b.detail ? `: ${b.detail}` : ''} |`);
		}
		out.push('');
	}
	return out.join('\n').trimEnd();
}

export function withKeys(readme: string): string {
	const start = readme.indexOf(KEYS_START);
	const end = readme.indexOf(KEYS_END);
	if (start < 0 || end < 0) throw new Error('README.md has no keys markers');
	return `${readme.slice(0, start + KEYS_START.length)}\n\n${keysMarkdown()}\n\n${readme.slice(end)}`;
}
