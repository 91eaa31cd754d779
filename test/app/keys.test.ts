/** The key table: one owner per key on every screen, and the README's key section generated from it. */
import {readFileSync} from 'node:fs';
import {describe, expect, test} from 'vitest';
import {withKeys} from '../../source/app/keys-doc.js';
import {keyNames} from '../../source/app/hooks/use-keys.js';
import {BINDINGS, labBindings, type KeyScope} from '../../source/app/keys.js';
import {LABS} from '../../source/labs.js';

/** Every binding with the lab keys of one lab (only one lab is live at a time). */
const withLab = Object.values(LABS).map((lab) => [...BINDINGS, ...labBindings(lab.actions)]);
const ALL = withLab.flat();

/** The scopes that are live together on each screen (the ones a key is resolved against). */
const SCREENS: Record<string, KeyScope[]> = {
	home: ['home', 'global'],
	'lesson (reading)': ['lesson', 'lab', 'global'],
	'lesson (checkpoint)': ['quiz', 'global'],
	'lab on its own': ['lab', 'global'],
	'quiz menu': ['quizmenu', 'global'],
	'quiz session (answering)': ['quiz', 'global'],
	'quiz session (after an answer)': ['session', 'global'],
	'interview (typing notes)': ['notes'],
	stats: ['stats', 'global'],
	'certificate walk-through': ['cert', 'global'],
	overlay: ['overlay'],
};

describe('key table', () => {
	for (const [screen, scopes] of Object.entries(SCREENS)) {
		test(`${screen}: no key has two meanings, whichever lab is live`, () => {
			for (const all of withLab) {
				const seen = new Map<string, string>();
				for (const b of all.filter((x) => scopes.includes(x.scope))) {
					for (const k of b.keys) {
						expect(seen.get(k), `${k} is bound to ${seen.get(k)} and ${b.id}`).toBeUndefined();
						seen.set(k, b.id);
					}
				}
			}
		});
	}

	test('every binding has an English and a Chinese label', () => {
		for (const b of ALL) {
			expect(b.label.en.length, b.id).toBeGreaterThan(0);
			expect(b.label.zh.length, b.id).toBeGreaterThan(0);
		}
	});

	test('the README key section is generated from the table (run npm run docs:keys)', () => {
		const readme = readFileSync('README.md', 'utf8');
		expect(withKeys(readme)).toBe(readme);
	});
});

describe('keys arriving in one chunk', () => {
	const plain = {upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false, home: false, end: false, return: false, escape: false, ctrl: false, shift: false, tab: false, backspace: false, delete: false, meta: false, super: false, hyper: false, capsLock: false, numLock: false} as unknown as Parameters<typeof keyNames>[1];
	test('typed fast or sent by tmux, "31524\\r" is five digits and Enter; tab and backspace too', () => {
		expect(keyNames('31524\r', plain)).toEqual(['3', '1', '5', '2', '4', 'return']);
		expect(keyNames('c \t\u007fR', plain)).toEqual(['c', 'space', 'tab', 'backspace', 'R']);
	});
});
