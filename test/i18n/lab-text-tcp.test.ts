/**
 * The TCP lab's lines in Chinese (source/i18n/lab-text/tcp.zh.ts). The lines are not copied
 * from the models: they are collected by running the model — every script of
 * test/fixtures/tcp, the setup of every shipped TCP lesson and predict-then-run question, and
 * seeded random walks over every action on both profiles — and each distinct log line and fact
 * must have a rule.
 */
import {readdirSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, test} from 'vitest';
import {parse} from 'yaml';
import {labTextZh} from '../../source/i18n/lab-text/index.js';
import {TCP_ZH} from '../../source/i18n/lab-text/tcp.zh.js';
import {LABS} from '../../source/labs.js';
import {loadCatalog} from '../../source/lessons/catalog.js';
import type {Quiz} from '../../source/lessons/types.js';
import {
	actionProblem,
	apply,
	DEFAULT_SETTINGS,
	initialConnection,
	tcbOf,
	type ConnectionState,
	type TcpAction,
	type TcpSettings,
	type UserCall,
} from '../../source/models/tcp/connection.js';
import {tcpLab} from '../../source/models/tcp/lab.js';
import {formatProblem, parseScript} from '../../source/models/tcp/script.js';
import {FLAG_ORDER, SIDES, type Flag, type Side} from '../../source/models/tcp/types.js';
import {tcpView} from '../../source/models/tcp/view.js';

const root = join(import.meta.dirname, '..', '..');

/** Every distinct log line and fact seen, with where it was first seen (for the failure message). */
const seen = new Map<string, string>();

function collect(s: ConnectionState, where: string): void {
	const view = tcpView(s, {log: Number.MAX_SAFE_INTEGER, arrows: 0});
	for (const line of view.log) if (!seen.has(line.text)) seen.set(line.text, where);
	for (const fact of view.facts) if (!seen.has(fact)) seen.set(fact, where);
	// The raw step log too: `synack sim tcp --json` prints it, and the TLS lab quotes it.
	for (let t = s.trace; t; t = t.prev) for (const line of t.step.log) if (!seen.has(line)) seen.set(line, where);
}

/** Facts are drawn from the current state, so they are collected after every step. */
function facts(s: ConnectionState, where: string): void {
	const view = tcpView(s, {log: 0, arrows: 0});
	for (const fact of view.facts) if (!seen.has(fact)) seen.set(fact, where);
	// The running timers' names (the lab panel's ⏱ rows).
	for (const timer of view.timers) if (!seen.has(timer.name)) seen.set(timer.name, where);
}

function runSteps(settings: TcpSettings, steps: readonly TcpAction[], where: string): void {
	let s = initialConnection(settings);
	facts(s, where);
	for (const a of steps) {
		s = apply(s, a);
		facts(s, where);
	}
	collect(s, where);
}

// ---------------------------------------------------------------- fixtures and lessons

const fixtureDir = join(root, 'test', 'fixtures', 'tcp');
const fixtures = readdirSync(fixtureDir).filter((f) => f.endsWith('.yaml')).sort();
for (const file of fixtures) {
	const parsed = parseScript(parse(readFileSync(join(fixtureDir, file), 'utf8')), {requireSteps: true});
	if (!parsed.ok) throw new Error(`${file}: ${parsed.problems.map(formatProblem).join('; ')}`);
	runSteps(parsed.script.settings, parsed.script.steps, `fixture ${file}`);
}

const catalog = loadCatalog({dirs: [join(root, 'lessons')], labs: LABS});
const setups: Array<{where: string; setup: unknown}> = [];
for (const lang of ['en', 'zh'] as const) {
	for (const lesson of catalog.lessons[lang]) {
		if (lesson.lab === 'tcp') setups.push({where: `lesson ${lang}/${lesson.id}`, setup: lesson.setup});
		for (const page of lesson.pages) {
			for (const block of page.blocks) {
				if (block.kind === 'quiz' && block.quiz.run?.lab === 'tcp') setups.push({where: `quiz ${block.quiz.id}`, setup: block.quiz.run.setup});
			}
		}
	}
	const bankQuizzes: Quiz[] = catalog.banks[lang].flatMap((b) => b.quizzes);
	for (const q of bankQuizzes) if (q.run?.lab === 'tcp') setups.push({where: `bank ${q.id}`, setup: q.run.setup});
}
for (const {where, setup} of setups) {
	const init = tcpLab.init(setup);
	if (!init.ok) throw new Error(`${where}: ${JSON.stringify(init.problems)}`);
	collect(init.snapshot, where);
	facts(init.snapshot, where);
}

// ---------------------------------------------------------------- seeded random walks

/** mulberry32: a small PRNG, so every run walks the same paths. */
function prng(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const CALLS: UserCall[] = ['listen', 'connect', 'send', 'read', 'shutdown', 'close', 'abort', 'accept'];
const FLAG_SETS: Flag[][] = [['SYN'], ['SYN', 'ACK'], ['ACK'], ['RST'], ['RST', 'ACK'], ['FIN', 'ACK'], ['PSH', 'ACK'], ['FIN'], []];
const call = (side: Side, c: UserCall): TcpAction => ({type: 'user', side, call: c});
const OPEN: TcpAction[] = [call('server', 'listen'), call('client', 'connect'), {type: 'deliver'}, {type: 'deliver'}, {type: 'deliver'}];
const deliver: TcpAction = {type: 'deliver'};
/**
 * Where a walk starts, and what it needs of the listener: nothing yet, an open connection, the
 * server closing first, a full accept queue before the SYN, before the third ACK, before a SYN
 * cookie's ACK, a connection the server application has not accepted, a new SYN reaching a
 * server in TIME-WAIT, and data beyond the client's FIN. A step may depend on the state so far.
 */
type StartStep = TcpAction | ((s: ConnectionState) => TcpAction);
/** Data from the client that the server would take next, as if sent after the client's FIN. */
const afterFin: StartStep = (s) => {
	const server = tcbOf(s, 'server');
	return {type: 'inject', from: 'client', flags: ['PSH', 'ACK'], seq: server.rcvNxt, ack: server.sndNxt, len: 10};
};
const STARTS: Array<{steps: StartStep[]; listen?: Partial<TcpSettings['listen']>}> = [
	{steps: []},
	{steps: OPEN},
	{steps: [...OPEN, call('server', 'close'), deliver, deliver]},
	{steps: [call('server', 'listen'), {type: 'fill', count: 200}, call('client', 'connect')], listen: {backlog: 2}},
	{steps: [call('server', 'listen'), call('client', 'connect'), deliver, {type: 'fill', count: 200}, deliver, deliver], listen: {backlog: 2}},
	{
		steps: [call('server', 'listen'), {type: 'flood', count: 300}, call('client', 'connect'), deliver, deliver, {type: 'fill', count: 200}, deliver],
		listen: {backlog: 128, syncookies: true},
	},
	{steps: [...OPEN, call('server', 'accept')], listen: {accept: false}},
	{
		steps: [...OPEN, call('server', 'close'), deliver, deliver, call('client', 'close'), deliver, deliver, call('client', 'connect'), deliver],
	},
	{steps: [...OPEN, call('client', 'shutdown'), deliver, deliver, afterFin, deliver]},
];

function walkSettings(rnd: () => number, profile: TcpSettings['profile']): TcpSettings {
	const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
	const bool = () => rnd() < 0.5;
	return {
		...DEFAULT_SETTINGS,
		profile,
		isn: {client: [pick([100, 1000, 4294967290]), 7000], server: [pick([300, 5000, 4294967000]), 9000]},
		delayedAck: bool(),
		autoRead: bool(),
		keepalive: {client: bool(), server: bool()},
		userTimeout: {client: pick([null, null, 5000, 30_000]), server: pick([null, null, 5000, 30_000])},
		listen: {
			backlog: pick([0, 1, 2, 3, 128]),
			syncookies: bool(),
			maxSynBacklog: pick([4, 16, 2048]),
			abortOnOverflow: bool(),
			accept: bool(),
		},
	};
}

/** One action of any type, weighted towards the ordinary ones (calls, delivery, timers). */
function randomAction(s: ConnectionState, rnd: () => number): TcpAction {
	const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
	const side = pick(SIDES);
	const inFlight = () => (rnd() < 0.6 || s.inFlight.length === 0 ? undefined : pick(s.inFlight).id);
	const r = rnd();
	if (r < 0.3) {
		const c = pick(CALLS);
		return c === 'send' ? {type: 'user', side, call: c, bytes: pick([1, 100, 1460, 3000, 70_000])} : call(side, c);
	}
	if (r < 0.55) return {type: 'deliver', id: inFlight()};
	if (r < 0.62) return {type: 'drop', id: inFlight()};
	if (r < 0.65) return {type: 'duplicate', id: inFlight()};
	if (r < 0.8) return {type: 'advance', ms: 'next'};
	if (r < 0.85) return {type: 'advance', ms: pick([0, 40, 200, 1000, 63_000, 120_000, 7_200_000])};
	if (r < 0.88) return {type: 'flood', count: pick([1, 2, 5, 300])};
	if (r < 0.92) return {type: 'fill', count: pick([1, 2, 4])};
	// An injected segment, aimed near the numbers the other end expects (or anywhere).
	const to = tcbOf(s, side === 'client' ? 'server' : 'client');
	const flags = rnd() < 0.1 ? FLAG_ORDER.filter(() => rnd() < 0.4) : pick(FLAG_SETS);
	const seq = pick([to.rcvNxt, to.rcvNxt + 1, to.rcvNxt - 1, to.rcvNxt + 5000, to.irs, to.iss - 10, Math.floor(rnd() * 2 ** 32)]) >>> 0;
	const ack = pick<number | null | undefined>([undefined, null, to.sndNxt, to.sndUna, to.sndNxt + 1, to.iss + 1]);
	const len = pick([undefined, 0, 10, 100]);
	return {type: 'inject', from: side, flags, seq, ...(ack === undefined ? {} : {ack: ack === null ? null : ack >>> 0}), ...(len === undefined ? {} : {len})};
}

const WALKS = 40;
const STEPS = 250;
for (const profile of ['linux', 'rfc'] as const) {
	for (let w = 0; w < WALKS; w++) {
		const where = `walk ${profile} #${w}`;
		const rnd = prng(w * 7919 + (profile === 'rfc' ? 1 : 0));
		const start = STARTS[w % STARTS.length]!;
		const settings = walkSettings(rnd, profile);
		let s = initialConnection({...settings, listen: {...settings.listen, ...start.listen}});
		for (const step of start.steps) {
			const a = typeof step === 'function' ? step(s) : step;
			if (actionProblem(s, a)) continue;
			s = apply(s, a);
			facts(s, where);
		}
		let taken = 0;
		for (let tries = 0; taken < STEPS && tries < STEPS * 4; tries++) {
			const a = randomAction(s, rnd);
			if (actionProblem(s, a)) continue;
			s = apply(s, a);
			facts(s, where);
			taken++;
		}
		collect(s, where);
	}
}

// ---------------------------------------------------------------- the checks

const CJK = /[\u4e00-\u9fff]/;
const zh = (line: string) => labTextZh(line);
/** A state change has no words to translate: only its colon becomes full-width. */
const STATE_CHANGE = /^(client|server): ([A-Z][A-Z0-9-]*) → ([A-Z][A-Z0-9-]*)$/;

/** Translated: changed, and in Chinese words (a state change: in Chinese punctuation). */
function translated(line: string): boolean {
	const out = zh(line);
	if (out === line) return false;
	const change = STATE_CHANGE.exec(line);
	if (change) return out === `${change[1]}：${change[2]} → ${change[3]}`;
	// An error's message is translated too, not only its "error:" label.
	const error = /^error: (.+)$/.exec(line);
	if (error && !translated(error[1]!)) return false;
	return CJK.test(out);
}

describe('the TCP lab in Chinese', () => {
	test('every log line and fact the lab can show has a rule', () => {
		expect(fixtures.length).toBeGreaterThan(10);
		expect(setups.some((x) => x.where.startsWith('lesson '))).toBe(true);
		expect(setups.some((x) => x.where.startsWith('bank '))).toBe(true);
		expect(seen.size).toBeGreaterThan(1000);
		const missing = [...seen].filter(([line]) => !translated(line)).map(([line, where]) => `${line}    (${where})`);
		expect(missing, `untranslated:\n${missing.join('\n')}`).toEqual([]);
	});

	test('every rule matches a line the runs produced (a rule no line matches has gone stale)', () => {
		const lines = [...seen.keys()];
		const errors = lines.flatMap((l) => (l.startsWith('error: ') ? [l.slice('error: '.length)] : []));
		const unused = TCP_ZH.filter(([pattern]) => !lines.some((l) => pattern.test(l)) && !errors.some((e) => pattern.test(e)));
		expect(unused.map(([pattern]) => pattern.source)).toEqual([]);
	});

	test('common lines, exactly', () => {
		const expected: Record<string, string> = {
			'client: SYN-SENT → ESTABLISHED': 'client：SYN-SENT → ESTABLISHED',
			'server: listen() — passive open, waiting for a SYN': 'server：listen()，被动打开，等待 SYN',
			'client: connect() — SYN with ISN 100': 'client：connect()，发出 SYN，ISN 为 100',
			'client: retransmission timer fires': 'client：重传定时器到期',
			'client: SYN retransmitted (#1)': 'client：重传 SYN（第 1 次）',
			'#4 client ACK 100 ack 301 is lost': '#4 client ACK 100 ack 301 丢失',
			'client: the application sees ECONNRESET': 'client：应用程序收到 ECONNRESET',
			'client: connection reset by peer (ECONNRESET)': 'client：连接被对端重置（ECONNRESET）',
			'server: data arrived after close() — RST (RFC 9293 §3.6.1 SHLD-3)': 'server：close() 之后又收到数据，回 RST（RFC 9293 §3.6.1 SHLD-3）',
			'client: keepalive probe 1 of 9': 'client：发出第 1 个保活探测（共 9 个）',
			"an injected SYN seq 90 from the client's address enters the network": '注入的 SYN seq 90（源地址为客户端）进入网络',
			'300 spoofed SYNs reach the listener: 128 enter the SYN queue; 172 answered with SYN cookies (no state kept)':
				'300 个伪造的 SYN 到达监听套接字：128 个进入半连接队列；172 个改用 SYN cookie 应答（不保存状态）',
			'listener: SYN queue 1/128, accept queue 0, dropped 0, cookies 0': '监听套接字：半连接队列 1/128，全连接队列 0，丢弃 0，SYN cookie 0',
			'error: connection does not exist': '错误：连接不存在',
		};
		for (const [line, chinese] of Object.entries(expected)) {
			expect(seen.has(line), `not produced by the runs: ${line}`).toBe(true);
			expect(zh(line)).toBe(chinese);
		}
	});

	test('an injected segment with no flags still reads as a segment', () => {
		expect(zh("an injected  seq 5 from the server's address enters the network")).toBe('注入的报文段 seq 5（源地址为服务端）进入网络');
		expect(zh('#7 server  5 len 10 is lost')).toBe('#7 server  5 len 10 丢失');
	});
});
