/** The TCP lab contract: keys → events, the pure view, objectives, undo/redo/reset through the actor. */
import {readFileSync} from 'node:fs';
import {describe, expect, test} from 'vitest';
import {createActor} from 'xstate';
import {parse} from 'yaml';
import type {ConnectionEvent, ConnectionState} from '../../../source/models/tcp/connection.js';
import {tcpLab} from '../../../source/models/tcp/lab.js';

/** Press keys as a learner would: `tab` switches the focused end, anything else goes through the action table. */
function press(start: ConnectionState, keys: string, focus = 'client'): {state: ConnectionState; focus: string} {
	const actor = createActor(tcpLab.logic, {input: start}).start();
	for (const key of keys.split(' ')) {
		if (key === 'tab') {
			focus = focus === 'client' ? 'server' : 'client';
			continue;
		}
		const special: Record<string, ConnectionEvent> = {u: tcpLab.undo, r: tcpLab.redo, R: tcpLab.reset};
		const event = special[key] ?? tcpLab.actions.find((a) => a.keys.includes(key))?.event(actor.getSnapshot().context, {focus, key});
		if (event === undefined) throw new Error(`no action on key ${key}`);
		if (event) actor.send(event);
	}
	return {state: actor.getSnapshot().context, focus};
}

function lesson(file: string): {setup: unknown; objectives: Array<{id: string; check: unknown}>} {
	const text = readFileSync(file, 'utf8');
	const front = text.split(/^---$/m)[1]!;
	return parse(front);
}

function opened(file: string): {state: ConnectionState; checks: Map<string, never>} {
	const l = lesson(file);
	const init = tcpLab.init(l.setup);
	if (!init.ok) throw new Error(JSON.stringify(init.problems));
	const checks = new Map<string, never>();
	for (const o of l.objectives) {
		const parsed = tcpLab.parseCheck(o.check);
		if ('problems' in parsed) throw new Error(`${o.id}: ${JSON.stringify(parsed.problems)}`);
		checks.set(o.id, parsed.check as never);
	}
	return {state: init.snapshot, checks};
}

describe('actions', () => {
	test('every key is bound once', () => {
		const keys = tcpLab.actions.flatMap((a) => a.keys);
		expect(new Set(keys).size).toBe(keys.length);
		expect(keys).not.toContain('tab');
		expect(keys).not.toContain('u');
	});

	test('the focused end acts; keys that mean nothing here send nothing', () => {
		const init = tcpLab.init({isn: {client: 100, server: 300}});
		if (!init.ok) throw new Error('setup');
		const {state} = press(init.snapshot, 'tab l tab c space');
		expect(state.last!.server).toBe('SYN-RECEIVED');
		const nothing = tcpLab.actions.find((a) => a.id === 'tcp.drop')!.event(init.snapshot, {focus: 'client', key: 'x'});
		expect(nothing).toBeNull();
		const fifth = tcpLab.actions.find((a) => a.id === 'tcp.deliver-n')!.event(state, {focus: 'client', key: '5'});
		expect(fifth).toBeNull();
	});

	test('undo replays without the last action, redo takes it again, reset goes back to the setup', () => {
		const init = tcpLab.init({isn: {client: 100, server: 300}, steps: [{server: 'listen'}]});
		if (!init.ok) throw new Error('setup');
		const done = press(init.snapshot, 'c space space').state;
		expect(done.last!.client).toBe('ESTABLISHED');
		const back = press(done, 'u').state;
		expect(back.last!.client).toBe('SYN-SENT');
		expect(back.inFlight.map((f) => f.seg.flags.join(','))).toEqual(['SYN,ACK']);
		expect(press(back, 'r').state.last).toEqual(done.last);
		const reset = press(done, 'R').state;
		expect(reset.count).toBe(1);
		expect(press(reset, 'u').state.count).toBe(1); // undo stops at the setup
	});
});

describe('view', () => {
	test('lanes, arrows with their fate, in-flight segments, timers and the log', () => {
		const init = tcpLab.init({isn: {client: 100, server: 300}, steps: [{server: 'listen'}]});
		if (!init.ok) throw new Error('setup');
		const {state} = press(init.snapshot, 'c space x');
		const v = tcpLab.view(state);
		expect(v.lanes.map((l) => `${l.id} ${l.state}`)).toEqual(['client SYN-SENT', 'server SYN-RECEIVED']);
		expect(v.lanes[1]!.detail).toBe('SND.UNA 300 SND.NXT 301 RCV.NXT 101');
		expect(v.arrows.map((a) => `#${a.id} ${a.from}→${a.to} ${a.label} ${a.status}`)).toEqual([
			'#1 client→server SYN 100 delivered',
			'#2 server→client SYN,ACK 300 ack 101 lost',
		]);
		expect(v.inFlight).toEqual([]);
		expect(v.timers).toEqual([
			{lane: 'client', name: 'retransmission', due: 1000},
			{lane: 'server', name: 'retransmission', due: 1000},
		]);
		expect(v.log.map((l) => l.text)).toContain('#2 server SYN,ACK 300 ack 101 is lost');
		expect(v.facts[0]).toMatch(/^listener: SYN queue 1\/128/);
		const windowed = tcpLab.view(state, {arrows: 1, log: 2});
		expect(windowed.arrows.map((a) => a.id)).toEqual([2]);
		expect(windowed.log.length).toBeLessThanOrEqual(2);
	});
});

describe('objectives', () => {
	test('problems name the path inside the check', () => {
		const bad = (raw: unknown) => {
			const r = tcpLab.parseCheck(raw, 'objectives[0].check');
			return 'problems' in r ? r.problems.map((p) => `${p.path}: ${p.message}`) : [];
		};
		expect(bad({client: 'OPEN'})[0]).toMatch(/^objectives\[0\]\.check\.client: unknown state "OPEN"/);
		expect(bad({segment: {flags: ['SYN', 'URG']}})[0]).toMatch(/check\.segment\.flags: expects a list of flags/);
		expect(bad({segment: {colour: 'red'}})[0]).toMatch(/check\.segment\.colour: unknown key/);
		expect(bad({timer: {name: 'msl'}})[0]).toMatch(/check\.timer\.name: unknown timer/);
		expect(bad({sequence: [{client: 'CLOSED'}, {teleport: 1}]})[0]).toMatch(/check\.sequence\[1\]\.teleport: unknown check/);
		expect(bad({client: 'CLOSED', segment: {from: 'client'}})[0]).toMatch(/mixes client, segment/);
		expect(bad({})[0]).toMatch(/can never be met/);
	});

	test('a sequence is met in order, each item at the same step or later', () => {
		const init = tcpLab.init({isn: {client: 100, server: 300}, steps: [{server: 'listen'}]});
		if (!init.ok) throw new Error('setup');
		const check = (raw: unknown) => {
			const r = tcpLab.parseCheck(raw);
			if ('problems' in r) throw new Error('check');
			return r.check;
		};
		const {state} = press(init.snapshot, 'c space space space');
		const inOrder = check({sequence: [{segment: {from: 'client', flags: ['SYN'], event: 'delivered'}}, {server: 'SYN-RECEIVED'}]});
		const reversed = check({sequence: [{server: 'ESTABLISHED'}, {segment: {from: 'client', flags: ['SYN']}}]});
		expect(tcpLab.met(inOrder, state)).toBe(true);
		expect(tcpLab.met(reversed, state)).toBe(false);
		expect(tcpLab.met(check({client: 'CLOSED'}), state)).toBe(false); // only the setup's step had the client CLOSED
	});

	const KEYS: Record<string, Record<string, string>> = {
		'lessons/en/02-tcp-handshake.md': {
			establish: 'c space space space',
			'syn-again': 'c x t',
			'synack-again': 'c space x t',
			'third-ack-recover': 'c space space x s space',
			'old-syn': 'c o 2 2 2 space',
		},
		'lessons/en/03-tcp-teardown.md': {
			'close-normal': 'f space space tab f space space',
			'half-close': 'h space space tab s space',
			'rst-after-close': 'f space space tab s space',
			'simultaneous-close': 'f tab f space space',
			'last-ack-lost': 'f space space tab f space x t space',
			'time-wait-expires': 'f space space tab f space space t',
		},
	};

	for (const [file, byId] of Object.entries(KEYS)) {
		for (const lang of ['en', 'zh']) {
			const path = file.replace('/en/', `/${lang}/`);
			test(`${path}: every objective parses, and the keys its text names meet it`, () => {
				const {state, checks} = opened(path);
				expect([...checks.keys()].sort()).toEqual(Object.keys(byId).sort());
				for (const [id, keys] of Object.entries(byId)) {
					const check = checks.get(id)!;
					expect(tcpLab.met(check, state), `${id} before any key`).toBe(false);
					expect(tcpLab.met(check, press(state, keys).state), `${id} after ${keys}`).toBe(true);
				}
			});
		}
	}
});
