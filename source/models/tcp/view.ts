/** The TCP lab's pure view: snapshot → what the LabPanel draws. */
import type {LabArrow, LabLogLine, LabView, ViewWindow} from '../lab.js';
import {tcbOf, stateOf, type ConnectionState, type SegmentEvent, type StepRecord} from './connection.js';
import {acceptQueueLength, synQueueLength} from './listener.js';
import {otherSide, SIDES} from './types.js';

export function segmentText(e: Pick<SegmentEvent, 'flags' | 'seq' | 'ack' | 'len'>): string {
	const parts = [e.flags.join(','), `${e.seq}`];
	if (e.ack !== null) parts.push(`ack ${e.ack}`);
	if (e.len > 0) parts.push(`len ${e.len}`);
	return parts.join(' ');
}

/** Arrows for the last `n` segments (by the time they were sent), oldest first. */
function arrows(s: ConnectionState, n: number): LabArrow[] {
	const byId = new Map<number, LabArrow>();
	const endings = new Map<number, {at: number; status: 'delivered' | 'lost'}>();
	for (let t = s.trace; t && byId.size < n; t = t.prev) {
		const events = t.step.segments;
		for (let i = events.length - 1; i >= 0; i--) {
			const e = events[i]!;
			if (e.event === 'delivered' || e.event === 'dropped') {
				endings.set(e.id, {at: e.at, status: e.event === 'delivered' ? 'delivered' : 'lost'});
			} else if (byId.size < n) {
				const end = endings.get(e.id);
				byId.set(e.id, {
					id: e.id,
					from: e.from,
					to: otherSide(e.from),
					label: segmentText(e),
					sentAt: e.at,
					endedAt: end?.at ?? null,
					status: end?.status ?? 'in-flight',
					retransmission: e.retransmission,
					injected: e.injected,
				});
			}
		}
	}
	return [...byId.values()].sort((a, b) => a.id - b.id);
}

function logLines(step: StepRecord): LabLogLine[] {
	const at = step.time;
	const lines: LabLogLine[] = [];
	const push = (text: string, tone: LabLogLine['tone']) => lines.push({step: step.index, at, text, tone});
	for (const t of step.timerEvents) if (t.event === 'fired') push(`${t.side}: ${t.name} timer fires`, 'timer');
	for (const e of step.segments) {
		if (e.event === 'dropped') push(`#${e.id} ${e.from} ${segmentText(e)} is lost`, 'segment');
	}
	for (const text of step.log) {
		if (text.includes(' is lost')) continue;
		push(text, text.includes(' → ') ? 'state' : 'info');
	}
	for (const sig of step.signals) push(`${sig.side}: the application sees ${sig.name}`, 'error');
	if (step.error) push(`error: ${step.error}`, 'error');
	return lines;
}

export function tcpView(s: ConnectionState, window: ViewWindow = {}): LabView {
	const maxLog = window.log ?? 200;
	const log: LabLogLine[] = [];
	for (let t = s.trace; t && log.length < maxLog; t = t.prev) log.unshift(...logLines(t.step));
	const lanes = SIDES.map((side) => {
		const t = tcbOf(s, side);
		const state = stateOf(s.ends[side]);
		const synced = state !== 'CLOSED' && state !== 'LISTEN';
		return {
			id: side,
			label: side,
			state,
			detail: synced ? `SND.UNA ${t.sndUna} SND.NXT ${t.sndNxt} RCV.NXT ${t.rcvNxt}` : state === 'CLOSED' ? 'no connection' : 'waiting for a SYN',
		};
	});
	const server = tcbOf(s, 'server');
	const facts: string[] = [];
	if (server.listener.open || server.listener.dropped > 0) {
		const own = stateOf(s.ends.server) === 'SYN-RECEIVED' && server.passive;
		facts.push(
			`listener: SYN queue ${synQueueLength(server, own)}/${server.settings.listen.backlog}, accept queue ${acceptQueueLength(server)}, dropped ${server.listener.dropped}, cookies ${server.listener.cookies}`,
		);
	}
	const all = arrows(s, window.arrows ?? 50);
	const inFlightIds = new Set(s.inFlight.map((f) => f.id));
	return {
		clock: s.time,
		lanes,
		arrows: all,
		inFlight: s.inFlight.map((f) => ({
			id: f.id,
			from: f.from,
			to: otherSide(f.from),
			label: segmentText(f.seg),
			sentAt: f.sentAt,
			endedAt: null,
			status: 'in-flight' as const,
			retransmission: f.retransmission,
			injected: f.injected,
		})).filter((a) => inFlightIds.has(a.id)),
		timers: s.last ? s.last.timers.map((t) => ({lane: t.side, name: t.name, due: t.due})) : [],
		log: log.slice(-maxLog),
		facts,
	};
}
