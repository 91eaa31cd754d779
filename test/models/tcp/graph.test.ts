/**
 * Model-based tests over the connection actor with xstate/graph: walk every abstract state
 * the two endpoints, the channel and the clock can reach from a fresh pair, and check the
 * invariants at every step of every shortest path.
 */
import {describe, expect, test} from 'vitest';
import {getShortestPaths} from 'xstate/graph';
import {
	DEFAULT_SETTINGS,
	actionsOf,
	replay,
	stateOf,
	tcbOf,
	tcpConnectionLogic,
	type ConnectionEvent,
	type ConnectionState,
	type StepRecord,
	type TcpAction,
} from '../../../source/models/tcp/connection.js';
import {seqAdd, seqGe, seqLe} from '../../../source/models/tcp/seq.js';
import {SIDES, TCP_STATES, otherSide, segLen, type TcpState, type TimerName} from '../../../source/models/tcp/types.js';

type Snap = {context: ConnectionState};

/** Which states may hold which timers (syn-queue belongs to the listener, in any state). */
const TIMER_OWNERS: Record<TimerName, readonly TcpState[] | 'any'> = {
	retransmission: ['SYN-SENT', 'SYN-RECEIVED', 'ESTABLISHED', 'FIN-WAIT-1', 'CLOSE-WAIT', 'CLOSING', 'LAST-ACK'],
	'user-timeout': ['SYN-SENT', 'SYN-RECEIVED', 'ESTABLISHED', 'FIN-WAIT-1', 'CLOSE-WAIT', 'CLOSING', 'LAST-ACK'],
	'time-wait': ['TIME-WAIT'],
	'fin-wait-2': ['FIN-WAIT-2'],
	keepalive: ['ESTABLISHED', 'FIN-WAIT-1', 'FIN-WAIT-2', 'CLOSE-WAIT'],
	'delayed-ack': ['ESTABLISHED', 'FIN-WAIT-1', 'FIN-WAIT-2', 'CLOSE-WAIT'],
	'syn-queue': 'any',
};

/** The abstraction the traversal works on: states, socket flags, what is in flight, which timers run. */
function serialize(snap: Snap): string {
	const s = snap.context;
	const ends = SIDES.map((side) => {
		const t = tcbOf(s, side);
		const bits = `${t.closed ? 'c' : ''}${t.listener.open ? 'l' : ''}${t.passive ? 'p' : ''}${t.finReceived ? 'f' : ''}`;
		return `${stateOf(s.ends[side])}:${bits}:${Object.keys(t.timers).sort().join(',')}`;
	});
	const flight = s.inFlight.map((f) => `${f.from[0]}${f.seg.flags.join('')}${f.seg.len ? 'D' : ''}`).join(' ');
	return `${ends.join('|')}|${flight}`;
}

const CALLS = ['listen', 'connect', 'send', 'shutdown', 'close', 'abort'] as const;

/** At most two segments in flight keeps the abstract state space finite (about 54,000 states). */
const MAX_IN_FLIGHT = 2;

function events(snap: Snap): ConnectionEvent[] {
	const s = snap.context;
	const room = s.inFlight.length < MAX_IN_FLIGHT;
	const out: TcpAction[] = [];
	if (room) for (const side of SIDES) for (const call of CALLS) out.push({type: 'user', side, call, bytes: 10});
	if (s.inFlight.length > 0) {
		out.push({type: 'deliver'}, {type: 'drop'});
		if (s.inFlight.length > 1) out.push({type: 'deliver', id: s.inFlight.at(-1)!.id});
		if (room) out.push({type: 'duplicate'});
	}
	const timers = Object.keys(tcbOf(s, 'client').timers).length + Object.keys(tcbOf(s, 'server').timers).length;
	if (room && timers > 0) out.push({type: 'advance', ms: 'next'});
	return out;
}

/** Invariants of one step: returns the broken ones, in words. */
function violations(before: ConnectionState, after: ConnectionState, step: StepRecord): string[] {
	const out: string[] = [];
	for (const side of SIDES) {
		const t = tcbOf(after, side);
		const state = stateOf(after.ends[side]);
		if (!seqLe(t.sndUna, t.sndNxt)) out.push(`${side}: SND.UNA ${t.sndUna} > SND.NXT ${t.sndNxt}`);
		for (const name of Object.keys(t.timers) as TimerName[]) {
			const owners = TIMER_OWNERS[name];
			if (owners !== 'any' && !owners.includes(state)) out.push(`${side}: ${name} timer running in ${state}`);
		}
		if (t.timers.retransmission !== undefined && t.rtx.length === 0) out.push(`${side}: retransmission timer with nothing to retransmit`);
		if (t.timers.retransmission === undefined && t.rtx.length > 0 && state !== 'CLOSED') {
			out.push(`${side}: unacknowledged data in ${state} without a retransmission timer`);
		}
	}
	for (const e of step.segments) {
		if (e.event !== 'sent' || e.injected) continue;
		const sender = tcbOf(after, e.from);
		const peerBefore = tcbOf(before, otherSide(e.from));
		const peerAfter = tcbOf(after, otherSide(e.from));
		const len = segLen({seq: e.seq, ack: e.ack, flags: e.flags, len: e.len, win: e.win});
		// Never acknowledge what the peer has not sent.
		if (e.ack !== null && !seqLe(e.ack, peerBefore.sndNxt) && !seqLe(e.ack, peerAfter.sndNxt)) {
			out.push(`#${e.id} ${e.from} ACK ${e.ack} beyond the peer's SND.NXT ${peerBefore.sndNxt}`);
		}
		// Never send sequence numbers outside our own send space (a RST echoes the segment it answers).
		if (!e.flags.includes('RST') && stateOf(after.ends[e.from]) !== 'CLOSED') {
			const inSpace = seqGe(e.seq, seqAdd(sender.sndUna, -1)) && seqLe(seqAdd(e.seq, len), sender.sndNxt);
			if (!inSpace) out.push(`#${e.id} ${e.from} seq ${e.seq}+${len} outside [${sender.sndUna - 1}, ${sender.sndNxt}]`);
		}
	}
	return out;
}

const SETTINGS = {...DEFAULT_SETTINGS, isn: {client: [100], server: [300]}};

describe('xstate/graph over the connection', () => {
	const paths = getShortestPaths(tcpConnectionLogic, {
		input: SETTINGS,
		events,
		serializeState: serialize as never,
	});

	test('the traversal finds a large state space', () => {
		expect(paths.length).toBeGreaterThan(10_000);
	});

	test('every one of the 11 RFC 9293 states is reached on each side', () => {
		for (const side of SIDES) {
			const reached = new Set<string>();
			for (const p of paths) for (const st of p.steps) reached.add(stateOf((st.state as Snap).context.ends[side]));
			expect([...reached].sort()).toEqual([...TCP_STATES].sort());
		}
	});

	test('every generated path keeps the invariants at every step', () => {
		const broken: string[] = [];
		for (const p of paths) {
			for (let i = 1; i < p.steps.length; i++) {
				const before = (p.steps[i - 1]!.state as Snap).context;
				const after = (p.steps[i]!.state as Snap).context;
				if (!after.last || after === before) continue;
				for (const v of violations(before, after, after.last)) {
					broken.push(`${v}\n    after: ${actionsOf(after).map((a) => JSON.stringify(a)).join(' ')}`);
				}
			}
		}
		expect(broken.slice(0, 5)).toEqual([]);
	});

	test('the invariant checker catches broken states (it is not vacuous)', () => {
		const end = replay(SETTINGS, [
			{type: 'user', side: 'server', call: 'listen'},
			{type: 'user', side: 'client', call: 'connect'},
			{type: 'deliver'},
			{type: 'deliver'},
		]);
		const client = end.ends.client;
		const broken = {
			...end,
			ends: {...end.ends, client: {...client, context: {...client.context, timers: {'time-wait': 9}, sndUna: 500}}},
		} as ConnectionState;
		const step = {...end.last!, segments: [{...end.last!.segments[1]!, ack: 9999}]};
		const found = violations(end, broken, step);
		expect(found.some((v) => v.includes('time-wait timer running in ESTABLISHED'))).toBe(true);
		expect(found.some((v) => v.includes('SND.UNA 500 > SND.NXT 101'))).toBe(true);
		expect(found.some((v) => v.includes("ACK 9999 beyond the peer's SND.NXT"))).toBe(true);
		expect(violations(end, end, end.last!)).toEqual([]);
	});

	test('replaying a path\'s actions gives the same trace (determinism, undo by replay)', () => {
		for (const p of paths.filter((_, i) => i % 97 === 0)) {
			const end = (p.state as Snap).context;
			const again = replay(end.settings, actionsOf(end));
			expect(again.last).toEqual(end.last);
			expect(serialize({context: again})).toBe(serialize({context: end}));
		}
	});
});
