/**
 * The listen socket's two queues (PROTOCOL-TRUTH §2.2, Linux tcp_conn_request and tcp_check_req):
 * the SYN (half-open) queue and the accept queue, SYN cookies, and the flood of spoofed SYNs.
 */
import {seqAdd} from './seq.js';
import type {Draft, Tcb} from './tcb.js';
import {note, startTimer, stopTimer, timerFired} from './tcb.js';

export type Admission = 'half-open' | 'cookie' | 'drop-accept-full' | 'drop-syn-full';

const floodEntries = (t: Tcb): number => t.listener.halfOpen.reduce((n, g) => n + g.count, 0);

/** Half-open entries: the flood's plus our own connection while it is SYN-RECEIVED from LISTEN. */
export const synQueueLength = (t: Tcb, ownHalfOpen: boolean): number => floodEntries(t) + (ownHalfOpen ? 1 : 0);

export const acceptQueueLength = (t: Tcb): number => t.listener.acceptQueue + (t.listener.ownQueued ? 1 : 0);

/** sk_acceptq_is_full: sk_ack_backlog > sk_max_ack_backlog, so backlog + 1 connections fit. */
export const acceptQueueFull = (t: Tcb): boolean => acceptQueueLength(t) > t.settings.listen.backlog;

/** What the listener does with one more SYN. */
export function admitSyn(t: Tcb, ownHalfOpen: boolean): Admission {
	const {backlog, syncookies, maxSynBacklog} = t.settings.listen;
	const synQueue = synQueueLength(t, ownHalfOpen);
	if (!t.settings.profile.linuxListenQueues) {
		// The RFC has no listen queue; we bound half-open plus finished connections by the backlog, as BSD does.
		return synQueue + acceptQueueLength(t) >= backlog ? 'drop-syn-full' : 'half-open';
	}
	// tcp_conn_request: a full SYN queue (inet_csk_reqsk_queue_is_full: len >= backlog) wants a cookie ...
	let wantCookie = false;
	if (synQueue >= backlog) {
		if (!syncookies) return 'drop-syn-full';
		wantCookie = true;
	}
	// ... but a full accept queue drops the SYN either way (LINUX_MIB_LISTENOVERFLOWS).
	if (acceptQueueFull(t)) return 'drop-accept-full';
	if (wantCookie) return 'cookie';
	// Without cookies the last quarter of tcp_max_syn_backlog is kept for peers proven alive.
	if (!syncookies && maxSynBacklog - synQueue < maxSynBacklog >> 2) return 'drop-syn-full';
	return 'half-open';
}

/**
 * The ISN of a cookie SYN,ACK. Real cookies hash the 4-tuple, a secret, a time counter and the MSS
 * (cookie_v4_init_sequence); here a fixed mix of the client's ISN stands in, so scripts are repeatable
 * and the ACK can be checked without any stored state, as the kernel does.
 */
export function cookieFor(clientIsn: number): number {
	return (Math.imul((clientIsn ^ 0x5ca1ab1e) >>> 0, 2654435761) >>> 0) || 1;
}

/** A bare ACK in LISTEN that returns a cookie we could have sent (cookie_v4_check). */
export function validCookieAck(t: Tcb, seg: {seq: number; ack: number | null; flags: string[]}): boolean {
	if (!t.settings.profile.linuxListenQueues || !t.settings.listen.syncookies) return false;
	if (seg.ack === null || seg.flags.includes('SYN') || seg.flags.includes('RST')) return false;
	const clientIsn = seqAdd(seg.seq, -1);
	return seqAdd(seg.ack, -1) === cookieFor(clientIsn);
}

function scheduleExpiry(d: Draft): void {
	const next = d.listener.halfOpen.reduce<number | undefined>(
		(min, g) => (min === undefined || g.expires < min ? g.expires : min),
		undefined,
	);
	if (next === undefined) stopTimer(d, 'syn-queue');
	else if (d.timers['syn-queue'] !== next) startTimer(d, 'syn-queue', next - d.now);
}

/** `count` spoofed SYNs reach the listener. Their SYN,ACKs go to addresses that never answer. */
export function flood(d: Draft, count: number, ownHalfOpen: boolean): void {
	let halfOpen = 0;
	let cookies = 0;
	let droppedSyn = 0;
	let droppedAccept = 0;
	for (let i = 0; i < count; i++) {
		const verdict = admitSyn(d, ownHalfOpen);
		if (verdict === 'half-open') {
			halfOpen++;
			const expires = d.now + d.settings.profile.halfOpenLifetime;
			const last = d.listener.halfOpen[d.listener.halfOpen.length - 1];
			d.listener = {...d.listener, halfOpen: last && last.expires === expires
					? [...d.listener.halfOpen.slice(0, -1), {count: last.count + 1, expires}]
					: [...d.listener.halfOpen, {count: 1, expires}]};
		} else if (verdict === 'cookie') cookies++;
		else if (verdict === 'drop-syn-full') droppedSyn++;
		else droppedAccept++;
	}
	d.listener = {...d.listener, cookies: d.listener.cookies + cookies};
	d.listener = {...d.listener, dropped: d.listener.dropped + droppedSyn + droppedAccept};
	const parts = [`${count} spoofed ${count === 1 ? 'SYN reaches' : 'SYNs reach'} the listener: ${halfOpen} ${halfOpen === 1 ? 'enters' : 'enter'} the SYN queue`];
	if (cookies) parts.push(`${cookies} answered with SYN cookies (no state kept)`);
	if (droppedSyn) parts.push(`${droppedSyn} dropped, SYN queue full`);
	if (droppedAccept) parts.push(`${droppedAccept} dropped, accept queue full`);
	note(d, parts.join('; '));
	scheduleExpiry(d);
}

/** Flooded half-open entries whose SYN,ACK retries ran out are dropped (Linux: about 63 s). */
export function expireHalfOpen(d: Draft): void {
	timerFired(d, 'syn-queue');
	const gone = d.listener.halfOpen.filter((g) => g.expires <= d.now).reduce((n, g) => n + g.count, 0);
	d.listener = {...d.listener, halfOpen: d.listener.halfOpen.filter((g) => g.expires > d.now)};
	if (gone) note(d, gone === 1 ? '1 half-open entry of the flood expires: its SYN,ACK retries ran out' : `${gone} half-open entries of the flood expire: their SYN,ACK retries ran out`);
	scheduleExpiry(d);
}
