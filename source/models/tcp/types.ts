/** RFC 9293 §3.3.2 state names, as printed in code, JSON and the UI. */
export const TCP_STATES = [
	'CLOSED',
	'LISTEN',
	'SYN-SENT',
	'SYN-RECEIVED',
	'ESTABLISHED',
	'FIN-WAIT-1',
	'FIN-WAIT-2',
	'CLOSE-WAIT',
	'CLOSING',
	'LAST-ACK',
	'TIME-WAIT',
] as const;
export type TcpState = (typeof TCP_STATES)[number];

export const SIDES = ['client', 'server'] as const;
export type Side = (typeof SIDES)[number];
export const otherSide = (side: Side): Side => (side === 'client' ? 'server' : 'client');

/** Control bits the model uses, in the order they are printed (RFC 9293 §3.1). */
export const FLAG_ORDER = ['SYN', 'FIN', 'RST', 'PSH', 'ACK'] as const;
export type Flag = (typeof FLAG_ORDER)[number];

/** One TCP segment. `len` counts data octets only; SEG.LEN adds one for SYN and one for FIN. */
export type Segment = {
	seq: number;
	/** null when the ACK bit is off. */
	ack: number | null;
	flags: Flag[];
	len: number;
	/** The advertised receive window. */
	win: number;
};

export const TIMER_NAMES = [
	'retransmission',
	'time-wait',
	'fin-wait-2',
	'keepalive',
	'delayed-ack',
	'user-timeout',
	'syn-queue',
] as const;
export type TimerName = (typeof TIMER_NAMES)[number];

export type TimerEventKind = 'started' | 'restarted' | 'fired' | 'stopped';

/** Errors a socket reports to its application asynchronously (errno names, as Linux reports them). */
export type SignalName = 'ECONNREFUSED' | 'ECONNRESET' | 'ETIMEDOUT' | 'EPIPE';

export function hasFlag(seg: Pick<Segment, 'flags'>, flag: Flag): boolean {
	return seg.flags.includes(flag);
}

export function sortFlags(flags: readonly Flag[]): Flag[] {
	return FLAG_ORDER.filter((f) => flags.includes(f));
}

/** SEG.LEN: data plus one for SYN and one for FIN (RFC 9293 §3.4). */
export function segLen(seg: Segment): number {
	return seg.len + (hasFlag(seg, 'SYN') ? 1 : 0) + (hasFlag(seg, 'FIN') ? 1 : 0);
}
