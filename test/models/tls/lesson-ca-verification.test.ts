/**
 * The lesson ca-verification (lessons/{en,zh}/13-ca-verification.md) against the TLS lab.
 *
 * For both languages: every objective parses, the lab opens from the lesson's own setup, the
 * keys are read out of the objective's text (the one parenthesised list of keys it names),
 * pressed exactly, and the objective is met after them and not before. No objective is met by
 * another objective's keys, and every alert the text names with its code, e.g.
 * "certificate_expired (45)", is the alert the client really sent. The lesson loads without a
 * problem (lint) and its code blocks and tables fit 76 columns.
 */
import {readFileSync} from 'node:fs';
import stringWidth from 'string-width';
import {describe, expect, test} from 'vitest';
import {parse} from 'yaml';
import {LABS} from '../../../source/labs.js';
import {loadCatalog} from '../../../source/lessons/catalog.js';
import {lineText, renderMarkdown} from '../../../source/lessons/markdown.js';
import type {Lesson, Quiz} from '../../../source/lessons/types.js';
import {tlsLab} from '../../../source/models/tls/lab.js';
import type {Check} from '../../../source/models/tls/objectives.js';
import type {TlsState} from '../../../source/models/tls/session.js';
import {ALERT_CODES, type AlertName} from '../../../source/models/tls/types.js';
import {alerts, drain, press, verifications} from './helpers.js';

const FILES = {en: 'lessons/en/13-ca-verification.md', zh: 'lessons/zh/13-ca-verification.md'} as const;

/** What each objective's text must name, key for key (the text is parsed; this pins it down). */
const KEYS: Record<string, string> = {
	'accept-valid': 'h space space space',
	'refuse-expired': 'C h space space',
	'refuse-not-yet-valid': 'C C h space space',
	'refuse-tampered': 'C C C C C C h space space',
	'refuse-not-a-ca': 'C C C C C C C h space space',
	'refuse-forged': 'g h space space',
	'refuse-other-name': 'w h space space',
};

/** The alert each refusal ends with (the objective's check names it too; this is what the client sent). */
const ALERT: Record<string, AlertName | null> = {
	'accept-valid': null,
	'refuse-expired': 'certificate_expired',
	'refuse-not-yet-valid': 'bad_certificate',
	'refuse-tampered': 'decrypt_error',
	'refuse-not-a-ca': 'unknown_ca',
	'refuse-forged': 'unknown_ca',
	'refuse-other-name': 'bad_certificate',
};

type Objective = {id: string; text: string; check: unknown};
type Front = {id: string; track: string; order: number; lab: string; setup: unknown; objectives: Objective[]};

function front(file: string): Front {
	const text = readFileSync(file, 'utf8');
	const [, yaml] = text.split(/^---$/m);
	return parse(yaml!) as Front;
}

const LAB_KEYS = new Set([...tlsLab.actions.flatMap((a) => a.keys), 'tab', 'u', 'r', 'R']);

/**
 * The keys an objective's text names: the one group in parentheses (ASCII or full-width) whose
 * items, split by commas or 、, are all lab keys, each optionally followed by ×N.
 */
export function keysInText(text: string): string[] {
	const groups: string[][] = [];
	for (const m of text.matchAll(/[(（]([^()（）]+)[)）]/g)) {
		const items = m[1]!.split(/\s*[,，、]\s*/).map((s) => s.trim());
		const keys: string[] = [];
		let all = true;
		for (const item of items) {
			const k = item.match(/^(\S+?)(?:\s*×\s*(\d+))?$/);
			if (!k || !LAB_KEYS.has(k[1]!)) {
				all = false;
				break;
			}
			for (let i = 0; i < Number(k[2] ?? 1); i++) keys.push(k[1]!);
		}
		if (all && keys.length > 0) groups.push(keys);
	}
	if (groups.length !== 1) throw new Error(`expected one list of keys in "${text}", found ${groups.length}`);
	return groups[0]!;
}

function checkOf(o: Objective): Check {
	const parsed = tlsLab.parseCheck(o.check);
	if ('problems' in parsed) throw new Error(`${o.id}: ${JSON.stringify(parsed.problems)}`);
	return parsed.check;
}

function opened(setup: unknown): TlsState {
	const init = tlsLab.init(setup);
	if (!init.ok) throw new Error(JSON.stringify(init.problems));
	return init.snapshot;
}

describe('keysInText', () => {
	test('reads the one list of keys, expands ×N, ignores alert codes and Chinese punctuation', () => {
		expect(keysInText('Choose it (C ×2, h, space ×2), watch bad_certificate (42)')).toEqual(['C', 'C', 'h', 'space', 'space']);
		expect(keysInText('先选证书（C ×6、h、space ×2），客户端发出 decrypt_error（51）')).toEqual(['C', 'C', 'C', 'C', 'C', 'C', 'h', 'space', 'space']);
		expect(() => keysInText('no keys here (45)')).toThrow(/found 0/);
		expect(() => keysInText('(h) and then (space)')).toThrow(/found 2/);
		expect(() => keysInText('(Q, h)')).toThrow(/found 0/);
	});
});

for (const [lang, file] of Object.entries(FILES)) {
	describe(file, () => {
		const lesson = front(file);

		test('front matter: id, track, order, lab', () => {
			expect(lesson).toMatchObject({id: 'ca-verification', track: 'security', order: 3, lab: 'tls'});
			expect(lesson.objectives.map((o) => o.id).sort()).toEqual(Object.keys(KEYS).sort());
		});

		for (const objective of lesson.objectives) {
			test(`${objective.id}: the keys its text names meet it, and nothing before them does`, () => {
				const keys = keysInText(objective.text);
				expect(keys.join(' ')).toBe(KEYS[objective.id]);
				const check = checkOf(objective);
				const start = opened(lesson.setup);
				expect(tlsLab.met(check, start), 'met before any key').toBe(false);
				const after = press(start, keys.join(' '));
				expect(tlsLab.met(check, after), `met after ${keys.join(' ')}`).toBe(true);

				// the alert the text promises, with its number, is the one the client sent
				const sent = alerts(after);
				const want = ALERT[objective.id];
				if (want === undefined) throw new Error(`no alert listed for ${objective.id}`);
				if (want === null) {
					expect(sent).toEqual([]);
					expect(after.last!.tls).toEqual({client: 'CONNECTED', server: 'CONNECTED'});
				} else {
					expect(sent.map((a) => [a.from, a.name, a.code, a.at])).toEqual([['client', want, ALERT_CODES[want], 'Certificate']]);
					expect(verifications(after).filter((v) => v.what === 'certificate').map((v) => v.ok)).toEqual([false]);
				}
				for (const m of objective.text.matchAll(/\b([a-z_]+)\s*[(（](\d+)[)）]/g)) {
					const name = m[1] as AlertName;
					if (!(name in ALERT_CODES)) continue;
					expect(ALERT_CODES[name], `code of ${name} in the text`).toBe(Number(m[2]));
					expect(sent.some((a) => a.name === name), `${name} named in the text`).toBe(name === want);
				}
			});
		}

		test('no objective is met by the keys of another one', () => {
			for (const keysOf of lesson.objectives) {
				const after = press(opened(lesson.setup), keysInText(keysOf.text).join(' '));
				const met = lesson.objectives.filter((o) => tlsLab.met(checkOf(o), after)).map((o) => o.id);
				expect(met, `after the keys of ${keysOf.id}`).toEqual([keysOf.id]);
			}
		});

		test('every certificate and attack of the lab meets exactly the objective written for it, if any', () => {
			// the same alert from another certificate (42 for wrong-host, 48 for an unknown root) must not count
			const probes: Array<[string, string[]]> = [
				['', ['accept-valid']],
				['C', ['refuse-expired']],
				['C C', ['refuse-not-yet-valid']],
				['C C C', []], // wrong-host: bad_certificate, but not the not-yet-valid certificate
				['C C C C', []], // self-signed: unknown_ca, but not the CA:FALSE chain
				['C C C C C', []], // untrusted-root: likewise
				['C C C C C C', ['refuse-tampered']],
				['C C C C C C C', ['refuse-not-a-ca']],
				['C C C C C C C C', ['accept-valid']], // the cycle is back at valid
				['g', ['refuse-forged']],
				['w', ['refuse-other-name']],
				['k', []], // the key swap fails at CertificateVerify, not at the certificate
				['V', []], // TLS 1.2 ECDHE completes, but has no CertificateVerify
			];
			for (const [prefix, want] of probes) {
				const after = drain(press(opened(lesson.setup), `${prefix} h`.trim()));
				expect(after.tcp.inFlight).toEqual([]);
				const met = lesson.objectives.filter((o) => tlsLab.met(checkOf(o), after)).map((o) => o.id);
				expect(met, `after ${prefix || '(nothing)'} h, then space until nothing is in flight`).toEqual(want);
			}
		});

		test('code blocks and tables fit 76 columns', () => {
			const lines = readFileSync(file, 'utf8').split('\n');
			const body = lines.indexOf('---', 1) + 1;
			// quiz blocks are drawn as cards, wrapped to the screen; code and tables are not
			let fence: 'code' | 'quiz' | null = null;
			const wide: string[] = [];
			for (const [i, line] of lines.entries()) {
				if (i < body) continue;
				const open = line.match(/^```(\S*)/);
				if (open) {
					fence = fence ? null : open[1] === 'quiz' ? 'quiz' : 'code';
					continue;
				}
				if ((fence === 'code' || (!fence && line.startsWith('|'))) && stringWidth(line) > 76) wide.push(`${i + 1}: ${stringWidth(line)}`);
			}
			expect(wide, lang).toEqual([]);
		});
	});
}

test('both files load without a problem, warnings included, and agree', () => {
	const catalog = loadCatalog({dirs: ['lessons'], labs: LABS});
	const mine = catalog.problems.filter((p) => p.file.endsWith('13-ca-verification.md'));
	expect(mine).toEqual([]);
	const en = catalog.lessons.en.find((l) => l.id === 'ca-verification')!;
	const zh = catalog.lessons.zh.find((l) => l.id === 'ca-verification')!;
	expect(en.pages.length).toBeGreaterThanOrEqual(4);
	expect(en.pages.length).toBeLessThanOrEqual(7);
	expect(zh.pages.length).toBe(en.pages.length);
	const quizzes = (l: Lesson) => l.pages.flatMap((p) => p.blocks.flatMap((b) => (b.kind === 'quiz' ? [b.quiz] : [])));
	const shape = (x: Quiz) => [x.id, x.type, x.choices.length, x.type === 'recall' ? 'text' : x.answer];
	const q = quizzes(en);
	expect(q.length).toBeGreaterThanOrEqual(6);
	expect(q.every((x) => x.id.startsWith('cv-'))).toBe(true);
	expect(new Set(q.map((x) => x.type))).toEqual(new Set(['single', 'multi', 'order', 'number', 'recall']));
	expect(quizzes(zh).map(shape)).toEqual(q.map(shape));
	// every **bold** closes (README: not right after full-width punctuation followed by a character)
	for (const lesson of [en, zh]) {
		for (const page of lesson.pages) {
			for (const block of page.blocks) {
				if (block.kind !== 'markdown') continue;
				const shown = renderMarkdown(block.text, 80).map(lineText);
				expect(shown.filter((l) => l.includes('**')), `${lesson.file}:${block.line}`).toEqual([]);
			}
		}
	}
	expect(zh.objectives.map((o) => [o.id, o.check])).toEqual(en.objectives.map((o) => [o.id, o.check]));
	expect(zh.setup).toEqual(en.setup);
});
