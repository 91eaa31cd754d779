/**
 * One test per row of the transition table in PROTOCOL-TRUTH.md §1.4: the state reached and
 * the exact segment sent (flags, seq, ack). Client ISS 100, server ISS 300 unless stated.
 */
import {describe, expect, test} from 'vitest';
import {ISN, OPEN, established, more, run, sentIn, tcb} from './helpers.js';

const inject = (from: string, flags: string[], seq: number, ack?: number, len?: number) => ({
	inject: {from, flags, seq, ...(ack === undefined ? {} : {ack}), ...(len === undefined ? {} : {len})},
});
const lastId = (r: ReturnType<typeof run>) => r.state.nextId - 1;

describe('CLOSED and LISTEN', () => {
	test('row 1: CLOSED + listen → LISTEN, nothing sent', () => {
		const r = run({isn: ISN, steps: [{server: 'listen'}]});
		expect(r.last.server).toBe('LISTEN');
		expect(sentIn(r.last)).toEqual([]);
	});

	test('row 2: CLOSED + connect → SYN-SENT, <SEQ=ISS><CTL=SYN>, retransmission timer', () => {
		const r = run({isn: ISN, steps: [{client: 'connect'}]});
		expect(r.last.client).toBe('SYN-SENT');
		expect(sentIn(r.last)).toEqual(['client SYN seq=100 ack=-']);
		expect(r.last.timers).toContainEqual({side: 'client', name: 'retransmission', due: 1000});
		expect(tcb(r, 'client')).toMatchObject({sndUna: 100, sndNxt: 101});
	});

	test('row 3: CLOSED + segment without ACK → <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>', () => {
		const r = run({isn: ISN, steps: [{client: 'connect'}, 'deliver']});
		expect(r.last.server).toBe('CLOSED');
		expect(sentIn(r.last)).toEqual(['server RST,ACK seq=0 ack=101']);
	});

	test('row 4: CLOSED + segment with ACK → <SEQ=SEG.ACK><CTL=RST>', () => {
		const r = run({isn: ISN, steps: [inject('client', ['ACK'], 500, 700, 10), 'deliver']});
		expect(r.last.server).toBe('CLOSED');
		expect(sentIn(r.last)).toEqual(['server RST seq=700 ack=-']);
	});

	test('row 5: CLOSED + RST → discarded', () => {
		const r = run({isn: ISN, steps: [inject('client', ['RST'], 500), 'deliver']});
		expect(r.last.server).toBe('CLOSED');
		expect(sentIn(r.last)).toEqual([]);
	});

	test('row 6: LISTEN + RST → ignored', () => {
		const r = run({isn: ISN, steps: [{server: 'listen'}, inject('client', ['RST'], 500), 'deliver']});
		expect(r.last.server).toBe('LISTEN');
		expect(sentIn(r.last)).toEqual([]);
	});

	test('row 7: LISTEN + ACK-bearing segment → <SEQ=SEG.ACK><CTL=RST>', () => {
		const r = run({isn: ISN, steps: [{server: 'listen'}, inject('client', ['ACK'], 101, 9999), 'deliver']});
		expect(r.last.server).toBe('LISTEN');
		expect(sentIn(r.last)).toEqual(['server RST seq=9999 ack=-']);
	});

	test('row 8: LISTEN + SYN → SYN-RECEIVED (passive), <SEQ=ISS><ACK=RCV.NXT><CTL=SYN,ACK>', () => {
		const r = run({isn: ISN, steps: [{server: 'listen'}, {client: 'connect'}, 'deliver']});
		expect(r.last.server).toBe('SYN-RECEIVED');
		expect(sentIn(r.last)).toEqual(['server SYN,ACK seq=300 ack=101']);
		expect(tcb(r, 'server')).toMatchObject({irs: 100, rcvNxt: 101, sndNxt: 301, passive: true});
	});

	test('row 9: LISTEN + close → CLOSED', () => {
		const r = run({isn: ISN, steps: [{server: 'listen'}, {server: 'close'}]});
		expect(r.last.server).toBe('CLOSED');
		expect(sentIn(r.last)).toEqual([]);
		expect(r.last.error).toBeNull();
	});
});

describe('SYN-SENT', () => {
	test('row 10: SYN,ACK with an acceptable ACK → ESTABLISHED, <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>', () => {
		const r = run({isn: ISN, steps: [{server: 'listen'}, {client: 'connect'}, 'deliver', 'deliver']});
		expect(r.last.client).toBe('ESTABLISHED');
		expect(sentIn(r.last)).toEqual(['client ACK seq=101 ack=301']);
		expect(tcb(r, 'client')).toMatchObject({irs: 300, rcvNxt: 301, sndUna: 101});
	});

	test('row 11: SYN without ACK (simultaneous open) → SYN-RECEIVED (active), SYN,ACK', () => {
		const r = run({isn: ISN, steps: [{client: 'connect'}, {server: 'connect'}, {deliver: 2}]});
		expect(r.last.client).toBe('SYN-RECEIVED');
		expect(sentIn(r.last)).toEqual(['client SYN,ACK seq=100 ack=301']);
		expect(tcb(r, 'client').passive).toBe(false);
	});

	test('row 12: ACK that acknowledges nothing we sent → <SEQ=SEG.ACK><CTL=RST>, stay SYN-SENT', () => {
		const r = run({isn: ISN, steps: [{client: 'connect'}, inject('server', ['ACK'], 300, 5), {deliver: 2}]});
		expect(r.last.client).toBe('SYN-SENT');
		expect(sentIn(r.last)).toEqual(['client RST seq=5 ack=-']);
	});

	test('row 13: RST with an acceptable ACK → CLOSED, connection refused', () => {
		const r = run({isn: ISN, steps: [{client: 'connect'}, 'deliver', 'deliver']});
		expect(r.last.client).toBe('CLOSED');
		expect(r.last.signals).toEqual([{side: 'client', name: 'ECONNREFUSED', at: 0}]);
		expect(sentIn(r.last)).toEqual([]);
	});

	test('row 14: RST without an acceptable ACK, or neither SYN nor RST → dropped', () => {
		const a = run({isn: ISN, steps: [{client: 'connect'}, inject('server', ['RST'], 0), {deliver: 2}]});
		expect(a.last.client).toBe('SYN-SENT');
		expect(sentIn(a.last)).toEqual([]);
		const b = run({isn: ISN, steps: [{client: 'connect'}, inject('server', ['ACK'], 300, 101), {deliver: 2}]});
		expect(b.last.client).toBe('SYN-SENT');
		expect(sentIn(b.last)).toEqual([]);
	});

	test('row 15: RTO with retries left → the same SYN again (same ISN), back-off', () => {
		const r = run({isn: ISN, steps: [{client: 'connect'}, 'drop', {advance: 'next'}]});
		expect(r.last.client).toBe('SYN-SENT');
		expect(r.last.time).toBe(1000);
		expect(sentIn(r.last)).toEqual(['client SYN seq=100 ack=-']);
		expect(r.last.segments[0]!.retransmission).toBe(true);
	});

	test('row 16: RTO with retries exhausted → CLOSED, ETIMEDOUT (Linux ≈ 131 s)', () => {
		const steps: unknown[] = [{client: 'connect'}, 'drop'];
		for (let i = 0; i < 10; i++) steps.push({advance: 'next'}, 'drop');
		steps.push({advance: 'next'});
		const r = run({isn: ISN, steps});
		expect(r.last.client).toBe('CLOSED');
		expect(r.last.time).toBe(131_000);
		expect(r.last.signals).toEqual([{side: 'client', name: 'ETIMEDOUT', at: 131_000}]);
		expect(sentIn(r.last)).toEqual([]);
	});

	test('row 17: close in SYN-SENT → CLOSED with no RST; a late SYN,ACK then meets row 4', () => {
		const r = run({isn: ISN, steps: [{server: 'listen'}, {client: 'connect'}, 'deliver', {client: 'close'}]});
		expect(r.last.client).toBe('CLOSED');
		expect(sentIn(r.last)).toEqual([]);
		const late = more(r, ['deliver']);
		expect(sentIn(late.last)).toEqual(['client RST seq=101 ack=-']); // SEQ taken from the SYN,ACK's ACK field
	});
});

describe('SYN-RECEIVED', () => {
	const synRcvd = [{server: 'listen'}, {client: 'connect'}, 'deliver'];

	test('row 18: acceptable ACK → ESTABLISHED; an ACK that carries data is processed too', () => {
		const r = run({isn: ISN, steps: [...synRcvd, 'deliver', 'deliver']});
		expect(r.last.server).toBe('ESTABLISHED');
		expect(sentIn(r.last)).toEqual([]);
		const withData = run({isn: ISN, steps: [...synRcvd, 'deliver', 'drop', {client: 'send 5'}, 'deliver']});
		expect(withData.last.server).toBe('ESTABLISHED');
		expect(sentIn(withData.last)).toEqual(['server ACK seq=301 ack=106']);
	});

	test('row 19: ACK not acceptable → <SEQ=SEG.ACK><CTL=RST>, stay SYN-RECEIVED', () => {
		const r = run({isn: ISN, steps: [...synRcvd, inject('client', ['ACK'], 101, 9999), {deliver: 3}]});
		expect(r.last.server).toBe('SYN-RECEIVED');
		expect(sentIn(r.last)).toEqual(['server RST seq=9999 ack=-']);
	});

	test('row 20: valid RST, came from LISTEN → back to LISTEN', () => {
		const r = run({isn: ISN, steps: [...synRcvd, inject('client', ['RST'], 101), {deliver: 3}]});
		expect(r.last.server).toBe('LISTEN');
		expect(sentIn(r.last)).toEqual([]);
		expect(r.last.timers.filter((t) => t.side === 'server')).toEqual([]);
	});

	test('row 21: valid RST, came from SYN-SENT → CLOSED, connection refused', () => {
		const r = run({isn: ISN, steps: [{client: 'connect'}, {server: 'connect'}, {deliver: 2}, inject('server', ['RST'], 301), {deliver: 4}]});
		expect(r.last.client).toBe('CLOSED');
		expect(r.last.signals.map((x) => x.name)).toEqual(['ECONNREFUSED']);
	});

	test('row 22: simultaneous open, SYN,ACK acking our SYN → ESTABLISHED; Linux adds one pure ACK, the RFC none', () => {
		const steps = [{client: 'connect'}, {server: 'connect'}, {deliver: 2}, {deliver: 1}, {deliver: 4}];
		const linux = run({isn: ISN, steps});
		expect(linux.last.client).toBe('ESTABLISHED');
		expect(sentIn(linux.last)).toEqual(['client ACK seq=101 ack=301']);
		const linuxBoth = more(linux, [{deliver: 3}]);
		expect(linuxBoth.last.server).toBe('ESTABLISHED');
		expect(sentIn(linuxBoth.last)).toEqual(['server ACK seq=301 ack=101']);
		const rfc = run({profile: 'rfc', isn: ISN, steps: [...steps, {deliver: 3}]});
		expect(rfc.steps.at(-2)!.client).toBe('ESTABLISHED');
		expect(rfc.last.server).toBe('ESTABLISHED');
		expect(rfc.steps.flatMap((st) => sentIn(st)).filter((x) => x.includes(' ACK seq'))).toEqual([]);
	});

	test('row 23: a retransmitted SYN → Linux sends the SYN,ACK again, state kept', () => {
		const r = run({isn: ISN, steps: [{server: 'listen'}, {client: 'connect'}, 'duplicate', {deliver: 1}, {deliver: 2}]});
		expect(r.last.server).toBe('SYN-RECEIVED');
		expect(sentIn(r.last)).toEqual(['server SYN,ACK seq=300 ack=101']);
		expect(r.last.segments.at(-1)!.retransmission).toBe(true);
	});

	test('row 24: RTO with retries left → SYN,ACK retransmitted at 1 s', () => {
		const r = run({isn: ISN, steps: [...synRcvd, 'drop', {advance: 1000}]});
		expect(r.last.server).toBe('SYN-RECEIVED');
		expect(sentIn(r.last)).toContain('server SYN,ACK seq=300 ack=101');
	});

	test('row 25: SYN,ACK retries exhausted → the half-open entry is dropped silently at 63 s (Linux)', () => {
		const steps: unknown[] = [{server: 'listen'}, {client: 'connect'}, 'deliver', {drop: 2}, {client: 'abort'}];
		for (let i = 0; i < 5; i++) steps.push({advance: 'next'}, 'drop');
		steps.push({advance: 'next'});
		const r = run({isn: ISN, steps});
		expect(r.last.server).toBe('LISTEN');
		expect(r.last.time).toBe(63_000);
		expect(sentIn(r.last)).toEqual([]);
	});

	test('row 26: close in SYN-RECEIVED → FIN-WAIT-1, <SEQ=SND.NXT><ACK=RCV.NXT><CTL=FIN,ACK>', () => {
		const r = run({isn: ISN, steps: [...synRcvd, {server: 'close'}]});
		expect(r.last.server).toBe('FIN-WAIT-1');
		expect(sentIn(r.last)).toEqual(['server FIN,ACK seq=301 ack=101']);
	});
});

describe('ESTABLISHED', () => {
	test('row 27: send → <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK><DATA> (PSH on the last segment), SND.NXT += len', () => {
		const r = more(established(), [{client: 'send 100'}]);
		expect(sentIn(r.last)).toEqual(['client PSH,ACK seq=101 ack=301 len=100']);
		expect(tcb(r, 'client').sndNxt).toBe(201);
	});

	test('row 28: in-window data → delivered, RCV.NXT += len, ACK', () => {
		const r = more(established(), [{client: 'send 100'}, 'deliver']);
		expect(r.last.server).toBe('ESTABLISHED');
		expect(sentIn(r.last)).toEqual(['server ACK seq=301 ack=201']);
		expect(tcb(r, 'server')).toMatchObject({rcvNxt: 201, readTotal: 100});
	});

	test('row 29: unacceptable segment (old duplicate) → <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>, dropped', () => {
		const r = more(established(), [inject('client', ['ACK'], 50, 301, 10), 'deliver']);
		expect(r.last.server).toBe('ESTABLISHED');
		expect(sentIn(r.last)).toEqual(['server ACK seq=301 ack=101']);
		expect(tcb(r, 'server').rcvNxt).toBe(101);
	});

	test('row 30: ACK of something not yet sent → ACK, dropped', () => {
		const r = more(established(), [inject('client', ['ACK'], 101, 9999), 'deliver']);
		expect(sentIn(r.last)).toEqual(['server ACK seq=301 ack=101']);
		expect(tcb(r, 'server').sndUna).toBe(301);
	});

	test('row 31: FIN in sequence → CLOSE-WAIT, RCV.NXT += 1, ACK', () => {
		const r = more(established(), [{client: 'close'}, 'deliver']);
		expect(r.last.server).toBe('CLOSE-WAIT');
		expect(sentIn(r.last)).toEqual(['server ACK seq=301 ack=102']);
	});

	test('row 32: shutdown or close → FIN-WAIT-1, <SEQ=SND.NXT><ACK=RCV.NXT><CTL=FIN,ACK>', () => {
		for (const call of ['shutdown', 'close']) {
			const r = more(established(), [{client: call}]);
			expect(r.last.client).toBe('FIN-WAIT-1');
			expect(sentIn(r.last)).toEqual(['client FIN,ACK seq=101 ack=301']);
		}
	});

	test('row 33: abort → CLOSED, <SEQ=SND.NXT><CTL=RST> (Linux adds ACK=RCV.NXT)', () => {
		const rfc = more(established({profile: 'rfc'}), [{client: 'abort'}]);
		expect(rfc.last.client).toBe('CLOSED');
		expect(sentIn(rfc.last)).toEqual(['client RST seq=101 ack=-']);
		const linux = more(established(), [{client: 'abort'}]);
		expect(sentIn(linux.last)).toEqual(['client RST,ACK seq=101 ack=301']);
	});

	test('row 34: RST with SEQ = RCV.NXT → CLOSED, ECONNRESET', () => {
		const r = more(established(), [inject('client', ['RST'], 101), 'deliver']);
		expect(r.last.server).toBe('CLOSED');
		expect(r.last.signals.map((x) => x.name)).toEqual(['ECONNRESET']);
	});

	test('row 35: RST in the window but not at RCV.NXT → challenge ACK (RFC 5961)', () => {
		const r = more(established(), [inject('client', ['RST'], 5000), 'deliver']);
		expect(r.last.server).toBe('ESTABLISHED');
		expect(sentIn(r.last)).toEqual(['server ACK seq=301 ack=101']);
	});

	test('row 36: RST outside the window → dropped silently', () => {
		const r = more(established(), [inject('client', ['RST'], 90_000), 'deliver']);
		expect(r.last.server).toBe('ESTABLISHED');
		expect(sentIn(r.last)).toEqual([]);
	});

	test('row 37: SYN (any SEQ) → challenge ACK, dropped', () => {
		for (const seq of [101, 5000]) {
			const r = more(established(), [inject('client', ['SYN'], seq), 'deliver']);
			expect(r.last.server).toBe('ESTABLISHED');
			expect(sentIn(r.last)).toEqual(['server ACK seq=301 ack=101']);
		}
	});

	test('row 38: RTO with unacked data → the head again, RTO doubles; ETIMEDOUT after tcp_retries2 (924.6 s)', () => {
		const r = more(established(), [{client: 'send 100'}, 'drop', {advance: 'next'}]);
		expect(r.last.time).toBe(200);
		expect(sentIn(r.last)).toEqual(['client PSH,ACK seq=101 ack=301 len=100']);
		expect(r.last.timers).toContainEqual({side: 'client', name: 'retransmission', due: 600});
		let s = r;
		while (s.last.client === 'ESTABLISHED') s = more(s, ['drop', {advance: 'next'}]);
		expect(s.last.client).toBe('CLOSED');
		expect(s.last.time).toBeGreaterThanOrEqual(924_600);
		expect(s.last.signals.map((x) => x.name)).toEqual(['ETIMEDOUT']);
	});

	test('row 39: keepalive (SO_KEEPALIVE) → probe <SEQ=SND.NXT-1><ACK=RCV.NXT> at 7200 s', () => {
		const r = more(established({keepalive: {client: true}}), [{advance: 'next'}]);
		expect(r.last.time).toBe(7_200_000);
		expect(sentIn(r.last)).toEqual(['client ACK seq=100 ack=301']);
		const answered = more(r, ['deliver']);
		expect(sentIn(answered.last)).toEqual(['server ACK seq=301 ack=101']);
	});
});

describe('closing states', () => {
	const finWait1 = [...OPEN, {client: 'close'}];

	test('row 40: FIN-WAIT-1 + ACK of our FIN → FIN-WAIT-2', () => {
		const r = run({isn: ISN, steps: [...finWait1, 'deliver', 'deliver']});
		expect(r.last.client).toBe('FIN-WAIT-2');
		expect(sentIn(r.last)).toEqual([]);
	});

	test('row 41: FIN-WAIT-1 + FIN that also ACKs our FIN → TIME-WAIT, ACK, 2MSL started', () => {
		const r = run({isn: ISN, steps: [...finWait1, 'deliver', 'drop', {server: 'close'}, 'deliver']});
		expect(r.last.client).toBe('TIME-WAIT');
		expect(sentIn(r.last)).toEqual(['client ACK seq=102 ack=302']);
		expect(r.last.timers).toContainEqual({side: 'client', name: 'time-wait', due: 60_000});
	});

	test('row 42: FIN-WAIT-1 + FIN that does not ACK our FIN → CLOSING, ACK', () => {
		const r = run({isn: ISN, steps: [...OPEN, {client: 'close'}, {server: 'close'}, {deliver: 5}]});
		expect(r.last.client).toBe('CLOSING');
		expect(sentIn(r.last)).toEqual(['client ACK seq=102 ack=302']);
	});

	test('row 43: FIN-WAIT-1/2 after shutdown + data → delivered and ACKed, state kept (half-close)', () => {
		const fw1 = run({isn: ISN, steps: [...OPEN, {client: 'shutdown'}, {server: 'send 50'}, {deliver: 5}]});
		expect(fw1.last.client).toBe('FIN-WAIT-1');
		expect(sentIn(fw1.last)).toEqual(['client ACK seq=102 ack=351']);
		const fw2 = run({isn: ISN, steps: [...OPEN, {client: 'shutdown'}, 'deliver', 'deliver', {server: 'send 50'}, 'deliver']});
		expect(fw2.last.client).toBe('FIN-WAIT-2');
		expect(sentIn(fw2.last)).toEqual(['client ACK seq=102 ack=351']);
	});

	test('row 44: FIN-WAIT-1/2 after close() + new data → RST, CLOSED (Linux)', () => {
		const r = run({isn: ISN, steps: [...OPEN, {client: 'close'}, 'deliver', 'deliver', {server: 'send 50'}, 'deliver']});
		expect(r.last.client).toBe('CLOSED');
		expect(sentIn(r.last)).toEqual(['client RST seq=102 ack=-']); // <SEQ=SEG.ACK><CTL=RST>
	});

	test('row 45: FIN-WAIT-1 + RTO → FIN retransmitted', () => {
		const r = run({isn: ISN, steps: [...finWait1, 'drop', {advance: 'next'}]});
		expect(r.last.client).toBe('FIN-WAIT-1');
		expect(sentIn(r.last)).toEqual(['client FIN,ACK seq=101 ack=301']);
		expect(r.last.segments[0]!.retransmission).toBe(true);
	});

	test('row 46: FIN-WAIT-2 + FIN → TIME-WAIT, ACK', () => {
		const r = run({isn: ISN, steps: [...finWait1, 'deliver', 'deliver', {server: 'close'}, 'deliver']});
		expect(r.last.client).toBe('TIME-WAIT');
		expect(sentIn(r.last)).toEqual(['client ACK seq=102 ack=302']);
	});

	test('row 47: orphaned FIN-WAIT-2 (after close()) → CLOSED at tcp_fin_timeout, no segment', () => {
		const r = run({isn: ISN, steps: [...finWait1, 'deliver', 'deliver', {advance: 'next'}]});
		expect(r.last.client).toBe('CLOSED');
		expect(r.last.time).toBe(60_000);
		expect(sentIn(r.last)).toEqual([]);
		const shut = run({isn: ISN, steps: [...OPEN, {client: 'shutdown'}, 'deliver', 'deliver']});
		expect(shut.last.timers.filter((t) => t.side === 'client')).toEqual([]);
	});

	test('row 48: CLOSE-WAIT + send → data flows toward the side that closed', () => {
		const r = run({isn: ISN, steps: [...finWait1, 'deliver', {server: 'send 20'}]});
		expect(r.last.server).toBe('CLOSE-WAIT');
		expect(sentIn(r.last)).toEqual(['server PSH,ACK seq=301 ack=102 len=20']);
	});

	test('row 49: CLOSE-WAIT + close → LAST-ACK, FIN', () => {
		const r = run({isn: ISN, steps: [...finWait1, 'deliver', {server: 'close'}]});
		expect(r.last.server).toBe('LAST-ACK');
		expect(sentIn(r.last)).toEqual(['server FIN,ACK seq=301 ack=102']);
	});

	test('row 50: CLOSE-WAIT + retransmitted FIN → re-ACK, stay CLOSE-WAIT', () => {
		const r = run({isn: ISN, steps: [...finWait1, 'duplicate', {deliver: 4}, {deliver: 5}]});
		expect(r.last.server).toBe('CLOSE-WAIT');
		expect(sentIn(r.last)).toEqual(['server ACK seq=301 ack=102']);
	});

	test('row 51: CLOSING + ACK of our FIN → TIME-WAIT', () => {
		const r = run({isn: ISN, steps: [...OPEN, {client: 'close'}, {server: 'close'}, {deliver: 5}, {deliver: 4}, {deliver: 7}]});
		expect(r.last.client).toBe('TIME-WAIT');
		expect(sentIn(r.last)).toEqual([]);
	});

	test('row 52: CLOSING / LAST-ACK + RTO → FIN retransmitted with back-off', () => {
		const closing = run({isn: ISN, steps: [...OPEN, {client: 'close'}, {server: 'close'}, {deliver: 5}, {drop: 4}, {advance: 'next'}]});
		expect(closing.last.client).toBe('CLOSING');
		expect(sentIn(closing.last)).toContain('client FIN,ACK seq=101 ack=302');
		const lastAck = run({isn: ISN, steps: [...finWait1, 'deliver', 'deliver', {server: 'close'}, 'drop', {advance: 'next'}]});
		expect(lastAck.last.server).toBe('LAST-ACK');
		expect(sentIn(lastAck.last)).toEqual(['server FIN,ACK seq=301 ack=102']);
	});

	test('row 53: LAST-ACK + ACK of our FIN → CLOSED', () => {
		const r = run({isn: ISN, steps: [...finWait1, 'deliver', 'deliver', {server: 'close'}, 'deliver', 'deliver']});
		expect(r.last.server).toBe('CLOSED');
		expect(sentIn(r.last)).toEqual([]);
	});

	test('row 54: TIME-WAIT + retransmitted FIN → ACK and the 2MSL timer restarts', () => {
		const base = [...finWait1, 'deliver', 'deliver', {server: 'close'}, 'deliver', 'drop', {advance: 'next'}];
		const r = run({isn: ISN, steps: [...base, 'deliver']});
		expect(r.last.client).toBe('TIME-WAIT');
		expect(sentIn(r.last)).toEqual(['client ACK seq=102 ack=302']);
		expect(r.last.timerEvents).toContainEqual({side: 'client', name: 'time-wait', event: 'restarted', at: r.last.time});
		expect(r.last.timers).toContainEqual({side: 'client', name: 'time-wait', due: r.last.time + 60_000});
	});

	test('row 55: TIME-WAIT 2MSL timeout → CLOSED (Linux 60 s, RFC 240 s)', () => {
		const steps = [...finWait1, 'deliver', 'deliver', {server: 'close'}, 'deliver', 'deliver', {advance: 'next'}];
		const linux = run({isn: ISN, steps});
		expect(linux.last.client).toBe('CLOSED');
		expect(linux.last.time).toBe(60_000);
		const rfc = run({profile: 'rfc', isn: ISN, steps: [...finWait1, 'deliver', 'deliver', {server: 'close'}, 'deliver', 'deliver', {advance: 'next'}]});
		expect(rfc.last.client).toBe('CLOSED');
		expect(rfc.last.time).toBe(240_000);
	});

	test('row 56: TIME-WAIT + new SYN above the old sequence space → SYN-RECEIVED (new incarnation)', () => {
		const r = run({isn: ISN, steps: [...OPEN, {server: 'close'}, 'deliver', 'deliver', {client: 'close'}, 'deliver', 'deliver', {client: 'connect'}, 'deliver']});
		expect(r.steps.at(-3)!.server).toBe('TIME-WAIT');
		expect(r.last.server).toBe('SYN-RECEIVED');
		// tcp_timewait_state_process: ISS = old SND.NXT + 65535 + 2 = 302 + 65537
		expect(sentIn(r.last)).toEqual(['server SYN,ACK seq=65839 ack=201']);
	});

	test('row 57: CLOSING / LAST-ACK / TIME-WAIT + valid RST → CLOSED', () => {
		const timeWait = run({isn: ISN, steps: [...finWait1, 'deliver', 'deliver', {server: 'close'}, 'deliver', inject('server', ['RST'], 302), {deliver: 8}]});
		expect(timeWait.steps.at(-3)!.client).toBe('TIME-WAIT');
		expect(timeWait.last.client).toBe('CLOSED');
		const lastAck = run({isn: ISN, steps: [...finWait1, 'deliver', 'deliver', {server: 'close'}, inject('client', ['RST'], 102), {deliver: 7}]});
		expect(lastAck.last.server).toBe('CLOSED');
		const closing = run({isn: ISN, steps: [...OPEN, {client: 'close'}, {server: 'close'}, {deliver: 5}, inject('server', ['RST'], 302), {deliver: 7}]});
		expect(closing.steps.at(-3)!.client).toBe('CLOSING');
		expect(closing.last.client).toBe('CLOSED');
	});

	test('row 58: ESTABLISHED / FIN-WAIT-x / CLOSE-WAIT + valid RST → CLOSED, error to the application', () => {
		const fw2 = run({isn: ISN, steps: [...finWait1, 'deliver', 'deliver', inject('server', ['RST'], 301), 'deliver']});
		expect(fw2.last.client).toBe('CLOSED');
		expect(fw2.last.signals.map((x) => x.name)).toEqual(['ECONNRESET']);
		const cw = run({isn: ISN, steps: [...finWait1, 'deliver', inject('client', ['RST'], 102), {deliver: 6}]});
		expect(cw.last.server).toBe('CLOSED');
		expect(cw.last.signals.map((x) => x.name)).toEqual(['EPIPE']); // tcp_reset() in CLOSE-WAIT
	});

	test('row 59: user timeout → CLOSED, connection aborted', () => {
		const r = more(established({userTimeout: {client: 5000}}), [{client: 'send 10'}, 'drop']);
		let s = r;
		while (s.last.client === 'ESTABLISHED') s = more(s, [{advance: 'next'}]);
		expect(s.last.client).toBe('CLOSED');
		expect(s.last.time).toBe(5000);
		expect(s.last.signals.map((x) => x.name)).toEqual(['ETIMEDOUT']);
		expect(lastId(s)).toBeGreaterThan(6);
	});
});
