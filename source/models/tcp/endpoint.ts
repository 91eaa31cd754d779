/**
 * One RFC 9293 endpoint as an XState machine. State = the connection's state; context = its
 * TCB (tcb.ts). Guards are computed from the sequence variables, never from flag names alone.
 * Row numbers (#n) refer to the transition table of PROTOCOL-TRUTH.md §1.4.
 *
 * Events carry `now` (the simulated clock; the machine never reads a clock) and `serial`
 * (which event the effects in `context.fx` belong to). Timers are deadlines in the context;
 * the connection fires them by sending TIMEOUT_* events.
 */
import {and, assign, not, raise, setup} from 'xstate';
import {acceptQueueFull, acceptQueueLength, admitSyn, cookieFor, expireHalfOpen, flood, validCookieAck} from './listener.js';
import {
	ackAcceptable,
	ackTooNew,
	acksOurFin,
	flush,
	freshTcb,
	heardFromPeer,
	lateDataAfterClose,
	nextIncarnation,
	note,
	planReceive,
	processAck,
	processText,
	produce,
	retransmitHead,
	rstExact,
	scheduleDataRetransmission,
	segmentAcceptable,
	sendAck,
	sendActiveReset,
	sendResetAck,
	sendResetFor,
	sendSyn,
	sendSynAck,
	seqAdd,
	seqSub,
	signal,
	sinceHeadSent,
	startTimer,
	stopConnectionTimers,
	stopTimer,
	synSentAckUnacceptable,
	timerFired,
	userError,
	type Draft,
	type EndpointSettings,
	type Tcb,
} from './tcb.js';
import {hasFlag, type Segment} from './types.js';

type Stamp = {now: number; serial: number};
export type EndpointEvent = Stamp &
	(
		| {type: 'USER_LISTEN'}
		| {type: 'USER_CONNECT'}
		| {type: 'USER_SEND'; bytes: number}
		| {type: 'USER_READ'}
		| {type: 'USER_CLOSE'}
		| {type: 'USER_CLOSE_FULL'}
		| {type: 'USER_ABORT'}
		| {type: 'USER_ACCEPT'}
		| {type: 'RCV_SEG'; seg: Segment}
		| {type: 'TIMEOUT_RTO'}
		| {type: 'TIMEOUT_2MSL'}
		| {type: 'TIMEOUT_KEEPALIVE'}
		| {type: 'TIMEOUT_FIN_WAIT2'}
		| {type: 'TIMEOUT_USER'}
		| {type: 'TIMEOUT_DELACK'}
		| {type: 'TIMEOUT_SYN_QUEUE'}
		| {type: 'FLOOD'; count: number}
		| {type: 'FILL'; count: number}
	);

type Args = {context: Tcb; event: EndpointEvent};

const NO_SEG: Segment = {seq: 0, ack: null, flags: [], len: 0, win: 0};
const segOf = (event: EndpointEvent): Segment => (event.type === 'RCV_SEG' ? event.seg : NO_SEG);

/** An assign that runs `fn` on a draft of the TCB. */
const act = (fn: (d: Draft, seg: Segment, event: EndpointEvent) => void) =>
	assign<Tcb, EndpointEvent, undefined, EndpointEvent, never>(({context, event}) =>
		produce(context, event, (d) => fn(d, segOf(event), event)),
	);

// RFC 9293 §3.10 error strings for calls a state does not allow.
const E_NO_CONN = 'connection does not exist';
const E_EXISTS = 'connection already exists';
const E_CLOSING = 'connection closing';

/** The TCB was used by a connection (so a new one needs a new ISS). */
const used = (d: Tcb) => seqSub(d.sndNxt, d.iss) !== 0 || d.rtx.length > 0 || d.irs !== 0;

const onSeg = (g: (t: Tcb, s: Segment) => boolean) => ({context, event}: Args) => g(context, segOf(event));

/** Accept an acceptable segment in a synchronized state: ACK, then text and FIN when the state receives. */
function acceptSegment(d: Draft, seg: Segment, receives: boolean, finAckNow: boolean): void {
	heardFromPeer(d);
	processAck(d, seg);
	if (receives) processText(d, seg, finAckNow);
	else if (seg.len > 0 && seqSub(seqAdd(seg.seq, seg.len), d.rcvNxt) > 0) {
		note(d, `${d.settings.side}: data after the peer's FIN is ignored`);
	}
	flush(d);
}

export const endpointMachine = setup({
	types: {
		context: {} as Tcb,
		events: {} as EndpointEvent,
		input: {} as EndpointSettings,
	},
	guards: {
		isRst: onSeg((_, s) => hasFlag(s, 'RST')),
		isSyn: onSeg((_, s) => hasFlag(s, 'SYN')),
		hasAck: onSeg((_, s) => s.ack !== null),
		listenerOpen: ({context}: Args) => context.listener.open,
		acceptable: onSeg(segmentAcceptable),
		ackAcceptable: onSeg(ackAcceptable),
		ackTooNew: onSeg(ackTooNew),
		acksOurFin: onSeg(acksOurFin),
		finInSequence: onSeg((t, s) => planReceive(t, s).finConsumed),
		rstExact: onSeg(rstExact),
		lateDataAfterClose: onSeg(lateDataAfterClose),
		synSentBadAck: onSeg(synSentAckUnacceptable),
		passive: ({context}: Args) => context.passive,
		validCookie: onSeg((t, s) => validCookieAck(t, s)),
		acceptQueueFull: ({context}: Args) => context.settings.profile.linuxListenQueues && acceptQueueFull(context),
		abortOnOverflow: ({context}: Args) => context.settings.listen.abortOnOverflow,
		synAdmitted: ({context}: Args) => admitSyn(context, false) === 'half-open',
		synCookie: ({context}: Args) => admitSyn(context, false) === 'cookie',
		/** Row 22: simultaneous open, the peer's SYN,ACK acknowledges our SYN. */
		simultaneousSynAck: onSeg(
			(t, s) => !t.passive && hasFlag(s, 'SYN') && ackAcceptable(t, s) && s.seq === t.irs && !hasFlag(s, 'RST'),
		),
		/** Row 23 (Linux): the same SYN again. */
		retransmittedSyn: onSeg(
			(t, s) =>
				t.settings.profile.resendSynAckOnDupSyn &&
				t.passive &&
				hasFlag(s, 'SYN') &&
				s.ack === null &&
				!hasFlag(s, 'RST') &&
				s.seq === t.irs,
		),
		/** Row 56: a new SYN in TIME-WAIT with a higher sequence number, and a listener to take it. */
		timeWaitNewSyn: onSeg(
			(t, s) =>
				t.listener.open &&
				hasFlag(s, 'SYN') &&
				s.ack === null &&
				!hasFlag(s, 'RST') &&
				seqSub(s.seq, t.rcvNxt) > 0,
		),
		linux: ({context}: Args) => context.settings.profile.name === 'linux',
		closeShutsReceive: ({context}: Args) => context.settings.profile.closeShutsReceive,
		unreadData: ({context}: Args) => context.rcvBuffer > 0,
		synGivesUp: ({context, event}: Args) =>
			context.settings.profile.synGivesUp(context.retransmits, event.now - (context.rtx[0]?.firstSent ?? event.now)),
		synAckGivesUp: ({context, event}: Args) =>
			context.settings.profile.synAckGivesUp(context.retransmits, event.now - (context.rtx[0]?.firstSent ?? event.now)),
		dataGivesUp: ({context, event}: Args) =>
			context.rtx.length > 0 &&
			context.settings.profile.dataGivesUp(
				context.retransmits,
				sinceHeadSent({...context, now: event.now}),
				context.closed,
			),
		keepaliveExhausted: ({context}: Args) =>
			context.rtx.length === 0 && context.keepaliveProbes >= context.settings.profile.keepaliveProbes,
	},
	actions: {
		// -------------------------------------------------------------- user calls
		openListener: act((d) => {
			d.listener = {...d.listener, open: true};
			note(d, `${d.settings.side}: listen() — passive open, waiting for a SYN`);
		}),
		closeListener: act((d) => {
			d.listener = {...d.listener, open: false};
			d.listener = {...d.listener, halfOpen: []};
			stopTimer(d, 'syn-queue');
			note(d, `${d.settings.side}: the listening socket is closed`);
		}),
		connect: act((d) => {
			if (used(d)) nextIncarnation(d);
			sendSyn(d);
			note(d, `${d.settings.side}: connect() — SYN with ISN ${d.iss}`);
		}),
		queueData: act((d, _s, e) => {
			if (e.type === 'USER_SEND') d.sendBuffer += e.bytes;
		}),
		sendData: act((d, _s, e) => {
			if (e.type === 'USER_SEND') d.sendBuffer += e.bytes;
			flush(d);
		}),
		read: act((d) => {
			d.readTotal += d.rcvBuffer;
			const opened = d.rcvBuffer > 0;
			d.rcvBuffer = 0;
			if (opened) note(d, `${d.settings.side}: the application reads what has arrived`);
		}),
		queueFin: act((d, _s, e) => {
			d.finQueued = true;
			if (e.type === 'USER_CLOSE_FULL') d.closed = true;
			flush(d);
		}),
		markClosed: act((d) => {
			d.closed = true;
			if (d.settings.profile.finWait2 !== null && d.timers['fin-wait-2'] === undefined && d.finSeq !== null) {
				const finAcked = seqSub(d.sndUna, d.finSeq) > 0;
				if (finAcked) startTimer(d, 'fin-wait-2', d.settings.profile.finWait2);
			}
		}),
		resetUnread: act((d) => {
			note(d, `${d.settings.side}: close() with ${d.rcvBuffer} unread bytes — RST instead of FIN (RFC 2525 §2.17)`);
			sendResetAck(d);
		}),
		activeReset: act((d) => sendActiveReset(d)),
		accept: act((d) => {
			if (d.listener.acceptQueue > 0) d.listener = {...d.listener, acceptQueue: d.listener.acceptQueue - 1};
			else if (d.listener.ownQueued) {
				d.listener = {...d.listener, ownQueued: false};
				note(d, `${d.settings.side}: accept() returns the client's connection`);
			} else userError(d, 'no connection waiting (accept() would block)');
		}),
		errNoConnection: act((d) => userError(d, E_NO_CONN)),
		errExists: act((d) => userError(d, E_EXISTS)),
		errClosing: act((d) => userError(d, E_CLOSING)),

		// -------------------------------------------------------------- segments
		discard: act(() => {}),
		ack: act((d) => sendAck(d)),
		challengeAck: act((d) => {
			note(d, `${d.settings.side}: challenge ACK (RFC 5961) — the segment is not trusted`);
			sendAck(d);
		}),
		resetFor: act((d, s) => sendResetFor(d, s)),
		synReceived: act((d, s, _e) => {
			if (used(d)) nextIncarnation(d);
			d.passive = true;
			d.irs = s.seq;
			d.rcvNxt = seqAdd(s.seq, 1);
			sendSynAck(d);
		}),
		synCookie: act((d, s) => {
			const iss = cookieFor(s.seq);
			d.listener = {...d.listener, cookies: d.listener.cookies + 1};
			const save = {iss: d.iss, sndNxt: d.sndNxt, rcvNxt: d.rcvNxt, sndUna: d.sndUna};
			d.iss = iss;
			d.rcvNxt = seqAdd(s.seq, 1);
			sendSynAck(d, {cookie: true});
			Object.assign(d, save);
			note(d, `${d.settings.side}: SYN queue full — SYN cookie ${iss} sent, no state kept`);
		}),
		dropSyn: act((d) => {
			const verdict = admitSyn(d, false);
			d.listener = {...d.listener, dropped: d.listener.dropped + 1};
			note(
				d,
				verdict === 'drop-accept-full'
					? `${d.settings.side}: accept queue full — the SYN is dropped silently (ListenOverflows)`
					: `${d.settings.side}: SYN queue full — the SYN is dropped`,
			);
		}),
		cookieEstablish: act((d, s) => {
			d.passive = true;
			d.irs = seqAdd(s.seq, -1);
			d.iss = seqAdd(s.ack ?? 0, -1);
			d.sndUna = s.ack ?? 0;
			d.sndNxt = s.ack ?? 0;
			d.rcvNxt = s.seq;
			d.sndWnd = s.win;
			if (!d.settings.listen.accept) d.listener = {...d.listener, ownQueued: true};
			note(d, `${d.settings.side}: the ACK returns a valid SYN cookie — connection created from it`);
			processText(d, s);
		}),
		cookieDrop: act((d) => {
			d.listener = {...d.listener, dropped: d.listener.dropped + 1};
			note(d, `${d.settings.side}: valid cookie, but the accept queue is full — ACK dropped`);
		}),
		synSentEstablish: act((d, s) => {
			d.irs = s.seq;
			d.rcvNxt = seqAdd(s.seq, 1);
			processAck(d, s);
			sendAck(d);
			flush(d);
		}),
		simultaneousSyn: act((d, s) => {
			d.passive = false;
			d.irs = s.seq;
			d.rcvNxt = seqAdd(s.seq, 1);
			sendSynAck(d);
		}),
		refused: act((d) => {
			signal(d, 'ECONNREFUSED');
			note(d, `${d.settings.side}: connection refused (ECONNREFUSED)`);
		}),
		resetByPeer: act((d) => {
			signal(d, 'ECONNRESET');
			note(d, `${d.settings.side}: connection reset by peer (ECONNRESET)`);
		}),
		// tcp_input.c tcp_reset(): a socket in CLOSE-WAIT reports EPIPE, not ECONNRESET.
		resetInCloseWait: act((d) => {
			signal(d, 'EPIPE');
			note(d, `${d.settings.side}: reset by peer in CLOSE-WAIT (EPIPE)`);
		}),
		simultaneousEstablish: act((d, s) => {
			processAck(d, s);
			if (d.settings.profile.simultaneousOpenAck) sendAck(d);
			flush(d);
		}),
		resendSynAck: act((d) => {
			note(d, `${d.settings.side}: the same SYN again — the SYN,ACK is sent again`);
			sendSynAck(d, {retransmission: true});
		}),
		synRcvdEstablish: act((d, s) => {
			processAck(d, s);
			if (d.passive && d.settings.profile.linuxListenQueues && !d.settings.listen.accept) d.listener = {...d.listener, ownQueued: true};
			if (!d.settings.profile.listenerSurvives) d.listener = {...d.listener, open: false};
			heardFromPeer(d);
			processText(d, s);
			flush(d);
		}),
		ackWhileFull: act((d) => {
			d.ackedWhileFull = true;
			note(d, `${d.settings.side}: accept queue full — the third ACK is dropped (tcp_abort_on_overflow = 0)`);
		}),
		overflowReset: act((d, s) => {
			note(d, `${d.settings.side}: accept queue full and tcp_abort_on_overflow = 1 — RST`);
			sendResetFor(d, s);
		}),
		answerUnacceptable: act((d) => sendAck(d)),
		timeWaitReack: act((d) => {
			sendAck(d);
			startTimer(d, 'time-wait', d.settings.profile.timeWait);
		}),
		timeWaitRestart: act((d) => startTimer(d, 'time-wait', d.settings.profile.timeWait)),
		acceptReceiving: act((d, s) => acceptSegment(d, s, true, false)),
		acceptReceivingFinNow: act((d, s) => acceptSegment(d, s, true, true)),
		acceptNotReceiving: act((d, s) => acceptSegment(d, s, false, false)),
		resetLateData: act((d, s) => {
			note(d, `${d.settings.side}: data arrived after close() — RST (RFC 9293 §3.6.1 SHLD-3)`);
			sendResetFor(d, s);
		}),
		timeWaitReopen: act((d, s) => {
			const iss = seqAdd(d.sndNxt, 65_535 + 2); // tcp_timewait_state_process: tw_snd_nxt + 65535 + 2
			nextIncarnation(d);
			d.iss = iss;
			d.sndUna = iss;
			d.sndNxt = iss;
			d.passive = true;
			d.irs = s.seq;
			d.rcvNxt = seqAdd(s.seq, 1);
			note(d, `${d.settings.side}: a new SYN above the old sequence space reopens the connection from TIME-WAIT`);
			sendSynAck(d);
		}),

		// -------------------------------------------------------------- timers
		retransmitSyn: act((d) => {
			timerFired(d, 'retransmission');
			retransmitHead(d);
			startTimer(d, 'retransmission', d.settings.profile.synWait(d.retransmits));
			note(d, `${d.settings.side}: SYN retransmitted (#${d.retransmits})`);
		}),
		retransmitSynAck: act((d) => {
			timerFired(d, 'retransmission');
			retransmitHead(d);
			startTimer(d, 'retransmission', d.settings.profile.synAckWait(d.retransmits));
			note(d, `${d.settings.side}: SYN,ACK retransmitted (#${d.retransmits})`);
		}),
		retransmitData: act((d) => {
			timerFired(d, 'retransmission');
			retransmitHead(d);
			scheduleDataRetransmission(d);
			note(d, `${d.settings.side}: retransmission timeout — resend seq ${d.rtx[0]?.seq}, RTO now ${d.rto} ms`);
		}),
		rtoFired: act((d) => timerFired(d, 'retransmission')),
		timedOut: act((d) => {
			signal(d, 'ETIMEDOUT');
			note(d, `${d.settings.side}: retransmissions exhausted — connection timed out (ETIMEDOUT)`);
		}),
		halfOpenExpired: act((d) => {
			note(d, `${d.settings.side}: SYN,ACK retries exhausted — the half-open entry is dropped silently`);
		}),
		timeWaitFired: act((d) => timerFired(d, 'time-wait')),
		finWait2Fired: act((d) => {
			timerFired(d, 'fin-wait-2');
			note(d, `${d.settings.side}: orphaned FIN-WAIT-2 times out (tcp_fin_timeout) — closed without a segment`);
		}),
		userTimeout: act((d) => {
			timerFired(d, 'user-timeout');
			signal(d, 'ETIMEDOUT');
			note(d, `${d.settings.side}: user timeout — connection aborted`);
		}),
		delayedAck: act((d) => {
			timerFired(d, 'delayed-ack');
			if (d.ackPending) sendAck(d);
		}),
		keepaliveProbe: act((d) => {
			timerFired(d, 'keepalive');
			if (d.rtx.length > 0) {
				startTimer(d, 'keepalive', d.settings.profile.keepaliveInterval);
				return;
			}
			d.keepaliveProbes += 1;
			// tcp_xmit_probe_skb: an old sequence number (SND.UNA − 1) makes the peer answer with an ACK.
			d.fx.out.push({seq: seqAdd(d.sndUna, -1), ack: d.rcvNxt, flags: ['ACK'], len: 0, win: 65_535 - d.rcvBuffer});
			d.fx.retransmission.push(false);
			startTimer(d, 'keepalive', d.settings.profile.keepaliveInterval);
			note(d, `${d.settings.side}: keepalive probe ${d.keepaliveProbes} of ${d.settings.profile.keepaliveProbes}`);
		}),
		keepaliveGiveUp: act((d) => {
			timerFired(d, 'keepalive');
			if (d.settings.profile.keepaliveSendsRst) sendResetAck(d);
			signal(d, 'ETIMEDOUT');
			note(d, `${d.settings.side}: ${d.keepaliveProbes} keepalive probes unanswered — connection dropped (ETIMEDOUT)`);
		}),
		expireSynQueue: act((d) => expireHalfOpen(d)),
		flood: act((d, _s, e) => {
			if (e.type !== 'FLOOD') return;
			if (!d.listener.open) {
				note(d, `${d.settings.side}: no listener — the kernel answers ${e.count === 1 ? 'the SYN' : `the ${e.count} SYNs`} with RST`);
				return;
			}
			flood(d, e.count, false);
		}),
		fill: act((d, _s, e) => {
			if (e.type !== 'FILL') return;
			if (!d.listener.open) {
				userError(d, 'no listener to connect to');
				return;
			}
			const room = Math.max(0, d.settings.listen.backlog + 1 - acceptQueueLength(d));
			const added = Math.min(room, e.count);
			d.listener = {...d.listener, acceptQueue: d.listener.acceptQueue + added};
			const full = e.count - added;
			note(
				d,
				added === 0
					? `no other client finds room: the accept queue is full (${e.count} tried)`
					: `${added === 1 ? '1 other client finishes its handshake and waits' : `${added} other clients finish their handshakes and wait`} in the accept queue` +
							(full > 0 ? ` (${full} more ${full === 1 ? 'finds' : 'find'} it full)` : ''),
			);
		}),
		floodWithOwn: act((d, _s, e) => {
			if (e.type === 'FLOOD' && d.listener.open) flood(d, e.count, d.passive);
		}),

		// -------------------------------------------------------------- state entry
		enterClosed: act((d) => {
			stopConnectionTimers(d);
			if (d.listener.ownQueued) d.listener = {...d.listener, ownQueued: false};
			if (used(d)) nextIncarnation(d);
		}),
		enterListen: act((d) => {
			stopConnectionTimers(d);
			if (used(d)) nextIncarnation(d);
			d.listener = {...d.listener, open: true};
		}),
		enterEstablished: act((d) => {
			if (d.settings.keepalive && d.timers.keepalive === undefined) {
				startTimer(d, 'keepalive', d.settings.profile.keepaliveIdle);
			}
		}),
		enterFinWait2: act((d) => {
			if (d.closed && d.settings.profile.finWait2 !== null) startTimer(d, 'fin-wait-2', d.settings.profile.finWait2);
		}),
		enterTimeWait: act((d) => {
			if (d.ackPending) sendAck(d);
			for (const t of ['retransmission', 'user-timeout', 'keepalive', 'fin-wait-2', 'delayed-ack'] as const) {
				stopTimer(d, t);
			}
			startTimer(d, 'time-wait', d.settings.profile.timeWait);
		}),
		stopKeepalive: act((d) => stopTimer(d, 'keepalive')),
	},
}).createMachine({
	id: 'tcp-endpoint',
	context: ({input}) => freshTcb(input),
	initial: 'CLOSED',
	on: {
		// Fallbacks: a state that allows a call handles it itself.
		USER_LISTEN: {actions: 'errExists'},
		USER_CONNECT: {actions: 'errExists'},
		USER_SEND: {actions: 'errClosing'},
		USER_CLOSE: {actions: 'errClosing'},
		USER_CLOSE_FULL: {actions: 'errClosing'},
		USER_READ: {actions: 'read'},
		USER_ACCEPT: [{guard: 'listenerOpen', actions: 'accept'}, {actions: 'errNoConnection'}],
		FLOOD: {actions: 'flood'},
		FILL: {actions: 'fill'},
		TIMEOUT_SYN_QUEUE: {actions: 'expireSynQueue'},
		TIMEOUT_DELACK: {actions: 'delayedAck'},
		TIMEOUT_USER: {target: '.CLOSED', actions: 'userTimeout'}, // #59
		TIMEOUT_KEEPALIVE: [
			{guard: 'keepaliveExhausted', target: '.CLOSED', actions: 'keepaliveGiveUp'}, // #39 (Linux: RST)
			{actions: 'keepaliveProbe'}, // #39
		],
	},
	states: {
		CLOSED: {
			entry: 'enterClosed',
			on: {
				USER_LISTEN: {target: 'LISTEN', actions: 'openListener'}, // #1
				USER_CONNECT: {target: 'SYN-SENT', actions: 'connect'}, // #2
				USER_SEND: {actions: 'errNoConnection'},
				USER_READ: {actions: 'errNoConnection'},
				USER_CLOSE: [{guard: 'listenerOpen', actions: 'closeListener'}, {actions: 'errNoConnection'}],
				USER_CLOSE_FULL: [{guard: 'listenerOpen', actions: 'closeListener'}, {actions: 'errNoConnection'}],
				USER_ABORT: [{guard: 'listenerOpen', actions: 'closeListener'}, {actions: 'errNoConnection'}],
				RCV_SEG: [
					// A Linux listener outlives the connection it accepted: hand the segment to it.
					{guard: 'listenerOpen', target: 'LISTEN', actions: raise(({event}) => event)},
					{guard: 'isRst', actions: 'discard'}, // #5
					{guard: 'hasAck', actions: 'resetFor'}, // #4
					{actions: 'resetFor'}, // #3
				],
			},
		},
		LISTEN: {
			entry: 'enterListen',
			on: {
				USER_CLOSE: {target: 'CLOSED', actions: 'closeListener'}, // #9
				USER_CLOSE_FULL: {target: 'CLOSED', actions: 'closeListener'}, // #9
				USER_ABORT: {target: 'CLOSED', actions: 'closeListener'},
				USER_SEND: {actions: 'errNoConnection'},
				RCV_SEG: [
					{guard: 'isRst', actions: 'discard'}, // #6
					{guard: and(['validCookie', 'acceptQueueFull']), actions: 'cookieDrop'},
					{guard: 'validCookie', target: 'ESTABLISHED', actions: 'cookieEstablish'},
					{guard: 'hasAck', actions: 'resetFor'}, // #7
					{guard: and(['isSyn', 'synAdmitted']), target: 'SYN-RECEIVED', actions: 'synReceived'}, // #8
					{guard: and(['isSyn', 'synCookie']), actions: 'synCookie'},
					{guard: 'isSyn', actions: 'dropSyn'},
					{actions: 'discard'},
				],
			},
		},
		'SYN-SENT': {
			on: {
				USER_SEND: {actions: 'queueData'},
				USER_CLOSE: {target: 'CLOSED'}, // #17: no RST
				USER_CLOSE_FULL: {target: 'CLOSED'}, // #17
				USER_ABORT: {target: 'CLOSED'}, // #17
				RCV_SEG: [
					{guard: and(['synSentBadAck', 'isRst']), actions: 'discard'}, // #14
					{guard: 'synSentBadAck', actions: 'resetFor'}, // #12
					{guard: and(['isRst', 'hasAck']), target: 'CLOSED', actions: 'refused'}, // #13
					{guard: 'isRst', actions: 'discard'}, // #14
					{guard: and(['isSyn', 'hasAck']), target: 'ESTABLISHED', actions: 'synSentEstablish'}, // #10
					{guard: 'isSyn', target: 'SYN-RECEIVED', actions: 'simultaneousSyn'}, // #11
					{actions: 'discard'}, // #14
				],
				TIMEOUT_RTO: [
					{guard: 'synGivesUp', target: 'CLOSED', actions: ['rtoFired', 'timedOut']}, // #16
					{actions: 'retransmitSyn'}, // #15
				],
			},
		},
		'SYN-RECEIVED': {
			on: {
				USER_SEND: {actions: 'queueData'},
				USER_CLOSE: {target: 'FIN-WAIT-1', actions: 'queueFin'}, // #26
				USER_CLOSE_FULL: {target: 'FIN-WAIT-1', actions: 'queueFin'}, // #26
				USER_ABORT: {target: 'CLOSED', actions: 'activeReset'},
				FLOOD: {actions: 'floodWithOwn'},
				RCV_SEG: [
					{guard: 'simultaneousSynAck', target: 'ESTABLISHED', actions: 'simultaneousEstablish'}, // #22
					{guard: 'retransmittedSyn', actions: 'resendSynAck'}, // #23
					{guard: and([not('acceptable'), 'isRst']), actions: 'discard'},
					{guard: not('acceptable'), actions: 'answerUnacceptable'},
					{guard: and(['isRst', 'rstExact', 'passive']), target: 'LISTEN'}, // #20
					{guard: and(['isRst', 'rstExact']), target: 'CLOSED', actions: 'refused'}, // #21
					{guard: 'isRst', actions: 'challengeAck'},
					{guard: and(['isSyn', 'passive', 'linux']), target: 'LISTEN', actions: 'resetFor'},
					{guard: and(['isSyn', 'passive']), target: 'LISTEN'},
					{guard: 'isSyn', actions: 'challengeAck'},
					{guard: not('hasAck'), actions: 'discard'},
					{guard: and(['ackAcceptable', 'passive', 'acceptQueueFull', 'abortOnOverflow']), target: 'LISTEN', actions: 'overflowReset'},
					{guard: and(['ackAcceptable', 'passive', 'acceptQueueFull']), actions: 'ackWhileFull'},
					{guard: and(['ackAcceptable', 'finInSequence']), target: 'CLOSE-WAIT', actions: 'synRcvdEstablish'}, // #18 + #31
					{guard: 'ackAcceptable', target: 'ESTABLISHED', actions: 'synRcvdEstablish'}, // #18
					{actions: 'resetFor'}, // #19
				],
				TIMEOUT_RTO: [
					{guard: and(['synAckGivesUp', 'passive']), target: 'LISTEN', actions: ['rtoFired', 'halfOpenExpired']}, // #25
					{guard: 'synAckGivesUp', target: 'CLOSED', actions: ['rtoFired', 'timedOut']},
					{actions: 'retransmitSynAck'}, // #24
				],
			},
		},
		ESTABLISHED: {
			entry: 'enterEstablished',
			on: {
				USER_SEND: {actions: 'sendData'}, // #27
				USER_CLOSE: {target: 'FIN-WAIT-1', actions: 'queueFin'}, // #32 (shutdown)
				USER_CLOSE_FULL: [
					{guard: and(['closeShutsReceive', 'unreadData']), target: 'CLOSED', actions: 'resetUnread'},
					{target: 'FIN-WAIT-1', actions: 'queueFin'}, // #32 (close)
				],
				USER_ABORT: {target: 'CLOSED', actions: 'activeReset'}, // #33
				RCV_SEG: [
					...synchronizedChecks('ESTABLISHED'),
					{guard: 'finInSequence', target: 'CLOSE-WAIT', actions: 'acceptReceiving'}, // #31
					{actions: 'acceptReceiving'}, // #28
				],
				TIMEOUT_RTO: retransmissionTimeout(), // #38
			},
		},
		'FIN-WAIT-1': {
			on: {
				USER_CLOSE_FULL: [
					{guard: and(['closeShutsReceive', 'unreadData']), target: 'CLOSED', actions: 'resetUnread'},
					{guard: 'closeShutsReceive', actions: 'markClosed'},
					{actions: 'errClosing'},
				],
				USER_ABORT: {target: 'CLOSED', actions: 'activeReset'},
				RCV_SEG: [
					...synchronizedChecks('FIN-WAIT-1'),
					{guard: 'lateDataAfterClose', target: 'CLOSED', actions: 'resetLateData'}, // #44
					{guard: and(['acksOurFin', 'finInSequence']), target: 'TIME-WAIT', actions: 'acceptReceivingFinNow'}, // #41
					{guard: 'finInSequence', target: 'CLOSING', actions: 'acceptReceivingFinNow'}, // #42
					{guard: 'acksOurFin', target: 'FIN-WAIT-2', actions: 'acceptReceiving'}, // #40
					{actions: 'acceptReceiving'}, // #43
				],
				TIMEOUT_RTO: retransmissionTimeout(), // #45, #52
			},
		},
		'FIN-WAIT-2': {
			entry: 'enterFinWait2',
			on: {
				USER_CLOSE_FULL: [
					{guard: and(['closeShutsReceive', 'unreadData']), target: 'CLOSED', actions: 'resetUnread'},
					{guard: 'closeShutsReceive', actions: 'markClosed'},
					{actions: 'errClosing'},
				],
				USER_ABORT: {target: 'CLOSED', actions: 'activeReset'},
				RCV_SEG: [
					...synchronizedChecks('FIN-WAIT-2'),
					{guard: 'lateDataAfterClose', target: 'CLOSED', actions: 'resetLateData'}, // #44
					{guard: 'finInSequence', target: 'TIME-WAIT', actions: 'acceptReceivingFinNow'}, // #46
					{actions: 'acceptReceiving'}, // #43
				],
				TIMEOUT_FIN_WAIT2: {target: 'CLOSED', actions: 'finWait2Fired'}, // #47
			},
		},
		'CLOSE-WAIT': {
			on: {
				USER_SEND: {actions: 'sendData'}, // #48
				USER_CLOSE: {target: 'LAST-ACK', actions: 'queueFin'}, // #49
				USER_CLOSE_FULL: [
					{guard: and(['closeShutsReceive', 'unreadData']), target: 'CLOSED', actions: 'resetUnread'},
					{target: 'LAST-ACK', actions: 'queueFin'}, // #49
				],
				USER_ABORT: {target: 'CLOSED', actions: 'activeReset'},
				RCV_SEG: [...synchronizedChecks('CLOSE-WAIT'), {actions: 'acceptNotReceiving'}],
				TIMEOUT_RTO: retransmissionTimeout(),
			},
		},
		CLOSING: {
			entry: 'stopKeepalive',
			on: {
				USER_ABORT: {target: 'CLOSED'},
				RCV_SEG: [
					...synchronizedChecks('CLOSING'),
					{guard: 'acksOurFin', target: 'TIME-WAIT', actions: 'acceptNotReceiving'}, // #51
					{actions: 'acceptNotReceiving'},
				],
				TIMEOUT_RTO: retransmissionTimeout(), // #52
			},
		},
		'LAST-ACK': {
			entry: 'stopKeepalive',
			on: {
				USER_ABORT: {target: 'CLOSED'},
				RCV_SEG: [
					...synchronizedChecks('LAST-ACK'),
					{guard: 'acksOurFin', target: 'CLOSED', actions: 'acceptNotReceiving'}, // #53
					{actions: 'acceptNotReceiving'},
				],
				TIMEOUT_RTO: retransmissionTimeout(), // #52
			},
		},
		'TIME-WAIT': {
			entry: 'enterTimeWait',
			on: {
				USER_ABORT: {target: 'CLOSED'},
				RCV_SEG: [
					{guard: 'timeWaitNewSyn', target: 'SYN-RECEIVED', actions: 'timeWaitReopen'}, // #56
					...synchronizedChecks('TIME-WAIT'),
					{actions: 'timeWaitRestart'},
				],
				TIMEOUT_2MSL: {target: 'CLOSED', actions: 'timeWaitFired'}, // #55
			},
		},
	},
});

type SyncState = 'ESTABLISHED' | 'FIN-WAIT-1' | 'FIN-WAIT-2' | 'CLOSE-WAIT' | 'CLOSING' | 'LAST-ACK' | 'TIME-WAIT';

/**
 * The first five checks of RFC 9293 §3.10.7.4 for the synchronized states: sequence number,
 * RST (with RFC 5961), SYN (challenge ACK), ACK bit off, ACK of something not yet sent.
 */
function synchronizedChecks(state: SyncState) {
	const reset =
		state === 'CLOSING' || state === 'LAST-ACK' || state === 'TIME-WAIT'
			? {target: 'CLOSED' as const} // #57 (Linux TIME-WAIT: tcp_rfc1337 = 0 lets a RST end it)
			: state === 'CLOSE-WAIT'
				? {target: 'CLOSED' as const, actions: 'resetInCloseWait' as const} // #58
				: {target: 'CLOSED' as const, actions: 'resetByPeer' as const}; // #34, #58
	return [
		{guard: and([not('acceptable'), 'isRst']), actions: 'discard' as const}, // #36
		state === 'TIME-WAIT'
			? {guard: not('acceptable'), actions: 'timeWaitReack' as const} // #54
			: {guard: not('acceptable'), actions: 'answerUnacceptable' as const}, // #29, #50
		{guard: and(['isRst', 'rstExact']), ...reset},
		{guard: 'isRst' as const, actions: 'challengeAck' as const}, // #35
		{guard: 'isSyn' as const, actions: 'challengeAck' as const}, // #37
		{guard: not('hasAck'), actions: 'discard' as const},
		{guard: 'ackTooNew' as const, actions: 'ack' as const}, // #30
	];
}

function retransmissionTimeout() {
	return [
		{guard: 'dataGivesUp' as const, target: 'CLOSED' as const, actions: ['rtoFired', 'timedOut'] as const},
		{actions: 'retransmitData' as const},
	];
}

export type EndpointSnapshot = ReturnType<typeof endpointMachine.getInitialSnapshot>;
