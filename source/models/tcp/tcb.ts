/**
 * The transmission control block (RFC 9293 §3.3.1) and the pure operations on it that the
 * endpoint machine's guards and actions are built from. Nothing here knows about states:
 * the machine decides which operation applies; these functions do the arithmetic.
 */
import type {Profile} from './profile.js';
import {seqAdd, seqGe, seqGt, seqLe, seqLt, seqSub} from './seq.js';
import {
	hasFlag,
	segLen,
	sortFlags,
	type Flag,
	type Segment,
	type Side,
	type SignalName,
	type TimerEventKind,
	type TimerName,
} from './types.js';

/** Ethernet MSS (1500 − 20 − 20); RFC 9293 §3.7.1 default is 536, Linux uses the route MTU. */
export const MSS = 1460;
/** A 64 KiB receive buffer, advertised without window scaling. */
export const RCV_BUFFER = 65_535;

export type ListenSettings = {
	/** Effective backlog: min(listen() backlog, net.core.somaxconn). */
	backlog: number;
	/** net.ipv4.tcp_syncookies ≥ 1 (Linux default 1). */
	syncookies: boolean;
	/** net.ipv4.tcp_max_syn_backlog (≥ 128, scales with memory; 2048 on the reference machine). */
	maxSynBacklog: number;
	/** net.ipv4.tcp_abort_on_overflow (default 0). */
	abortOnOverflow: boolean;
	/** The server application calls accept() as soon as a connection is ready. */
	accept: boolean;
};

export type EndpointSettings = {
	side: Side;
	profile: Profile;
	/** ISNs for successive incarnations; after the list, each new one is the last + 100. */
	isn: number[];
	delayedAck: boolean;
	autoRead: boolean;
	keepalive: boolean;
	/** TCP_USER_TIMEOUT in ms, or null (off, the default on Linux). */
	userTimeout: number | null;
	listen: ListenSettings;
};

export type RtxEntry = {
	seq: number;
	len: number;
	syn: boolean;
	fin: boolean;
	/** Sent with the ACK bit (everything but an active opener's SYN). */
	ack: boolean;
	firstSent: number;
	retransmitted: boolean;
};

export type OfoEntry = {seq: number; len: number; fin: boolean};

export type HalfOpenGroup = {count: number; expires: number};

export type Listener = {
	open: boolean;
	/** Spoofed half-open entries from a SYN flood, grouped by expiry. */
	halfOpen: HalfOpenGroup[];
	/** Finished connections of other clients waiting for accept(). */
	acceptQueue: number;
	/** Our client's connection is finished and waits for accept(). */
	ownQueued: boolean;
	dropped: number;
	cookies: number;
};

export type TimerEvent = {name: TimerName; event: TimerEventKind};

/** What one event did: segments sent, sentences for the log, errors for the application. */
export type Effects = {
	serial: number;
	out: Segment[];
	retransmission: boolean[];
	notes: string[];
	signals: SignalName[];
	timerEvents: TimerEvent[];
	error: string | null;
};

export type Tcb = {
	settings: EndpointSettings;
	incarnation: number;
	iss: number;
	irs: number;
	sndUna: number;
	sndNxt: number;
	sndWnd: number;
	rcvNxt: number;
	/** SYN-RECEIVED came from LISTEN (MUST-11). */
	passive: boolean;
	/** Bytes the application wrote that are not yet sent. */
	sendBuffer: number;
	/** The application closed (or shut down) the sending side: FIN follows the queued data. */
	finQueued: boolean;
	/** Sequence number of our FIN once sent. */
	finSeq: number | null;
	rtx: RtxEntry[];
	rto: number;
	srtt: number | null;
	rttvar: number;
	/** Retransmissions of the current head (reset when new data is acknowledged). */
	retransmits: number;
	/** Bytes received in order and not yet read by the application. */
	rcvBuffer: number;
	/** Bytes the application has read in total. */
	readTotal: number;
	ofo: OfoEntry[];
	/** The peer's FIN has been received in sequence. */
	finReceived: boolean;
	/** close() was called: the receive side is shut (Linux) and the socket is an orphan. */
	closed: boolean;
	/** Linux tcp_check_req: a valid third ACK arrived while the accept queue was full (abort_on_overflow 0). */
	ackedWhileFull: boolean;
	keepaliveProbes: number;
	ackPending: boolean;
	timers: Partial<Record<TimerName, number>>;
	listener: Listener;
	now: number;
	fx: Effects;
};

export type Draft = Tcb;

// ---------------------------------------------------------------- construction

export function isnFor(settings: EndpointSettings, incarnation: number): number {
	const list = settings.isn;
	if (incarnation < list.length) return list[incarnation]! >>> 0;
	const last = list[list.length - 1] ?? 0;
	return seqAdd(last, 100 * (incarnation - list.length + 1));
}

const emptyEffects = (serial: number): Effects => ({
	serial,
	out: [],
	retransmission: [],
	notes: [],
	signals: [],
	timerEvents: [],
	error: null,
});

export function freshTcb(settings: EndpointSettings, incarnation = 0, listener?: Listener): Tcb {
	const iss = isnFor(settings, incarnation);
	return {
		settings,
		incarnation,
		iss,
		irs: 0,
		sndUna: iss,
		sndNxt: iss,
		sndWnd: RCV_BUFFER,
		rcvNxt: 0,
		passive: false,
		sendBuffer: 0,
		finQueued: false,
		finSeq: null,
		rtx: [],
		rto: settings.profile.initialRto,
		srtt: null,
		rttvar: 0,
		retransmits: 0,
		rcvBuffer: 0,
		readTotal: 0,
		ofo: [],
		finReceived: false,
		closed: false,
		ackedWhileFull: false,
		keepaliveProbes: 0,
		ackPending: false,
		timers: {},
		listener: listener ?? {open: false, halfOpen: [], acceptQueue: 0, ownQueued: false, dropped: 0, cookies: 0},
		now: 0,
		fx: emptyEffects(-1),
	};
}

/** A new incarnation of the connection on the same endpoint (new ISS), keeping the listener. */
export function nextIncarnation(d: Draft): void {
	const keep = {fx: d.fx, now: d.now, listener: d.listener, timers: d.timers};
	Object.assign(d, freshTcb(d.settings, d.incarnation + 1, d.listener), keep);
	const synQueue = d.timers['syn-queue'];
	d.timers = synQueue === undefined ? {} : {'syn-queue': synQueue};
}

/**
 * Run `fn` on a shallow copy of the TCB. Effects accumulate per event: an event carries a
 * serial number, and the first action of a new event starts a fresh Effects record.
 */
export function produce(ctx: Tcb, event: {now: number; serial: number}, fn: (d: Draft) => void): Tcb {
	// Timers and the listener are replaced, never mutated (copy on write), so they are shared here.
	const d: Draft = {...ctx, now: event.now};
	if (ctx.fx.serial !== event.serial) d.fx = emptyEffects(event.serial);
	fn(d);
	return d;
}

// ---------------------------------------------------------------- windows and acceptability

export const rcvWnd = (t: Tcb): number => Math.max(0, RCV_BUFFER - t.rcvBuffer);

/** RFC 9293 §3.10.7.4 Table 6: is any part of the segment inside the receive window? */
export function segmentAcceptable(t: Tcb, seg: Segment): boolean {
	const len = segLen(seg);
	const wnd = rcvWnd(t);
	const inWindow = (n: number) => seqLe(t.rcvNxt, n) && seqLt(n, seqAdd(t.rcvNxt, wnd));
	if (len === 0) return wnd === 0 ? seg.seq === t.rcvNxt : inWindow(seg.seq);
	if (wnd === 0) return false;
	return inWindow(seg.seq) || inWindow(seqAdd(seg.seq, len - 1));
}

/** SND.UNA < SEG.ACK =< SND.NXT (RFC 9293 §3.3.1). */
export const ackAcceptable = (t: Tcb, seg: Segment): boolean =>
	seg.ack !== null && seqLt(t.sndUna, seg.ack) && seqLe(seg.ack, t.sndNxt);

/** SYN-SENT: an ACK that does not acknowledge something we sent (SEG.ACK =< ISS or > SND.NXT). */
export const synSentAckUnacceptable = (t: Tcb, seg: Segment): boolean =>
	seg.ack !== null && (seqLe(seg.ack, t.iss) || seqGt(seg.ack, t.sndNxt));

export const ackTooNew = (t: Tcb, seg: Segment): boolean => seg.ack !== null && seqGt(seg.ack, t.sndNxt);

/** This segment's ACK covers our FIN. */
export const acksOurFin = (t: Tcb, seg: Segment): boolean =>
	t.finSeq !== null && seg.ack !== null && seqGt(seg.ack, t.finSeq) && seqLe(seg.ack, t.sndNxt);

/** RFC 5961 §3.2: a RST is taken only if SEG.SEQ = RCV.NXT exactly. */
export const rstExact = (t: Tcb, seg: Segment): boolean => seg.seq === t.rcvNxt;

// ---------------------------------------------------------------- receiving text and FIN

export type ReceivePlan = {
	/** New in-order data octets this segment (and any queued out-of-order data it releases) delivers. */
	newBytes: number;
	rcvNxt: number;
	ofo: OfoEntry[];
	/** The FIN is now in sequence: RCV.NXT advances over it. */
	finConsumed: boolean;
	/** The segment was ahead of RCV.NXT and was queued. */
	outOfOrder: boolean;
	/** The segment carried nothing new (a duplicate). */
	duplicate: boolean;
};

/** What the seventh and eighth steps (text, FIN) of RFC 9293 §3.10.7.4 would do with this segment. */
export function planReceive(t: Tcb, seg: Segment): ReceivePlan {
	const dataStart = hasFlag(seg, 'SYN') ? seqAdd(seg.seq, 1) : seg.seq;
	const fin = hasFlag(seg, 'FIN');
	let rcvNxt = t.rcvNxt;
	let ofo = t.ofo;
	let newBytes = 0;
	let finConsumed = false;
	let outOfOrder = false;
	const carries = seg.len > 0 || fin;
	if (!carries) return {newBytes, rcvNxt, ofo, finConsumed, outOfOrder, duplicate: false};
	if (t.finReceived) return {newBytes, rcvNxt, ofo, finConsumed, outOfOrder, duplicate: true};
	if (seqGt(dataStart, rcvNxt)) {
		outOfOrder = true;
		if (!ofo.some((o) => o.seq === dataStart && o.len === seg.len && o.fin === fin)) {
			ofo = [...ofo, {seq: dataStart, len: seg.len, fin}].sort((a, b) => seqSub(a.seq, b.seq));
		}
		return {newBytes, rcvNxt, ofo, finConsumed, outOfOrder, duplicate: false};
	}
	const take = (start: number, len: number, hasFin: boolean) => {
		const end = seqAdd(start, len);
		if (seqGt(end, rcvNxt)) {
			newBytes += seqSub(end, rcvNxt);
			rcvNxt = end;
		}
		if (hasFin && end === rcvNxt) {
			finConsumed = true;
			rcvNxt = seqAdd(rcvNxt, 1);
		}
	};
	take(dataStart, seg.len, fin);
	// Release queued out-of-order segments that are now in sequence.
	let released = true;
	while (released && !finConsumed) {
		released = false;
		for (const o of ofo) {
			if (seqLe(o.seq, rcvNxt)) {
				take(o.seq, o.len, o.fin);
				ofo = ofo.filter((x) => x !== o);
				released = true;
				break;
			}
		}
	}
	if (finConsumed) ofo = [];
	const duplicate = newBytes === 0 && !finConsumed;
	return {newBytes, rcvNxt, ofo, finConsumed, outOfOrder, duplicate};
}

/** New data arrives for a receive side that close() shut (Linux tcp_rcv_state_process, FIN-WAIT-1/2). */
export const lateDataAfterClose = (t: Tcb, seg: Segment): boolean =>
	t.closed && t.settings.profile.closeShutsReceive && seg.len > 0 && seqGt(seqAdd(seg.seq, seg.len), t.rcvNxt);

// ---------------------------------------------------------------- effects

export function note(d: Draft, text: string): void {
	d.fx.notes.push(text);
}

export function signal(d: Draft, name: SignalName): void {
	d.fx.signals.push(name);
}

export function userError(d: Draft, message: string): void {
	d.fx.error = message;
}

function emit(d: Draft, flags: Flag[], seq: number, ack: number | null, len = 0, retransmission = false): Segment {
	const seg: Segment = {seq: seq >>> 0, ack: ack === null ? null : ack >>> 0, flags: sortFlags(flags), len, win: rcvWnd(d)};
	d.fx.out.push(seg);
	d.fx.retransmission.push(retransmission);
	if (ack !== null && !flags.includes('RST')) clearPendingAck(d);
	return seg;
}

function clearPendingAck(d: Draft): void {
	d.ackPending = false;
	stopTimer(d, 'delayed-ack');
}

/** `<SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>` — the empty acknowledgment of RFC 9293 §3.5.2 group 3. */
export function sendAck(d: Draft): void {
	emit(d, ['ACK'], d.sndNxt, d.rcvNxt);
}

/** ACK now, or after the delayed-ACK timer when delayed ACKs are on. */
export function ackSoon(d: Draft): void {
	if (!d.settings.delayedAck) {
		sendAck(d);
		return;
	}
	d.ackPending = true;
	if (d.timers['delayed-ack'] === undefined) startTimer(d, 'delayed-ack', d.settings.profile.delayedAck);
}

/** The reset of RFC 9293 §3.5.2 groups 1 and 2: SEQ from the ACK field, else SEQ 0 with ACK = SEG.SEQ + SEG.LEN. */
export function sendResetFor(d: Draft, seg: Segment): void {
	if (seg.ack !== null) emit(d, ['RST'], seg.ack, null);
	else emit(d, ['RST', 'ACK'], 0, seqAdd(seg.seq, segLen(seg)));
}

/** An application-initiated reset. RFC 9293 §3.10.5: <SEQ=SND.NXT><CTL=RST>; Linux tcp_send_active_reset adds ACK. */
export function sendActiveReset(d: Draft): void {
	if (d.settings.profile.name === 'linux') emit(d, ['RST', 'ACK'], d.sndNxt, d.rcvNxt);
	else emit(d, ['RST'], d.sndNxt, null);
}

/** Linux's answer to unread data at close(), or to new data after close(): RST,ACK from the current numbers. */
export function sendResetAck(d: Draft): void {
	emit(d, ['RST', 'ACK'], d.sndNxt, d.rcvNxt);
}

export function sendSyn(d: Draft): void {
	d.sndUna = d.iss;
	d.sndNxt = seqAdd(d.iss, 1);
	emit(d, ['SYN'], d.iss, null);
	d.rtx = [{seq: d.iss, len: 0, syn: true, fin: false, ack: false, firstSent: d.now, retransmitted: false}];
	d.retransmits = 0;
	startTimer(d, 'retransmission', d.settings.profile.synWait(0));
}

/** The SYN,ACK of a passive open (row 8) or of a simultaneous open (row 11). */
export function sendSynAck(d: Draft, opts: {cookie?: boolean; retransmission?: boolean} = {}): void {
	d.sndNxt = seqAdd(d.iss, 1);
	emit(d, ['SYN', 'ACK'], d.iss, d.rcvNxt, 0, opts.retransmission ?? false);
	if (opts.cookie) return; // a SYN cookie keeps no state and no timer
	if (!opts.retransmission) {
		d.sndUna = d.iss;
		d.rtx = [{seq: d.iss, len: 0, syn: true, fin: false, ack: true, firstSent: d.now, retransmitted: false}];
		d.retransmits = 0;
		startTimer(d, 'retransmission', d.settings.profile.synAckWait(0));
	}
}

/** Send what the window allows of the queued data, then the FIN once nothing is left (RFC 9293 §3.10.4). */
export function flush(d: Draft): void {
	let sent = false;
	while (d.sendBuffer > 0) {
		const usable = seqSub(seqAdd(d.sndUna, d.sndWnd), d.sndNxt);
		if (usable <= 0) break;
		const len = Math.min(MSS, d.sendBuffer, usable);
		const last = len === d.sendBuffer;
		emit(d, last ? ['PSH', 'ACK'] : ['ACK'], d.sndNxt, d.rcvNxt, len);
		d.rtx = [...d.rtx, {seq: d.sndNxt, len, syn: false, fin: false, ack: true, firstSent: d.now, retransmitted: false}];
		d.sndNxt = seqAdd(d.sndNxt, len);
		d.sendBuffer -= len;
		sent = true;
	}
	if (d.sendBuffer === 0 && d.finQueued && d.finSeq === null) {
		emit(d, ['FIN', 'ACK'], d.sndNxt, d.rcvNxt);
		d.finSeq = d.sndNxt;
		d.rtx = [...d.rtx, {seq: d.sndNxt, len: 0, syn: false, fin: true, ack: true, firstSent: d.now, retransmitted: false}];
		d.sndNxt = seqAdd(d.sndNxt, 1);
		sent = true;
	}
	if (sent) {
		if (d.timers.retransmission === undefined) startTimer(d, 'retransmission', d.rto);
		if (d.settings.userTimeout !== null && d.timers['user-timeout'] === undefined) {
			startTimer(d, 'user-timeout', d.settings.userTimeout);
		}
	}
}

// ---------------------------------------------------------------- acknowledgments and RTT

/** RFC 6298 §2.2–2.3 with Karn's rule (§3): only segments never retransmitted give a sample. */
function sampleRtt(d: Draft, r: number): void {
	const p = d.settings.profile;
	if (d.srtt === null) {
		d.srtt = r;
		d.rttvar = r / 2;
	} else {
		d.rttvar = 0.75 * d.rttvar + 0.25 * Math.abs(d.srtt - r);
		d.srtt = 0.875 * d.srtt + 0.125 * r;
	}
	// RTO = SRTT + max(G, 4·RTTVAR), clamped to the profile's floor and ceiling (§2.4, §2.5).
	// Linux floors RTTVAR's share at TCP_RTO_MIN instead (tcp_set_rto): the same 200 ms for a fast path.
	const rto = d.srtt + Math.max(p.name === 'linux' ? p.rtoMin : 1, 4 * d.rttvar);
	d.rto = Math.round(Math.min(p.rtoMax, Math.max(p.rtoMin, rto)));
}

/** Fifth step of RFC 9293 §3.10.7.4 for an acceptable ACK: advance SND.UNA and trim the retransmission queue. */
export function processAck(d: Draft, seg: Segment): void {
	if (seg.ack === null) return;
	d.sndWnd = seg.win;
	if (!(seqLt(d.sndUna, seg.ack) && seqLe(seg.ack, d.sndNxt))) return;
	const ack = seg.ack;
	let sample: number | null = null;
	const left: RtxEntry[] = [];
	for (const e of d.rtx) {
		const end = seqAdd(e.seq, e.len + (e.syn ? 1 : 0) + (e.fin ? 1 : 0));
		if (seqLe(end, ack)) {
			if (!e.retransmitted) sample = d.now - e.firstSent;
		} else if (seqLt(e.seq, ack)) {
			left.push({...e, seq: ack, len: seqSub(end, ack) - (e.fin ? 1 : 0)});
		} else left.push(e);
	}
	const synAcked = d.rtx.some((e) => e.syn) && !left.some((e) => e.syn);
	d.rtx = left;
	d.sndUna = ack;
	d.retransmits = 0;
	if (sample !== null) sampleRtt(d, sample);
	else if (synAcked && d.srtt === null) d.rto = d.settings.profile.rtoFallback; // RFC 6298 §5.7
	if (d.rtx.length === 0) {
		stopTimer(d, 'retransmission');
		stopTimer(d, 'user-timeout');
	} else {
		startTimer(d, 'retransmission', d.rto); // RFC 6298 §5.3: restart on new data acknowledged
		if (d.settings.userTimeout !== null) startTimer(d, 'user-timeout', d.settings.userTimeout);
	}
}

/**
 * Seventh and eighth steps: take in-order data and the FIN, queue what is ahead, and acknowledge.
 * `finAckNow`: a FIN is acknowledged at once (Linux tcp_fin in FIN-WAIT-1/2 calls tcp_send_ack);
 * in ESTABLISHED its ACK may be delayed like any other.
 */
export function processText(d: Draft, seg: Segment, finAckNow = false): ReceivePlan {
	const plan = planReceive(d, seg);
	d.rcvNxt = plan.rcvNxt;
	d.ofo = plan.ofo;
	if (plan.newBytes > 0) {
		if (d.settings.autoRead) d.readTotal += plan.newBytes;
		else d.rcvBuffer += plan.newBytes;
	}
	if (plan.finConsumed) d.finReceived = true;
	if (plan.outOfOrder || plan.duplicate) sendAck(d); // RFC 5681 §4.2: out-of-order data is ACKed at once
	else if (plan.finConsumed && finAckNow) sendAck(d);
	else if (plan.newBytes > 0 || plan.finConsumed) ackSoon(d);
	return plan;
}

/** Any segment from the peer shows it is alive: keepalive starts counting again (tcp_keepalive_timer). */
export function heardFromPeer(d: Draft): void {
	d.keepaliveProbes = 0;
	if (d.timers.keepalive !== undefined) restartTimer(d, 'keepalive', d.settings.profile.keepaliveIdle);
}

// ---------------------------------------------------------------- timers

export function startTimer(d: Draft, name: TimerName, ms: number): void {
	const running = d.timers[name] !== undefined;
	d.timers = {...d.timers, [name]: d.now + ms};
	d.fx.timerEvents.push({name, event: running ? 'restarted' : 'started'});
}

function restartTimer(d: Draft, name: TimerName, ms: number): void {
	d.timers = {...d.timers, [name]: d.now + ms};
}

export function stopTimer(d: Draft, name: TimerName): void {
	if (d.timers[name] === undefined) return;
	d.timers = withoutTimer(d.timers, name);
	d.fx.timerEvents.push({name, event: 'stopped'});
}

function withoutTimer(timers: Tcb['timers'], name: TimerName): Tcb['timers'] {
	const next = {...timers};
	delete next[name];
	return next;
}

export function timerFired(d: Draft, name: TimerName): void {
	d.timers = withoutTimer(d.timers, name);
	d.fx.timerEvents.push({name, event: 'fired'});
}

/** Leaving the connection: every connection timer stops (the listener's syn-queue timer stays). */
export function stopConnectionTimers(d: Draft): void {
	for (const name of Object.keys(d.timers) as TimerName[]) if (name !== 'syn-queue') stopTimer(d, name);
}

/** Retransmit the head of the queue (RFC 6298 §5.4) and back off (§5.5). */
export function retransmitHead(d: Draft): void {
	const head = d.rtx[0];
	if (!head) return;
	const flags: Flag[] = [];
	if (head.syn) flags.push('SYN');
	if (head.fin) flags.push('FIN');
	if (head.ack) flags.push('ACK');
	if (head.len > 0) flags.push('PSH');
	const ack = head.ack ? d.rcvNxt : null;
	emit(d, flags, head.seq, ack, head.len, true);
	d.rtx = [{...head, retransmitted: true}, ...d.rtx.slice(1)];
	d.retransmits += 1;
}

export function scheduleDataRetransmission(d: Draft): void {
	d.rto = Math.min(d.rto * 2, d.settings.profile.rtoMax);
	startTimer(d, 'retransmission', d.rto);
}

export const sinceHeadSent = (d: Tcb): number => d.now - (d.rtx[0]?.firstSent ?? d.now);

export {seqAdd, seqGe, seqGt, seqLe, seqLt, seqSub};
