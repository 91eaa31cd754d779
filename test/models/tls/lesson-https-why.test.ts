/**
 * The lesson "Why HTTPS" (lessons/{en,zh}/11-https-why.md) against the TLS lab: every objective
 * parses, the keys its text names are exactly the keys pressed here, they meet it, and the
 * objective is not met before them, nor without the key that matters. The numbers the lesson
 * quotes from the lab (seq, len, round trips) are checked against the model.
 */
import {readFileSync} from 'node:fs';
import {describe, expect, test} from 'vitest';
import {parse} from 'yaml';
import {tlsLab} from '../../../source/models/tls/lab.js';
import {alerts, open, own, press} from './helpers.js';

const FILES = {en: 'lessons/en/11-https-why.md', zh: 'lessons/zh/11-https-why.md'} as const;

const OPEN = 'c space space space';
const REQUEST = `${OPEN} h space space space s space`;

/** The keys each objective's text names, in order (R on a fresh lab is a no-op, as for the learner). */
const KEYS: Record<string, string> = {
	request: REQUEST,
	eavesdrop: `R e ${REQUEST} y`,
	'forged-cert': `R ${OPEN} g h space space`,
	'swapped-cert': `R ${OPEN} w h space space`,
	'key-swap': `R ${OPEN} k h space space`,
};

/** The key each attack objective depends on: without it the handshake completes and the objective stays open. */
const ESSENTIAL: Record<string, string> = {eavesdrop: 'e', 'forged-cert': 'g', 'swapped-cert': 'w', 'key-swap': 'k'};

type Objective = {id: string; text: string; check: unknown};
type Lesson = {id: string; lab: string; setup: unknown; objectives: Objective[]};

function read(file: string): {front: Lesson; body: string} {
	const text = readFileSync(file, 'utf8');
	const [, front, ...rest] = text.split(/^---$/m);
	return {front: parse(front!) as Lesson, body: rest.join('---')};
}

/**
 * The keys an objective's text names: every parenthesised group whose items are all keys
 * (`c`, `space ×3`, `R`), in ASCII or full-width brackets, items separated by , ， or 、.
 */
function keysInText(text: string): string {
	const keys: string[] = [];
	for (const group of text.matchAll(/[(（]([^()（）]*)[)）]/g)) {
		const items = group[1]!.split(/[,，、]/).map((item) => item.trim());
		const parsed = items.map((item) => /^(space|tab|[A-Za-z0-9])(?:\s*×\s*(\d+))?$/.exec(item));
		if (parsed.some((m) => m === null)) continue;
		for (const m of parsed) for (let i = 0; i < Number(m![2] ?? 1); i++) keys.push(m![1]!);
	}
	return keys.join(' ');
}

const checkOf = (raw: unknown) => {
	const parsed = tlsLab.parseCheck(raw);
	if ('problems' in parsed) throw new Error(JSON.stringify(parsed.problems));
	return parsed.check;
};

const without = (keys: string, key: string) => {
	const list = keys.split(' ');
	list.splice(list.lastIndexOf(key), 1);
	return list.join(' ');
};

describe('keysInText', () => {
	test('reads key groups in both bracket styles and skips groups that are not keys', () => {
		expect(keysInText('Open TCP (c, space ×3), start TLS (h), alert (decrypt_error 51)')).toBe('c space space space h');
		expect(keysInText('从头开始（R），打开 TCP（c、space ×2），收到 bad_certificate（42）')).toBe('R c space space');
	});
});

for (const [lang, file] of Object.entries(FILES)) {
	describe(file, () => {
		const {front, body} = read(file);

		test('a TLS lesson whose objectives are the ones this test drives', () => {
			expect(front.id).toBe('https-why');
			expect(front.lab).toBe('tls');
			expect(front.objectives.map((o) => o.id)).toEqual(Object.keys(KEYS));
		});

		for (const objective of front.objectives) {
			test(`${objective.id}: the keys its text names meet it, and nothing less does`, () => {
				const keys = KEYS[objective.id]!;
				expect(keysInText(objective.text), `${lang} text of ${objective.id}`).toBe(keys);
				const check = checkOf(objective.check);
				const start = tlsLab.init(front.setup);
				if (!start.ok) throw new Error(JSON.stringify(start.problems));
				expect(tlsLab.met(check, start.snapshot), 'before any key').toBe(false);
				expect(tlsLab.met(check, press(start.snapshot, keys)), `after ${keys}`).toBe(true);
				const lastOff = keys.split(' ').slice(0, -1).join(' ');
				expect(tlsLab.met(check, press(start.snapshot, lastOff)), `after ${lastOff}`).toBe(false);
				const essential = ESSENTIAL[objective.id];
				if (essential) expect(tlsLab.met(check, press(start.snapshot, without(keys, essential))), `without ${essential}`).toBe(false);
			});
		}

		test('each attacker is caught by its own check: no attack objective is met by another attack', () => {
			const attacks = ['forged-cert', 'swapped-cert', 'key-swap'];
			const s = open(front.setup);
			for (const done of attacks) {
				const after = press(s, KEYS[done]!);
				for (const other of attacks) {
					const check = checkOf(front.objectives.find((o) => o.id === other)!.check);
					expect(tlsLab.met(check, after), `${other} after the keys of ${done}`).toBe(other === done);
				}
			}
		});

		test('the arrows, byte counts and round trips the lesson quotes are the lab\'s', () => {
			const s = press(open(front.setup), REQUEST);
			const labels = tlsLab.view(s).arrows.map((a) => a.label);
			expect(labels).toEqual([
				'SYN 1000',
				'SYN,ACK 5000 ack 1001',
				'ACK 1001 ack 5001',
				'ClientHello 1001 len 225',
				'ServerHello,EncryptedExtensions,Certificate,CertificateVerify,Finished 5001 len 1233',
				'Finished 1226 len 74',
				'ApplicationData 1300 len 100',
			]);
			for (const quoted of ['SYN 1000', 'SYN,ACK 5000 ack 1001', 'ACK 1001 ack 5001', 'ClientHello 1001 len 225', '5001 len 1233', 'Finished 1226 len 74', 'ApplicationData 1300 len 100']) {
				expect(body, quoted).toContain(quoted);
			}
			// 5-byte header + 78 bytes of HTTP + 1 content-type byte + 16-byte tag (RFC 8446 §5.2).
			expect(s.wire.client.at(-1)!.msg.bytes).toBe(5 + 78 + 1 + 16);
			// The request waits one TLS round trip (TCP adds one).
			const clientSent = own(s).flatMap((st) => st.messages).filter((m) => m.from === 'client' && m.event === 'sent');
			expect(clientSent.map((m) => [m.name, m.rtt])).toEqual([
				['ClientHello', 0],
				['Finished', 1],
				['ApplicationData', 1],
			]);
			expect(tlsLab.view(s).facts[0]).toContain('client waited 1 TLS round trip (+1 TCP)');
		});

		test('the aside on forward secrecy: a leaked key opens the RSA recording (V V), not the TLS 1.3 one', () => {
			const leakAndDecrypt = (keys: string) => own(press(open(front.setup), keys)).map((st) => st.decrypted).filter((d) => d !== null);
			expect(leakAndDecrypt(`e ${REQUEST} l y`)).toEqual([false]);
			// The lesson names these keys: R, V twice, then e, c, space ×3, h, space ×5, s, space, l, y.
			expect(body).toMatch(/`V` twice|两次 `V`/);
			expect(body).toMatch(/`e`(, |、)`c`(, |、)`space` ×3(, |、)`h`(, |、)`space` ×5[^`]*(, |、)`s`(, |、)`space`(, |、)`l`(, |、)`y`/);
			const rsa = press(open(front.setup), `R V V e ${OPEN} h space space space space space s space l y`);
			expect(rsa.settings.version).toBe('1.2-rsa');
			expect(alerts(rsa)).toEqual([]);
			expect(own(rsa).map((st) => st.decrypted).filter((d) => d !== null)).toEqual([true]);
		});
	});
}

/** The two languages teach the same lab: same setup, same objectives with the same checks. */
test('the English and Chinese lessons agree on setup and objectives', () => {
	const en = read(FILES.en).front;
	const zh = read(FILES.zh).front;
	expect(zh.setup).toEqual(en.setup);
	expect(zh.objectives.map((o) => [o.id, o.check])).toEqual(en.objectives.map((o) => [o.id, o.check]));
	expect(zh.objectives.map((o) => keysInText(o.text))).toEqual(en.objectives.map((o) => keysInText(o.text)));
});
