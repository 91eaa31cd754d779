/**
 * The TLS lab's log lines and facts in Chinese (source/i18n/lab-text/tls.zh.ts). The lines are
 * not copied here: they are collected by running the lab, as a learner would, through every
 * version, certificate and attack, drops and timers along the way, the shipped TLS lessons'
 * setups and objective keys, and seeded random walks over the lab's keys. Every distinct line
 * must come out in Chinese, except the TCP model's own lines (`TCP client: …` quoted from the
 * TCP lab), which the TCP table translates.
 */
import {describe, expect, test} from 'vitest';
import {createActor} from 'xstate';
import {labTextZh} from '../../source/i18n/lab-text/index.js';
import {LABS} from '../../source/labs.js';
import {loadCatalog} from '../../source/lessons/load.js';
import {tlsLab} from '../../source/models/tls/lab.js';
import type {TlsEvent, TlsState} from '../../source/models/tls/session.js';
import {ATTACKS, CERT_SCENARIOS, VERSIONS} from '../../source/models/tls/types.js';
import {tlsView} from '../../source/models/tls/view.js';

/** Every line seen in the view (log and facts), with one example of where it came from. */
const seen = new Map<string, string>();

function collect(s: TlsState, where: string): void {
	const view = tlsView(s, {log: 100_000});
	for (const line of view.log) if (!seen.has(line.text)) seen.set(line.text, where);
	for (const fact of view.facts) if (!seen.has(fact)) seen.set(fact, where);
}

function open(setup: unknown): TlsState {
	const init = tlsLab.init(setup);
	if (!init.ok) throw new Error(JSON.stringify(init.problems));
	return init.snapshot;
}

/**
 * Press keys as the learner does (space-separated; `space` delivers, `tab` switches the focused
 * end, u / r / R undo, redo, reset) or send a model event directly; collect the view after each.
 */
function run(start: TlsState, keys: string | Array<string | TlsEvent>, where: string, focus = 'client'): TlsState {
	const actor = createActor(tlsLab.logic, {input: start}).start();
	const now = () => actor.getSnapshot().context as TlsState;
	collect(now(), where);
	const list = typeof keys === 'string' ? keys.split(' ').filter(Boolean) : keys;
	for (const key of list) {
		if (typeof key !== 'string') actor.send(key);
		else if (key === 'tab') focus = focus === 'client' ? 'server' : 'client';
		else {
			const special: Record<string, TlsEvent> = {u: tlsLab.undo, r: tlsLab.redo, R: tlsLab.reset};
			const action = tlsLab.actions.find((a) => a.keys.includes(key));
			if (!special[key] && !action) throw new Error(`no action on key ${key}`);
			const event = special[key] ?? action!.event(now(), {focus, key});
			if (event) actor.send(event);
		}
		collect(now(), where);
	}
	const end = now();
	actor.stop();
	return end;
}

const TCP_OPEN = 'c space space space';
const DRAIN = Array(14).fill('space').join(' ');

/** A small seeded generator (mulberry32), so the walks are the same on every run. */
function random(seed: number): (n: number) => number {
	let a = seed >>> 0;
	return (n) => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
	};
}

/** Keys of a walk, weighted towards what moves a handshake on. */
const WALK_KEYS = [
	...Array(12).fill('space'),
	'c', 'c', 'h', 'h', 'h', 'x', 'x', 'd', 't', 't', '2', '3', 's', 's', 'tab',
	'V', 'C', 'k', 'w', 'g', 'p', 'p', 'e', 'l', 'y', 'u', 'r', 'R',
] as string[];

function scenarios(): void {
	// Every version with every certificate: the happy path or the certificate failure, data both ways, timers after.
	for (const version of VERSIONS) {
		for (const certificate of CERT_SCENARIOS) {
			const where = `${version} ${certificate}`;
			run(open({version, certificate}), `s y ${TCP_OPEN} s h h V C ${DRAIN} s tab s ${DRAIN} k w p V C e e l l y t t t t t t`, where);
		}
		// Every attack, armed in the setup and by its key, before and after the server key leaked.
		for (const attacker of ATTACKS) {
			run(open({version, attacker}), `${TCP_OPEN} h ${DRAIN} s`, `${version} setup attacker ${attacker}`);
			run(open({version, attacker, record: true}), `l ${TCP_OPEN} h ${DRAIN} s y`, `${version} setup attacker ${attacker}, leaked`);
		}
		for (const keys of ['k', 'w', 'g', 'k w', 'w k', 'g k', 'l k', 'l w', 'l g', 'l k w', 'e k', 'e w l']) {
			run(open({version}), `${keys} ${TCP_OPEN} h ${DRAIN} s tab s ${DRAIN} y k w g`, `${version} attack ${keys}`);
		}
		// Attacker keys at every point of the handshake (some too late, some in time).
		for (let n = 0; n <= 6; n++) {
			const delivered = Array(n).fill('space').join(' ');
			for (const keys of ['k', 'w', 'g', 'p', 'p p', 'l k', 'l p', 'k p', 'w p']) {
				run(open({version}), `${TCP_OPEN} h ${delivered} ${keys} ${DRAIN} s ${DRAIN}`, `${version} after ${n} deliveries: ${keys}`);
			}
		}
		// Record, leak, decrypt: with and without data, with the recording started late, without the leak.
		run(open({version}), `e ${TCP_OPEN} h ${DRAIN} s space tab s space l y`, `${version} forward secrecy`);
		run(open({version}), `e ${TCP_OPEN} h ${DRAIN} s space y l y y`, `${version} decrypt before the leak`);
		run(open({version}), `e ${TCP_OPEN} h ${DRAIN} y`, `${version} decrypt without data`);
		run(open({version}), `${TCP_OPEN} h ${DRAIN} e s space l y`, `${version} recording started late`);
		run(open({version, record: true}), `${TCP_OPEN} h ${DRAIN} s space l y`, `${version} setup record`);
		run(open({version, record: true}), `k ${TCP_OPEN} h ${DRAIN} s space l y`, `${version} key swap, recorded`);
		run(open({version, record: true}), `l k ${TCP_OPEN} h ${DRAIN} s space tab s space y`, `${version} key swap with the leaked key, recorded`);
		// Drops, duplicates, reordering and timers under the handshake.
		run(open({version}), `c x t space space space h x t space x t space space x t space ${DRAIN} s d space space t t t`, `${version} drops`);
		run(open({version}), `${TCP_OPEN} h space 2 1 ${DRAIN} s x t t space ${DRAIN}`, `${version} reordering`);
		run(open({version}), `${TCP_OPEN} h d d space space space ${DRAIN} t t t t`, `${version} duplicates`);
		// A lost segment retransmitted until TCP gives up (ETIMEDOUT), then data on the dead connection.
		run(open({version}), `${TCP_OPEN} h ${DRAIN} s ${Array(20).fill('x t').join(' ')} s tab s t t`, `${version} retransmissions exhausted`);
		// A failed handshake closes TCP: deliver the alert and the FINs, let TIME-WAIT run out.
		run(open({version, certificate: 'expired'}), `${TCP_OPEN} h ${DRAIN} t t t t t t s tab s`, `${version} closed after the alert`);
		// The choices made directly: the same value again ("stays"), and undo / redo / reset around them.
		const same: TlsEvent[] = [
			{type: 'version', version},
			{type: 'certificate', certificate: 'valid'},
		];
		run(open({version}), [...same, 'V', 'u', 'r', 'C', 'R'], `${version} choices`);
	}
}

function lessons(): void {
	const catalog = loadCatalog({dirs: ['lessons'], labs: LABS});
	for (const lang of ['en', 'zh'] as const) {
		for (const lesson of catalog.lessons[lang].filter((l) => l.lab === 'tls')) {
			const start = open(lesson.setup);
			run(start, `${DRAIN}`, `${lesson.file} setup`);
			for (const o of lesson.objectives) run(start, keysOf(o.text), `${lesson.file} ${o.id}`);
		}
		for (const topic of catalog.banks[lang]) {
			for (const quiz of topic.quizzes) if (quiz.run?.lab === 'tls') run(open(quiz.run.setup), `${DRAIN} s ${DRAIN}`, `${topic.file} ${quiz.id}`);
		}
	}
}

/** The keys an objective's text names, as its lesson test reads them: `(c, space ×3)`. */
function keysOf(text: string): string {
	const out: string[] = [];
	for (const group of text.matchAll(/[(（]([^)）]*)[)）]/g)) {
		for (const item of group[1]!.split(/[,，、]/)) {
			const m = /^\s*(space|tab|\S)(?:\s*×\s*(\d+))?\s*$/.exec(item);
			if (m) for (let i = 0; i < Number(m[2] ?? 1); i++) out.push(m[1]!);
		}
	}
	return out.join(' ');
}

function walks(): void {
	for (let seed = 1; seed <= 24; seed++) {
		const rand = random(seed);
		const version = VERSIONS[rand(VERSIONS.length)]!;
		const certificate = rand(3) === 0 ? CERT_SCENARIOS[rand(CERT_SCENARIOS.length)]! : 'valid';
		const keys = Array.from({length: 90}, () => WALK_KEYS[rand(WALK_KEYS.length)]!).join(' ');
		run(open({version, certificate}), keys, `walk ${seed}`);
	}
}

/**
 * The TCP lines the TLS session writes itself (session.ts tcpStep): the rest of `TCP …` are the
 * TCP model's own log lines, quoted, which the TCP table (tcp.zh.ts) translates.
 */
const SESSION_TCP = [/^TCP (client|server): \S+ timer fires$/, /^TCP (client|server): retransmits seq \d+ len \d+$/, /^TCP (client|server): the application sees \w+$/];
const tcpModelLine = (line: string) => line.startsWith('TCP ') && !SESSION_TCP.some((p) => p.test(line));
/** Chinese: a CJK ideograph or full-width punctuation (a state change is `client：START → WAIT_SH`). */
const CJK = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/;

scenarios();
lessons();
walks();

describe('the TLS lab in Chinese', () => {
	test('every line the lab can show has a rule', () => {
		const lines = [...seen.keys()].filter((l) => !tcpModelLine(l));
		const missing = lines.filter((l) => {
			const zh = labTextZh(l);
			return zh === l || !CJK.test(zh);
		});
		expect(missing.map((l) => `${l}    [${seen.get(l)}]`).join('\n'), `${missing.length} of ${lines.length} lines untranslated`).toBe('');
		// A quoted part no rule knew would stay English inside the Chinese: no run of three English words is left.
		const names = /Lab Issuing CA|Lab Root CA|Other Root CA|Not A CA/g;
		const mixed = lines.filter((l) => /[A-Za-z]{2,} [A-Za-z]{2,} [A-Za-z]{2,}/.test(labTextZh(l).replace(names, '')));
		expect(mixed.map((l) => `${l}\n    → ${labTextZh(l)}`).join('\n'), `${mixed.length} lines still partly English`).toBe('');
		expect(lines.length).toBeGreaterThan(100);
	});

	test('a few lines word for word, each one the lab really showed', () => {
		const expected: Record<string, string> = {
			'client sends ClientHello (225 bytes)': 'client 发出 ClientHello（225 字节）',
			'client: WAIT_CERT_CR → WAIT_CV': 'client：WAIT_CERT_CR → WAIT_CV',
			'client sends a fatal alert certificate_expired(45) at Certificate: verify error 10 (certificate has expired)':
				'client 在 Certificate 处发出致命告警 certificate_expired(45)：verify error 10（证书已过期）',
			'alert: client sent decrypt_error(51) at ServerKeyExchange — the signature does not verify (RFC 5246 §7.4.3, §7.2.2)':
				'告警：client 在 ServerKeyExchange 处发出 decrypt_error(51)——签名验证不通过（RFC 5246 §7.4.3、§7.2.2）',
			'client checks certificate: FAILED — verify error 62: hostname mismatch: the certificate names attacker.example, the client asked for shop.example':
				'client 校验证书：失败——verify error 62：主机名不匹配：证书上的名字是 attacker.example，客户端要访问的是 shop.example',
			'version 1.2-rsa — 2 TLS round trips, RSA key exchange: no forward secrecy': '版本 1.2-rsa——2 个 TLS 往返，RSA 密钥交换：没有前向保密',
			'client knows: client_random, server_random, server public key (from the certificate), pre_master (48 bytes it chose), master_secret, session keys':
				'client 已知：client_random，server_random，服务端公钥（取自证书），pre_master（自己选的 48 字节），master_secret，会话密钥',
			'attacker swap-key: too late: the client has already taken in ServerKeyExchange': '中间人换密钥：太晚了，客户端已经处理过 ServerKeyExchange',
			'TCP client: retransmission timer fires': 'TCP client：重传定时器到期',
			'TCP: segment #7 from the server (seq 5001, len 1233) is lost': 'TCP：服务端的报文段 #7（seq 5001，len 1233）丢失',
		};
		for (const [en, zh] of Object.entries(expected)) {
			expect(seen.has(en), `the lab shows "${en}"`).toBe(true);
			expect(labTextZh(en)).toBe(zh);
		}
		// The attacker's list keeps "pre_master, encrypted" as one item.
		const decrypted = [...seen.keys()].find((l) => l.includes('DECRYPTED the recording'));
		expect(decrypted).toBeDefined();
		expect(labTextZh(decrypted!)).toContain('，pre_master（密文），加密的应用数据');
		// A TCP model line is passed to the TCP table after its prefix.
		const tcpLine = 'TCP client: CLOSED → SYN-SENT';
		expect(seen.has(tcpLine)).toBe(true);
		expect(labTextZh(tcpLine)).toBe(`TCP ${labTextZh('client: CLOSED → SYN-SENT')}`);
	});
});
