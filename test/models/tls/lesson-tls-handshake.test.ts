/**
 * The lesson lessons/{en,zh}/12-tls-handshake.md against the TLS lab: every objective parses,
 * is not met when the lab opens, and is met by exactly the keys its text names (read from the
 * text itself: the keys are written in parentheses, `space ×3` meaning three presses). The
 * numbers the lesson quotes (bytes on the wire, round trips, alerts) are the lab's.
 */
import {readFileSync} from 'node:fs';
import {describe, expect, test} from 'vitest';
import {parse} from 'yaml';
import {tlsLab} from '../../../source/models/tls/lab.js';
import type {Check} from '../../../source/models/tls/objectives.js';
import type {TlsState} from '../../../source/models/tls/session.js';
import {alerts, open, own, press} from './helpers.js';

const FILES = ['lessons/en/12-tls-handshake.md', 'lessons/zh/12-tls-handshake.md'];

/** The keys each objective's text must name, in order (a guard against the text drifting). */
const KEYS: Record<string, string> = {
	'one-rtt': 'c space space space h space space s',
	'two-rtt': 'V V c space space space h space space space space space s',
	'swap-ecdhe': 'V k c space space space h space space',
	'swap-13': 'k c space space space h space space',
	'fs-rsa': 'V V e c space space space h space space space space space s space l y',
	'fs-ecdhe': 'V e c space space space h space space space space s space l y',
};

type Objective = {id: string; text: string; check: unknown};

function lesson(file: string): {id: string; setup: unknown; objectives: Objective[]} {
	const front = readFileSync(file, 'utf8').split(/^---$/m)[1]!;
	return parse(front);
}

/**
 * The keys an objective's text names: every parenthesised group, (…) or （…）, is a list of
 * keys separated by commas or 、; `space ×3` (or `V ×2`) repeats a key.
 */
function keysOf(text: string): string {
	const out: string[] = [];
	for (const group of text.matchAll(/[(（]([^)）]*)[)）]/g)) {
		for (const item of group[1]!.split(/[,，、]/)) {
			const m = /^\s*(space|tab|\S)(?:\s*×\s*(\d+))?\s*$/.exec(item);
			if (!m) throw new Error(`not a key in "${group[0]}": "${item}"`);
			for (let i = 0; i < Number(m[2] ?? 1); i++) out.push(m[1]!);
		}
	}
	return out.join(' ');
}

function checkOf(raw: unknown): Check {
	const parsed = tlsLab.parseCheck(raw);
	if ('problems' in parsed) throw new Error(JSON.stringify(parsed.problems));
	return parsed.check;
}

/** The bytes each flight took, from the lab's log: `client sends ClientHello (112 bytes)`. */
function flights(s: TlsState): string[] {
	return own(s)
		.flatMap((st) => st.log.map((l) => l.text))
		.filter((t) => / sends .* \(\d+ bytes\)$/.test(t))
		.map((t) => t.replace(/^(client|server) sends (.*) \((\d+) bytes\)$/, '$1 $3'));
}

describe('12-tls-handshake: objectives', () => {
	for (const file of FILES) {
		test(`${file}: every objective parses, is not met at first, and the keys its text names meet it`, () => {
			const l = lesson(file);
			expect(l.id).toBe('tls-handshake');
			expect(l.objectives.map((o) => o.id)).toEqual(Object.keys(KEYS));
			const start = open(l.setup);
			for (const o of l.objectives) {
				const keys = keysOf(o.text);
				expect(keys, `${o.id}: the keys in its text`).toBe(KEYS[o.id]);
				const check = checkOf(o.check);
				expect(tlsLab.met(check, start), `${o.id} before any key`).toBe(false);
				expect(tlsLab.met(check, press(start, keys)), `${o.id} after ${keys}`).toBe(true);
			}
		});
	}

	test('the two languages have the same setup and the same checks', () => {
		const [en, zh] = FILES.map(lesson);
		expect(zh!.setup).toEqual(en!.setup);
		expect(zh!.objectives.map((o) => [o.id, o.check])).toEqual(en!.objectives.map((o) => [o.id, o.check]));
	});

	test('each check tells the versions apart: the wrong version does not meet it', () => {
		const l = lesson(FILES[0]!);
		const start = open(l.setup);
		const check = (id: string) => checkOf(l.objectives.find((o) => o.id === id)!.check);
		// one-rtt under 1.2 ECDHE: the data waits 2 round trips.
		expect(tlsLab.met(check('one-rtt'), press(start, 'V c space space space h space space space space s'))).toBe(false);
		// two-rtt under 1.2 ECDHE: 2 round trips, but not the RSA exchange it asks for.
		expect(tlsLab.met(check('two-rtt'), press(start, 'V c space space space h space space space space s'))).toBe(false);
		// The key swap against 1.2 RSA is not caught by a signature (there is none to forge).
		expect(tlsLab.met(check('swap-ecdhe'), press(start, 'V V k c space space space h space space space space space'))).toBe(false);
		// Without the attacker the 1.3 handshake completes.
		expect(tlsLab.met(check('swap-13'), press(start, 'c space space space h space space'))).toBe(false);
		// The forward-secrecy experiment: ECDHE keys against the RSA check, RSA keys against the ECDHE check.
		expect(tlsLab.met(check('fs-rsa'), press(start, KEYS['fs-ecdhe']!))).toBe(false);
		expect(tlsLab.met(check('fs-ecdhe'), press(start, KEYS['fs-rsa']!))).toBe(false);
		// And TLS 1.3 keeps the recording closed as well.
		const fs13 = press(start, 'e c space space space h space space space s space l y');
		expect(own(fs13).some((st) => st.decrypted === false)).toBe(true);
		expect(own(fs13).some((st) => st.decrypted === true)).toBe(false);
	});
});

describe('12-tls-handshake: the numbers in the text are the lab\'s', () => {
	const start = open(lesson(FILES[0]!).setup);

	test('1.2 RSA: 112, 1559 (1460 + 99), 318, 51 bytes; data after 2 TLS round trips', () => {
		const s = press(start, KEYS['two-rtt']!);
		expect(flights(s)).toEqual(['client 112', 'server 1559', 'client 318', 'server 51', 'client 107']);
		const server = tlsLab.view(s).arrows.filter((a) => a.label.includes('ServerHello'));
		expect(server.map((a) => a.label.replace(/^.* len /, ''))).toEqual(['1460', '99']);
		expect(tlsLab.view(s).facts.some((f) => f.includes('client waited 2 TLS round trips (+1 TCP)'))).toBe(true);
	});

	test('V shows the version in the facts: 1.2-ecdhe after one press, 1.2-rsa after two; R goes back to 1.3', () => {
		const facts = (s: TlsState) => tlsLab.view(s).facts.join('\n');
		expect(facts(press(start, 'V'))).toContain('version 1.2-ecdhe');
		expect(facts(press(start, 'V V'))).toContain('version 1.2-rsa');
		expect(facts(press(start, 'V V R'))).toContain('version 1.3');
	});

	test('1.2 ECDHE: 136, 1079, 93, 51 bytes', () => {
		expect(flights(press(start, 'V c space space space h space space space space s'))).toEqual(['client 136', 'server 1079', 'client 93', 'server 51', 'client 107']);
	});

	test('1.3: 225, 1233, 74 bytes; 78 bytes of request take 100 on the wire; 1 TLS round trip', () => {
		const s = press(start, KEYS['one-rtt']!);
		expect(flights(s)).toEqual(['client 225', 'server 1233', 'client 74', 'client 100']);
		expect(tlsLab.view(s).facts.some((f) => f.includes('client waited 1 TLS round trip (+1 TCP)'))).toBe(true);
	});

	test('the key swap: decrypt_error (51) at ServerKeyExchange and CertificateVerify, bad_record_mac (20) with RSA', () => {
		const at = (keys: string) => alerts(press(start, keys)).map((a) => `${a.from} ${a.name}`);
		expect(at(KEYS['swap-ecdhe']!)).toEqual(['client decrypt_error']);
		expect(at(KEYS['swap-13']!)).toEqual(['client decrypt_error']);
		expect(at('V V k c space space space h space space space space space')).toEqual(['client bad_record_mac']);
	});
});
