/**
 * The connection: a system actor that owns the two endpoints, the channel between them and the
 * simulated clock. It is a pure reducer — same settings and same actions give the same trace —
 * wrapped as XState actor logic (`fromTransition`) so the UI can `useActorRef` it and
 * `xstate/graph` can walk it. Undo is "replay without the last action".
 */
import {fromTransition} from 'xstate';
import {pureStepper} from '../pure-step.js';
import {endpointMachine, type EndpointEvent, type EndpointSnapshot} from './endpoint.js';
import {acceptQueueLength, synQueueLength} from './listener.js';
import {PROFILES, type ProfileName} from './profile.js';
import type {EndpointSettings, ListenSettings, Tcb} from './tcb.js';
import {
	SIDES,
	otherSide,
	sortFlags,
	TIMER_NAMES,
	type Flag,
	type Segment,
	type Side,
	type SignalName,
	type TcpState,
	type TimerEventKind,
	type TimerName,
} from './types.js';

export type TcpSettings = {
	profile: ProfileName;
	isn: Record<Side, number[]>;
	delayedAck: boolean;
	autoRead: boolean;
	keepalive: Record<Side, boolean>;
	userTimeout: Record<Side, number | null>;
	listen: ListenSettings;
};

export const DEFAULT_SETTINGS: TcpSettings = {
	profile: 'linux',
	isn: {client: [1000], server: [5000]},
	delayedAck: false,
	autoRead: true,
	keepalive: {client: false, server: false},
	userTimeout: {client: null, server: null},
	listen: {backlog: 128, syncookies: true, maxSynBacklog: 2048, abortOnOverflow: false, accept: true},
};

export type UserCall = 'listen' | 'connect' | 'send' | 'read' | 'shutdown' | 'close' | 'abort' | 'accept';

export type TcpAction =
	| {type: 'user'; side: Side; call: UserCall; bytes?: number}
	| {type: 'deliver'; id?: number}
	| {type: 'drop'; id?: number}
	| {type: 'duplicate'; id?: number}
	| {type: 'advance'; ms: number | 'next'}
	| {type: 'flood'; count: number}
	| {type: 'fill'; count: number}
	| {type: 'inject'; from: Side; flags: Flag[]; seq: number; ack?: number | null; len?: number};

export type InFlight = {
	id: number;
	from: Side;
	seg: Segment;
	sentAt: number;
	retransmission: boolean;
	injected: boolean;
};

export type SegmentEventKind = 'sent' | 'delivered' | 'dropped' | 'duplicated';

export type SegmentEvent = {
	id: number;
	from: Side;
	flags: Flag[];
	seq: number;
	ack: number | null;
	len: number;
	win: number;
	event: SegmentEventKind;
	retransmission: boolean;
	injected: boolean;
	/** Simulated ms at which it happened. */
	at: number;
	/** For `duplicated`: the id of the segment that was copied. */
	of?: number;
};

export type TimerInfo = {side: Side; name: TimerName; due: number};
export type TimerRecord = {side: Side; name: TimerName; event: TimerEventKind; at: number};
export type SignalRecord = {side: Side; name: SignalName; at: number};
export type ListenFigures = {synQueue: number; acceptQueue: number; dropped: number; cookies: number};

export type StepRecord = {
	index: number;
	action: string;
	time: number;
	client: TcpState;
	server: TcpState;
	segments: SegmentEvent[];
	inFlight: number[];
	timers: TimerInfo[];
	timerEvents: TimerRecord[];
	signals: SignalRecord[];
	log: string[];
	error: string | null;
	listen?: ListenFigures;
};

/**
 * The append-only history: each action with the step it produced, newest first. A cons list
 * costs O(1) per step and is shared safely between branches (undo, xstate/graph).
 */
export type Trace = {action: TcpAction; step: StepRecord; prev: Trace} | null;

export type ConnectionState = {
	settings: TcpSettings;
	time: number;
	nextId: number;
	serial: number;
	inFlight: InFlight[];
	ends: Record<Side, EndpointSnapshot>;
	/** How many actions have been taken (the length of the trace). */
	count: number;
	/** How many of the actions are the setup (a lesson's opening steps): undo and reset stop there. */
	base: number;
	/** Actions taken back by undo, most recent last (for redo). */
	undone: TcpAction[];
	trace: Trace;
	last: StepRecord | null;
};

const stepper = pureStepper(endpointMachine);

export function endpointSettings(settings: TcpSettings, side: Side): EndpointSettings {
	return {
		side,
		profile: PROFILES[settings.profile],
		isn: settings.isn[side],
		delayedAck: settings.delayedAck,
		autoRead: settings.autoRead,
		keepalive: settings.keepalive[side],
		userTimeout: settings.userTimeout[side],
		listen: settings.listen,
	};
}

export function initialConnection(settings: TcpSettings = DEFAULT_SETTINGS): ConnectionState {
	return {
		settings,
		time: 0,
		nextId: 1,
		serial: 0,
		inFlight: [],
		ends: {
			client: stepper.initial(endpointSettings(settings, 'client')),
			server: stepper.initial(endpointSettings(settings, 'server')),
		},
		count: 0,
		base: 0,
		undone: [],
		trace: null,
		last: null,
	};
}

/** A connection with `setup` already taken: the state a lab opens in. */
export function withSetup(settings: TcpSettings, setup: readonly TcpAction[]): ConnectionState {
	const s = replay(settings, setup);
	return {...s, base: s.count};
}

export const stateOf = (snap: EndpointSnapshot): TcpState => snap.value as TcpState;
export const tcbOf = (s: ConnectionState, side: Side): Tcb => s.ends[side].context;

// ---------------------------------------------------------------- action validity

/** Why an action cannot be taken now (a script error), or null. Socket calls are always allowed. */
export function actionProblem(s: ConnectionState, a: TcpAction): string | null {
	switch (a.type) {
		case 'deliver':
		case 'drop':
		case 'duplicate':
			if (s.inFlight.length === 0) return `${a.type}: nothing in flight`;
			if (a.id !== undefined && !s.inFlight.some((f) => f.id === a.id)) {
				return `${a.type}: segment #${a.id} is not in flight (in flight: ${s.inFlight.map((f) => `#${f.id}`).join(', ')})`;
			}
			return null;
		case 'advance':
			if (a.ms === 'next') return nextDeadline(s) === null ? 'advance: next: no timer is running' : null;
			return a.ms < 0 || !Number.isFinite(a.ms) ? `advance: ${a.ms} is not a duration (ms ≥ 0)` : null;
		case 'inject':
			// A segment with the ACK flag always carries an acknowledgment number (RFC 9293 §3.1).
			return a.flags.includes('ACK') && (a.ack === undefined || a.ack === null) ? 'inject: the ACK flag needs an acknowledgment number (ack: N)' : null;
		default:
			return null;
	}
}

export function actionLabel(a: TcpAction): string {
	switch (a.type) {
		case 'user':
			return `${a.side} ${a.call}${a.call === 'send' ? ` ${a.bytes ?? 0}` : ''}`;
		case 'deliver':
		case 'drop':
		case 'duplicate':
			return a.id === undefined ? a.type : `${a.type} ${a.id}`;
		case 'advance':
			return `advance ${a.ms}`;
		case 'flood':
		case 'fill':
			return `${a.type} ${a.count}`;
		case 'inject':
			return `inject ${a.from} ${sortFlags(a.flags).join(',')} seq ${a.seq}`;
	}
}

// ---------------------------------------------------------------- the reducer

type Work = {
	s: ConnectionState;
	segments: SegmentEvent[];
	timerEvents: TimerRecord[];
	signals: SignalRecord[];
	log: string[];
	error: string | null;
};

function segEvent(f: InFlight, event: SegmentEventKind, at: number, of?: number): SegmentEvent {
	const e: SegmentEvent = {
		id: f.id,
		from: f.from,
		flags: f.seg.flags,
		seq: f.seg.seq,
		ack: f.seg.ack,
		len: f.seg.len,
		win: f.seg.win,
		event,
		retransmission: f.retransmission,
		injected: f.injected,
		at,
	};
	// Added, not spread in: a spread in a literal makes V8 build every event the slow way.
	if (of !== undefined) e.of = of;
	return e;
}

/** Send one event to one endpoint and move its effects into the step. */
function drive(w: Work, side: Side, event: Omit<EndpointEvent, 'now' | 'serial'>): void {
	const serial = w.s.serial + 1;
	const before = stateOf(w.s.ends[side]);
	const snap = stepper.step(w.s.ends[side], {...event, now: w.s.time, serial} as EndpointEvent);
	const after = stateOf(snap);
	const fx = snap.context.fx.serial === serial ? snap.context.fx : null;
	let nextId = w.s.nextId;
	let inFlight = w.s.inFlight;
	if (fx) {
		if (fx.out.length > 0) inFlight = [...inFlight];
		for (let i = 0; i < fx.out.length; i++) {
			const f: InFlight = {
				id: nextId++,
				from: side,
				seg: fx.out[i]!,
				sentAt: w.s.time,
				retransmission: fx.retransmission[i] ?? false,
				injected: false,
			};
			inFlight.push(f);
			w.segments.push(segEvent(f, 'sent', w.s.time));
		}
		for (const t of fx.timerEvents) w.timerEvents.push({side, name: t.name, event: t.event, at: w.s.time});
		for (const name of fx.signals) w.signals.push({side, name, at: w.s.time});
		for (const n of fx.notes) w.log.push(n);
		if (fx.error !== null) w.error = fx.error;
	}
	if (before !== after) w.log.push(`${side}: ${before} → ${after}`);
	// Both ends spelt out: a computed key in a spread literal sends V8 down its slow path (about a
	// fifth of `sim tcp`'s time went to this line).
	const ends = side === 'client' ? {client: snap, server: w.s.ends.server} : {client: w.s.ends.client, server: snap};
	w.s = {...w.s, serial, nextId, inFlight, ends};
}

const TIMER_EVENT: Record<TimerName, EndpointEvent['type']> = {
	retransmission: 'TIMEOUT_RTO',
	'time-wait': 'TIMEOUT_2MSL',
	'fin-wait-2': 'TIMEOUT_FIN_WAIT2',
	keepalive: 'TIMEOUT_KEEPALIVE',
	'delayed-ack': 'TIMEOUT_DELACK',
	'user-timeout': 'TIMEOUT_USER',
	'syn-queue': 'TIMEOUT_SYN_QUEUE',
};

export function runningTimers(s: ConnectionState): TimerInfo[] {
	const out: TimerInfo[] = [];
	for (const side of SIDES) {
		const timers = tcbOf(s, side).timers;
		for (const name of TIMER_NAMES) {
			const due = timers[name];
			if (due !== undefined) out.push({side, name, due});
		}
	}
	return out.sort((a, b) => a.due - b.due);
}

export function nextDeadline(s: ConnectionState): number | null {
	return runningTimers(s)[0]?.due ?? null;
}

/** Fire every timer due at or before `until`, in deadline order (client before server on a tie). */
function runClock(w: Work, until: number): void {
	for (let guard = 0; guard < 100_000; guard++) {
		const next = runningTimers(w.s)[0];
		if (!next || next.due > until) break;
		w.s = {...w.s, time: Math.max(w.s.time, next.due)};
		drive(w, next.side, {type: TIMER_EVENT[next.name]} as Omit<EndpointEvent, 'now' | 'serial'>);
	}
	w.s = {...w.s, time: Math.max(w.s.time, until)};
}

const USER_EVENT: Record<UserCall, EndpointEvent['type']> = {
	listen: 'USER_LISTEN',
	connect: 'USER_CONNECT',
	send: 'USER_SEND',
	read: 'USER_READ',
	shutdown: 'USER_CLOSE',
	close: 'USER_CLOSE_FULL',
	abort: 'USER_ABORT',
	accept: 'USER_ACCEPT',
};

function pick(s: ConnectionState, id: number | undefined): InFlight {
	const f = id === undefined ? s.inFlight[0] : s.inFlight.find((x) => x.id === id);
	if (!f) throw new Error(id === undefined ? 'nothing in flight' : `segment #${id} is not in flight`);
	return f;
}

function perform(w: Work, a: TcpAction): void {
	switch (a.type) {
		case 'user': {
			const ev = USER_EVENT[a.call];
			drive(w, a.side, (a.call === 'send' ? {type: ev, bytes: a.bytes ?? 0} : {type: ev}) as never);
			return;
		}
		case 'deliver': {
			const f = pick(w.s, a.id);
			w.s = {...w.s, inFlight: w.s.inFlight.filter((x) => x !== f)};
			w.segments.push(segEvent(f, 'delivered', w.s.time));
			drive(w, otherSide(f.from), {type: 'RCV_SEG', seg: f.seg} as never);
			return;
		}
		case 'drop': {
			const f = pick(w.s, a.id);
			w.s = {...w.s, inFlight: w.s.inFlight.filter((x) => x !== f)};
			w.segments.push(segEvent(f, 'dropped', w.s.time));
			w.log.push(`segment #${f.id} (${f.from} ${f.seg.flags.join(',')}) is lost`);
			return;
		}
		case 'duplicate': {
			const f = pick(w.s, a.id);
			const copy: InFlight = {...f, id: w.s.nextId};
			w.s = {...w.s, nextId: w.s.nextId + 1, inFlight: [...w.s.inFlight, copy]};
			w.segments.push(segEvent(copy, 'duplicated', w.s.time, f.id));
			return;
		}
		case 'advance': {
			const until = a.ms === 'next' ? nextDeadline(w.s) : w.s.time + a.ms;
			if (until === null) throw new Error('no timer is running');
			runClock(w, until);
			return;
		}
		case 'flood':
			drive(w, 'server', {type: 'FLOOD', count: a.count} as never);
			return;
		case 'fill':
			drive(w, 'server', {type: 'FILL', count: a.count} as never);
			return;
		case 'inject': {
			const seg: Segment = {
				seq: a.seq >>> 0,
				ack: a.ack === undefined || a.ack === null ? null : a.ack >>> 0,
				flags: sortFlags(a.ack !== undefined && a.ack !== null && !a.flags.includes('ACK') ? [...a.flags, 'ACK'] : a.flags),
				len: a.len ?? 0,
				win: 65_535,
			};
			const f: InFlight = {id: w.s.nextId, from: a.from, seg, sentAt: w.s.time, retransmission: false, injected: true};
			w.s = {...w.s, nextId: w.s.nextId + 1, inFlight: [...w.s.inFlight, f]};
			w.segments.push(segEvent(f, 'sent', w.s.time));
			w.log.push(`an injected ${seg.flags.join(',')} seq ${seg.seq} from the ${a.from}'s address enters the network`);
			return;
		}
	}
}

function listenFigures(s: ConnectionState): ListenFigures | undefined {
	const t = tcbOf(s, 'server');
	if (!t.listener.open && t.listener.dropped === 0 && t.listener.cookies === 0) return undefined;
	const ownHalfOpen = stateOf(s.ends.server) === 'SYN-RECEIVED' && t.passive;
	return {
		synQueue: synQueueLength(t, ownHalfOpen),
		acceptQueue: acceptQueueLength(t),
		dropped: t.listener.dropped,
		cookies: t.listener.cookies,
	};
}

/**
 * A long session keeps every step (the log, the diagram and the objectives read them), so a
 * step holds its lists compactly: an array filled by push keeps room for 17 items (152 bytes
 * for a one-line log), a copy only what it holds; every empty list is one frozen array; and a
 * step shares the previous step's in-flight ids and timers when they are the same (most steps
 * change neither). Records are never mutated, so sharing is safe. Measured on the benchmark's
 * 2,311-step setup: about 1,750 → ~1,350 bytes a step.
 */
const EMPTY = Object.freeze([]) as unknown as never[];
const orEmpty = <T>(xs: T[]): T[] => (xs.length === 0 ? EMPTY : xs.slice());
function sameOr<T>(prev: T[] | undefined, now: T[], same: (x: T, y: T) => boolean): T[] {
	if (now.length === 0) return EMPTY;
	return prev && prev.length === now.length && prev.every((x, i) => same(x, now[i]!)) ? prev : now;
}

/** Take one action. Throws on an action `actionProblem` rejects; socket-call errors are recorded instead. */
export function apply(s0: ConnectionState, a: TcpAction, opts: {keepRedo?: boolean} = {}): ConnectionState {
	const problem = actionProblem(s0, a);
	if (problem) throw new Error(problem);
	const w: Work = {s: s0, segments: [], timerEvents: [], signals: [], log: [], error: null};
	perform(w, a);
	const s = w.s;
	const listen = listenFigures(s);
	const prev = s0.last;
	const step: StepRecord = {
		index: s0.count + 1,
		action: actionLabel(a),
		time: s.time,
		client: stateOf(s.ends.client),
		server: stateOf(s.ends.server),
		segments: orEmpty(w.segments),
		inFlight: sameOr(prev?.inFlight, s.inFlight.map((f) => f.id), (x, y) => x === y),
		timers: sameOr(prev?.timers, runningTimers(s), (x, y) => x.side === y.side && x.name === y.name && x.due === y.due),
		timerEvents: orEmpty(w.timerEvents),
		signals: orEmpty(w.signals),
		log: orEmpty(w.log),
		error: w.error,
	};
	if (listen) step.listen = listen;
	return {
		...s,
		count: s0.count + 1,
		undone: opts.keepRedo ? s0.undone : [],
		trace: {action: a, step, prev: s0.trace},
		last: step,
	};
}

export function replay(settings: TcpSettings, actions: readonly TcpAction[], base = 0): ConnectionState {
	let s = initialConnection(settings);
	for (const a of actions) s = apply(s, a);
	return {...s, base};
}

/** Every action taken, oldest first. */
export function actionsOf(s: ConnectionState): TcpAction[] {
	const out: TcpAction[] = [];
	for (let t = s.trace; t; t = t.prev) out.push(t.action);
	return out.reverse();
}

export function undo(s: ConnectionState): ConnectionState {
	if (!s.trace || s.count <= s.base) return s;
	const back = replay(s.settings, actionsOf(s).slice(0, -1), s.base);
	return {...back, undone: [...s.undone, s.trace.action]};
}

export function reset(s: ConnectionState): ConnectionState {
	return replay(s.settings, actionsOf(s).slice(0, s.base), s.base);
}

export function redo(s: ConnectionState): ConnectionState {
	const next = s.undone[s.undone.length - 1];
	if (!next) return s;
	const forward = apply({...s, undone: s.undone.slice(0, -1)}, next, {keepRedo: true});
	return forward;
}

/** The trace oldest first (or only the last `n` steps). */
export function traceSteps(s: ConnectionState, n = Infinity): StepRecord[] {
	const out: StepRecord[] = [];
	for (let t = s.trace; t && out.length < n; t = t.prev) out.push(t.step);
	return out.reverse();
}

export type ConnectionEvent = TcpAction | {type: 'undo'} | {type: 'redo'} | {type: 'reset'};

/** The connection as XState actor logic: `createActor(tcpConnectionLogic, {input})`, input = settings or a prepared state. */
export const tcpConnectionLogic = fromTransition(
	(s: ConnectionState, e: ConnectionEvent): ConnectionState => {
		if (e.type === 'undo') return undo(s);
		if (e.type === 'redo') return redo(s);
		if (e.type === 'reset') return reset(s);
		return actionProblem(s, e) ? s : apply(s, e);
	},
	({input}: {input: TcpSettings | ConnectionState | undefined}) =>
		input && 'ends' in input ? input : initialConnection(input ?? DEFAULT_SETTINGS),
);
