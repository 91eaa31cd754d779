/**
 * The objective vocabulary of the TCP lab: declarative checks over the trace that lesson
 * front matter names (docs/tcp-lab-vocabulary.md). Parsing reports every problem with the
 * path inside the check, so a lesson author sees `objectives[2].check.segment.flags: …`.
 */
import {checkOrProblems, earliestStep, isObject, oneOf, type CheckProblem} from '../combine.js';
import type {SegmentEventKind, StepRecord} from './connection.js';
import {FLAG_ORDER, SIDES, TCP_STATES, TIMER_NAMES, type Flag, type Side, type SignalName, type TcpState, type TimerEventKind, type TimerName} from './types.js';

export type SegmentMatch = {
	from?: Side;
	flags?: Flag[];
	has?: Flag[];
	event?: SegmentEventKind;
	retransmission?: boolean;
	injected?: boolean;
	minLen?: number;
	len?: number;
	seq?: number;
	ack?: number;
};

export type Check =
	| {kind: 'states'; client?: TcpState; server?: TcpState}
	| {kind: 'segment'; match: SegmentMatch}
	| {kind: 'timer'; side?: Side; name?: TimerName; event: TimerEventKind}
	| {kind: 'signal'; side?: Side; name?: SignalName}
	| {kind: 'sequence'; items: Check[]}
	| {kind: 'all'; items: Check[]};

export type {CheckProblem};

const SIGNALS: SignalName[] = ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE'];
const SEGMENT_EVENTS: SegmentEventKind[] = ['sent', 'delivered', 'dropped', 'duplicated'];
const TIMER_EVENTS: TimerEventKind[] = ['started', 'restarted', 'fired', 'stopped'];


/** Parse one `check:` value. Returns the check, or the problems found (never both). */
export function parseCheck(raw: unknown, path = 'check'): {check: Check} | {problems: CheckProblem[]} {
	return checkOrProblems(parse, raw, path);
}

function parse(raw: unknown, path: string, problems: CheckProblem[]): Check | null {
	const fail = (p: string, message: string) => {
		problems.push({path: p, message});
		return null;
	};
	if (!isObject(raw)) return fail(path, 'a check is a mapping such as { client: ESTABLISHED }');
	const keys = Object.keys(raw);
	if (keys.length === 0) return fail(path, 'an empty check can never be met');
	if (keys.every((k) => k === 'client' || k === 'server')) {
		const out: Check = {kind: 'states'};
		for (const side of SIDES) {
			const v = raw[side];
			if (v === undefined) continue;
			if (oneOf(TCP_STATES, v)) out[side] = v;
			else fail(`${path}.${side}`, `unknown state ${JSON.stringify(v)} (expected one of ${TCP_STATES.join(', ')})`);
		}
		return out;
	}
	if (keys.length !== 1) return fail(path, `a check has one kind, this one mixes ${keys.join(', ')}`);
	const kind = keys[0]!;
	const body = raw[kind];
	const here = `${path}.${kind}`;
	switch (kind) {
		case 'segment':
			return parseSegment(body, here, problems);
		case 'timer': {
			if (!isObject(body)) return fail(here, 'expects a mapping such as { side: client, name: time-wait, event: fired }');
			const out: Check = {kind: 'timer', event: 'fired'};
			for (const [k, v] of Object.entries(body)) {
				if (k === 'side') oneOf(SIDES, v) ? (out.side = v) : fail(`${here}.side`, 'expects client or server');
				else if (k === 'name') oneOf(TIMER_NAMES, v) ? (out.name = v) : fail(`${here}.name`, `unknown timer (expected ${TIMER_NAMES.join(', ')})`);
				else if (k === 'event') oneOf(TIMER_EVENTS, v) ? (out.event = v) : fail(`${here}.event`, `expects ${TIMER_EVENTS.join(', ')}`);
				else fail(`${here}.${k}`, 'unknown key (expected side, name, event)');
			}
			return out;
		}
		case 'signal': {
			if (!isObject(body)) return fail(here, 'expects a mapping such as { side: client, name: ECONNREFUSED }');
			const out: Check = {kind: 'signal'};
			for (const [k, v] of Object.entries(body)) {
				if (k === 'side') oneOf(SIDES, v) ? (out.side = v) : fail(`${here}.side`, 'expects client or server');
				else if (k === 'name') oneOf(SIGNALS, v) ? (out.name = v) : fail(`${here}.name`, `expects ${SIGNALS.join(', ')}`);
				else fail(`${here}.${k}`, 'unknown key (expected side, name)');
			}
			return out;
		}
		case 'sequence':
		case 'all': {
			if (!Array.isArray(body) || body.length === 0) return fail(here, 'expects a non-empty list of checks');
			const items = body.map((item, i) => parse(item, `${here}[${i}]`, problems));
			return items.every((x): x is Check => x !== null) ? {kind, items} : null;
		}
		default:
			return fail(here, 'unknown check (expected client/server states, segment, timer, signal, sequence or all)');
	}
}

function parseSegment(body: unknown, here: string, problems: CheckProblem[]): Check | null {
	if (!isObject(body) || Object.keys(body).length === 0) {
		problems.push({path: here, message: 'expects a mapping with at least one of from, flags, has, event, …'});
		return null;
	}
	const match: SegmentMatch = {};
	const flagList = (k: string, v: unknown): Flag[] | null => {
		if (Array.isArray(v) && v.length > 0 && v.every((f) => oneOf(FLAG_ORDER, f))) return v as Flag[];
		problems.push({path: `${here}.${k}`, message: `expects a list of flags (${FLAG_ORDER.join(', ')})`});
		return null;
	};
	const number = (k: string, v: unknown): number | null => {
		if (typeof v === 'number' && Number.isInteger(v) && v >= 0) return v;
		problems.push({path: `${here}.${k}`, message: 'expects a whole number ≥ 0'});
		return null;
	};
	const bool = (k: string, v: unknown): boolean | null => {
		if (typeof v === 'boolean') return v;
		problems.push({path: `${here}.${k}`, message: 'expects true or false'});
		return null;
	};
	for (const [k, v] of Object.entries(body)) {
		switch (k) {
			case 'from':
				if (oneOf(SIDES, v)) match.from = v;
				else problems.push({path: `${here}.from`, message: 'expects client or server'});
				break;
			case 'flags':
			case 'has': {
				const f = flagList(k, v);
				if (f) match[k] = f;
				break;
			}
			case 'event':
				if (oneOf(SEGMENT_EVENTS, v)) match.event = v;
				else problems.push({path: `${here}.event`, message: `expects ${SEGMENT_EVENTS.join(', ')}`});
				break;
			case 'retransmission':
			case 'injected': {
				const b = bool(k, v);
				if (b !== null) match[k] = b;
				break;
			}
			case 'minLen':
			case 'len':
			case 'seq':
			case 'ack': {
				const n = number(k, v);
				if (n !== null) match[k] = n;
				break;
			}
			default:
				problems.push({path: `${here}.${k}`, message: 'unknown key (expected from, flags, has, event, retransmission, injected, minLen, len, seq, ack)'});
		}
	}
	return {kind: 'segment', match};
}

function segmentMatches(m: SegmentMatch, step: StepRecord): boolean {
	return step.segments.some((e) => {
		if ((m.event ?? 'sent') !== e.event) return false;
		if (m.from !== undefined && m.from !== e.from) return false;
		if (m.flags && (m.flags.length !== e.flags.length || m.flags.some((f) => !e.flags.includes(f)))) return false;
		if (m.has && m.has.some((f) => !e.flags.includes(f))) return false;
		if (m.retransmission !== undefined && m.retransmission !== e.retransmission) return false;
		if (m.injected !== undefined && m.injected !== e.injected) return false;
		if (m.minLen !== undefined && e.len < m.minLen) return false;
		if (m.len !== undefined && e.len !== m.len) return false;
		if (m.seq !== undefined && e.seq !== m.seq) return false;
		if (m.ack !== undefined && e.ack !== m.ack) return false;
		return true;
	});
}

function metAt(check: Exclude<Check, {kind: 'sequence' | 'all'}>, step: StepRecord): boolean {
	switch (check.kind) {
		case 'states':
			return (check.client === undefined || step.client === check.client) && (check.server === undefined || step.server === check.server);
		case 'segment':
			return segmentMatches(check.match, step);
		case 'timer':
			return step.timerEvents.some(
				(t) => t.event === check.event && (check.side === undefined || t.side === check.side) && (check.name === undefined || t.name === check.name),
			);
		case 'signal':
			return step.signals.some((s) => (check.side === undefined || s.side === check.side) && (check.name === undefined || s.name === check.name));
	}
}

/**
 * The index of the earliest step (at or after `from`) by which the check is met, or null.
 * A sequence's items are met in order, each at the same step as the one before or later.
 */
export function metBy(check: Check, steps: readonly StepRecord[], from = 0): number | null {
	return earliestStep(check, steps, from, metAt);
}
