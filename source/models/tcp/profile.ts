/**
 * The numbers that differ between RFC 9293 and Linux. Each cites its source;
 * PROTOCOL-TRUTH.md §1.11 and §2.1 collect them.
 */
export type ProfileName = 'linux' | 'rfc';

export type Profile = {
	name: ProfileName;
	/** Initial RTO, ms. RFC 6298 §2.1: 1 s. Linux TCP_TIMEOUT_INIT = 1*HZ (include/net/tcp.h). */
	initialRto: number;
	/** RTO floor, ms. RFC 6298 §2.4: 1 s. Linux TCP_RTO_MIN = HZ/5 = 200 ms. */
	rtoMin: number;
	/** RTO ceiling, ms. RFC 6298 §2.5: may be placed, at least 60 s. Linux TCP_RTO_MAX = 120 s. */
	rtoMax: number;
	/** RTO after a SYN had to be retransmitted, ms. RFC 6298 §5.7: 3 s. Linux TCP_TIMEOUT_FALLBACK = 3 s. */
	rtoFallback: number;
	/** SYN retransmission schedule: the wait after the k-th SYN sent (k = 0 is the original), ms. */
	synWait(k: number): number;
	/** At a SYN timer expiry: give up (ETIMEDOUT) rather than retransmit? */
	synGivesUp(retransmissions: number, sinceFirstSyn: number): boolean;
	/** SYN-ACK schedule of a half-open connection: the wait after the k-th SYN-ACK, ms. */
	synAckWait(k: number): number;
	/** At a SYN-ACK timer expiry: drop the half-open connection rather than retransmit? */
	synAckGivesUp(retransmissions: number, sinceFirstSynAck: number): boolean;
	/** Whether data/FIN retransmission has gone on too long: give up (ETIMEDOUT). */
	dataGivesUp(retransmissions: number, sinceFirstRetransmit: number, orphan: boolean): boolean;
	/** TIME-WAIT length, ms. RFC 9293 §3.4.2: 2 × MSL, MSL = 2 min → 240 s. Linux TCP_TIMEWAIT_LEN = 60 s. */
	timeWait: number;
	/** Orphaned FIN-WAIT-2 lifetime, ms, or null (no such timer). Linux tcp_fin_timeout = 60 s (ip-sysctl.rst). */
	finWait2: number | null;
	/** Keepalive idle / interval / probes. Linux tcp_keepalive_time 7200 s, _intvl 75 s, _probes 9 (include/net/tcp.h).
	 *  RFC 9293 §3.8.4 (RFC 1122 §4.2.3.6): idle ≥ 2 h, sets no interval or count. */
	keepaliveIdle: number;
	keepaliveInterval: number;
	keepaliveProbes: number;
	/** Linux sends RST when keepalive gives up (tcp_keepalive_timer → tcp_send_active_reset); the RFC says nothing. */
	keepaliveSendsRst: boolean;
	/** Delayed ACK, ms. Linux TCP_DELACK_MIN = HZ/25 = 40 ms; RFC 9293 §3.8.6.3 (MUST-40): under 0.5 s. */
	delayedAck: number;
	/** close() shuts the receive side too (late data or unread data → RST). Linux: yes (tcp.c, tcp_input.c);
	 *  RFC 9293 CLOSE is simplex (§3.6), half-duplex close is a MAY (§3.6.1). */
	closeShutsReceive: boolean;
	/** Simultaneous open: Linux answers the SYN,ACK in SYN-RECEIVED with a pure ACK
	 *  (netdev "tcp: Don't drop SYN+ACK for simultaneous connect()", 2024); RFC 9293 Figure 7 sends none. */
	simultaneousOpenAck: boolean;
	/** A retransmitted SYN in SYN-RECEIVED: Linux re-sends the SYN,ACK (tcp_check_req); the RFC answers with an ACK. */
	resendSynAckOnDupSyn: boolean;
	/** SYN cookies and the accept-queue rules of Linux (PROTOCOL-TRUTH §2.2); the RFC has no listen queue. */
	linuxListenQueues: boolean;
	/** After the connection ends, a Linux listener keeps listening; an RFC passive OPEN's TCB becomes the connection. */
	listenerSurvives: boolean;
	/** How long a flooded half-open entry lives, ms: Linux SYN-ACKs at 1,3,7,15,31 s, dropped at 63 s. */
	halfOpenLifetime: number;
};

/** Linux ≥ 6.5 (tcp_syn_linear_timeouts = 4, tcp_syn_retries = 6): SYNs at 0,1,2,3,4,5,7,11,19,35,67 s, fail at 131 s. */
const LINUX_SYN_RETRIES = 6; // ip-sysctl.rst tcp_syn_retries
const LINUX_SYN_LINEAR = 4; // ip-sysctl.rst tcp_syn_linear_timeouts (Linux ≥ 6.5)
const LINUX_SYNACK_RETRIES = 5; // ip-sysctl.rst tcp_synack_retries
const LINUX_RETRIES2 = 15; // ip-sysctl.rst tcp_retries2
const LINUX_ORPHAN_RETRIES = 8; // tcp_orphan_retries = 0 means 8 (tcp_timer.c tcp_orphan_retries)

/**
 * Linux's retransmits_timed_out() (tcp_timer.c): the boundary is turned into a time,
 * as if the RTO had started at TCP_RTO_MIN and doubled up to TCP_RTO_MAX.
 * For tcp_retries2 = 15 this is 924.6 s (ip-sysctl.rst).
 */
export function linuxRetransmitTimeout(boundary: number): number {
	const rtoMin = 200;
	const rtoMax = 120_000;
	const thresh = Math.floor(Math.log2(rtoMax / rtoMin)); // ilog2(600) = 9
	if (boundary <= thresh) return ((2 << boundary) - 1) * rtoMin;
	return ((2 << thresh) - 1) * rtoMin + (boundary - thresh) * rtoMax;
}

export const LINUX: Profile = {
	name: 'linux',
	initialRto: 1000,
	rtoMin: 200,
	rtoMax: 120_000,
	rtoFallback: 3000,
	synWait(k) {
		// tcp_retransmit_timer: while icsk_retransmits <= tcp_syn_linear_timeouts the RTO stays 1 s, then doubles.
		if (k <= LINUX_SYN_LINEAR) return 1000;
		return Math.min(1000 * 2 ** (k - LINUX_SYN_LINEAR), 120_000);
	},
	synGivesUp(retransmissions) {
		// tcp_write_timeout: in SYN-SENT, max_retransmits = tcp_syn_retries + tcp_syn_linear_timeouts.
		return retransmissions >= LINUX_SYN_RETRIES + LINUX_SYN_LINEAR;
	},
	synAckWait(k) {
		// reqsk_timer_handler: timeo = min(TCP_TIMEOUT_INIT << num_timeout, TCP_RTO_MAX).
		return Math.min(1000 * 2 ** k, 120_000);
	},
	synAckGivesUp(retransmissions) {
		return retransmissions >= LINUX_SYNACK_RETRIES;
	},
	dataGivesUp(_retransmissions, sinceFirst, orphan) {
		return sinceFirst >= linuxRetransmitTimeout(orphan ? LINUX_ORPHAN_RETRIES : LINUX_RETRIES2);
	},
	timeWait: 60_000,
	finWait2: 60_000,
	keepaliveIdle: 7_200_000,
	keepaliveInterval: 75_000,
	keepaliveProbes: 9,
	keepaliveSendsRst: true,
	delayedAck: 40,
	closeShutsReceive: true,
	simultaneousOpenAck: true,
	resendSynAckOnDupSyn: true,
	linuxListenQueues: true,
	listenerSurvives: true,
	halfOpenLifetime: 63_000,
};

/** RFC 9293 MUST-23: SYN retransmission for at least 3 minutes (R2). */
const RFC_SYN_R2 = 180_000;
/** RFC 9293 MUST-20: R2 for data at least 100 s. */
const RFC_DATA_R2 = 100_000;

/** RFC 6298 §5.5: double the RTO on expiry; §2.5: a ceiling of 60 s. */
const rfcBackoff = (k: number): number => Math.min(1000 * 2 ** k, 60_000);
const rfcSynGivesUp = (_retransmissions: number, since: number): boolean => since >= RFC_SYN_R2;

export const RFC: Profile = {
	name: 'rfc',
	initialRto: 1000,
	rtoMin: 1000,
	rtoMax: 60_000,
	rtoFallback: 3000,
	synWait: rfcBackoff,
	synGivesUp: rfcSynGivesUp,
	synAckWait: rfcBackoff,
	synAckGivesUp: rfcSynGivesUp,
	dataGivesUp(_retransmissions, sinceFirst) {
		return sinceFirst >= RFC_DATA_R2;
	},
	timeWait: 240_000,
	finWait2: null,
	keepaliveIdle: 7_200_000,
	keepaliveInterval: 75_000,
	keepaliveProbes: 9,
	keepaliveSendsRst: false,
	delayedAck: 200,
	closeShutsReceive: false,
	simultaneousOpenAck: false,
	resendSynAckOnDupSyn: false,
	linuxListenQueues: false,
	listenerSurvives: false,
	halfOpenLifetime: 63_000,
};

export const PROFILES: Record<ProfileName, Profile> = {linux: LINUX, rfc: RFC};
