/** The acceptance scenarios of the TCP model, each a script in test/fixtures/tcp/, run as `sim tcp` runs it. */
import {describe, expect, test} from 'vitest';
import {runSimTcp, type SimResult} from '../../source/commands/sim-tcp.js';
import {fmt} from '../models/tcp/helpers.js';

const io = {stdout() {}, stderr() {}, readStdin: () => ''};
const sim = (name: string) => runSimTcp(`test/fixtures/tcp/${name}.yaml`, io);
const all = (r: SimResult) => r.steps.flatMap((s) => s.segments);
const sentTimes = (r: SimResult, from: string, flags: string) =>
	all(r)
		.filter((e) => e.event === 'sent' && e.from === from && e.flags.join(',') === flags)
		.map((e) => e.at / 1000);
const signals = (r: SimResult) => r.steps.flatMap((s) => s.signals.map((x) => `${x.side} ${x.name} @${x.at / 1000}`));

describe('SYN lost until connect() fails', () => {
	test('linux: SYNs at 0,1,2,3,4,5,7,11,19,35,67 s, ETIMEDOUT at 131 s', () => {
		const r = sim('syn-lost-linux');
		expect(sentTimes(r, 'client', 'SYN')).toEqual([0, 1, 2, 3, 4, 5, 7, 11, 19, 35, 67]);
		expect(new Set(all(r).filter((e) => e.event === 'sent').map((e) => e.seq))).toEqual(new Set([1000]));
		expect(r.final).toEqual({time: 131_000, client: 'CLOSED', server: 'CLOSED'});
		expect(signals(r)).toEqual(['client ETIMEDOUT @131']);
	});

	test('rfc: RTO 1 s doubling, capped at 60 s; SYNs at 0,1,3,7,15,31,63,123 s, given up at 183 s (≥ 3 min)', () => {
		const r = sim('syn-lost-rfc');
		expect(sentTimes(r, 'client', 'SYN')).toEqual([0, 1, 3, 7, 15, 31, 63, 123]);
		expect(r.final).toEqual({time: 183_000, client: 'CLOSED', server: 'CLOSED'});
		expect(signals(r)).toEqual(['client ETIMEDOUT @183']);
	});
});

test('SYN,ACK lost: retransmitted at 1 s, the duplicate SYN is answered again, both ESTABLISHED', () => {
	const r = sim('synack-lost');
	expect(sentTimes(r, 'server', 'SYN,ACK')).toEqual([0, 1, 1]);
	expect(all(r).filter((e) => e.event === 'sent' && e.from === 'server' && e.retransmission)).toHaveLength(2);
	expect(r.final).toMatchObject({client: 'ESTABLISHED', server: 'ESTABLISHED'});
});

test('third ACK lost, then data: the data ACK completes the handshake, no RST', () => {
	const r = sim('third-ack-lost-data');
	const delivery = r.steps[6]!;
	expect(delivery.segments.map((e) => `${e.event} ${fmt(e)}`)).toEqual([
		'delivered PSH,ACK seq=101 ack=301 len=5',
		'sent ACK seq=301 ack=106',
	]);
	expect(delivery.server).toBe('ESTABLISHED');
	expect(all(r).some((e) => e.flags.includes('RST'))).toBe(false);
	expect(r.final).toMatchObject({client: 'ESTABLISHED', server: 'ESTABLISHED'});
});

test('third ACK lost and the half-open entry expires at 63 s: later data meets LISTEN and is reset', () => {
	const r = sim('third-ack-lost-expired');
	expect(sentTimes(r, 'server', 'SYN,ACK')).toEqual([0, 1, 3, 7, 15, 31]);
	const expiry = r.steps.find((s) => s.time === 63_000 && s.server === 'LISTEN');
	expect(expiry).toBeDefined();
	expect(all(r).filter((e) => e.flags.includes('RST')).map((e) => `${e.event} ${e.from} ${fmt(e)} @${e.at / 1000}`)).toEqual([
		'sent server RST seq=301 ack=- @70',
		'delivered server RST seq=301 ack=- @70',
	]);
	expect(signals(r)).toEqual(['client ECONNRESET @70']);
	expect(r.final).toMatchObject({client: 'CLOSED', server: 'LISTEN'});
});

test('connection refused: <SEQ=0><ACK=ISN+1><CTL=RST,ACK>, ECONNREFUSED', () => {
	const r = sim('refused');
	expect(r.steps[1]!.segments.map((e) => `${e.event} ${e.from} ${fmt(e)}`)).toEqual([
		'delivered client SYN seq=1000 ack=-',
		'sent server RST,ACK seq=0 ack=1001',
	]);
	expect(signals(r)).toEqual(['client ECONNREFUSED @0']);
	expect(r.final).toMatchObject({client: 'CLOSED', server: 'CLOSED'});
});

test('last ACK lost: FIN re-sent, re-ACKed, TIME-WAIT restarted', () => {
	const r = sim('last-ack-lost');
	const resend = r.steps[11]!;
	expect(resend.time).toBe(200); // the server's RTO after an RTT of 0 (Linux floor 200 ms)
	expect(resend.segments.map((e) => `${e.event} ${e.from} ${fmt(e)}${e.retransmission ? ' ↻' : ''}`)).toEqual([
		'sent server FIN,ACK seq=301 ack=102 ↻',
	]);
	const reack = r.steps[12]!;
	expect(reack.segments.map((e) => `${e.event} ${e.from} ${fmt(e)}`)).toEqual([
		'delivered server FIN,ACK seq=301 ack=102',
		'sent client ACK seq=102 ack=302',
	]);
	expect(reack.timerEvents).toContainEqual({side: 'client', name: 'time-wait', event: 'restarted', at: 200});
	expect(r.steps[13]!.server).toBe('CLOSED');
	expect(r.final).toEqual({time: 60_200, client: 'CLOSED', server: 'CLOSED'});
});

test('simultaneous close: both ends pass CLOSING and wait in TIME-WAIT', () => {
	const r = sim('simultaneous-close');
	expect(r.steps.map((s) => `${s.client}/${s.server}`).slice(5)).toEqual([
		'FIN-WAIT-1/ESTABLISHED',
		'FIN-WAIT-1/FIN-WAIT-1',
		'FIN-WAIT-1/CLOSING',
		'CLOSING/CLOSING',
		'TIME-WAIT/CLOSING',
		'TIME-WAIT/TIME-WAIT',
	]);
	expect(r.steps.at(-1)!.timers.filter((t) => t.name === 'time-wait').map((t) => t.side)).toEqual(['client', 'server']);
});

test('half-close: data flows from the server in CLOSE-WAIT to the client in FIN-WAIT-2', () => {
	const r = sim('half-close');
	const data = all(r).filter((e) => e.len > 0);
	expect(data.map((e) => `${e.event} ${e.from} len=${e.len}`)).toEqual([
		'sent server len=1000',
		'delivered server len=1000',
		'sent server len=500',
		'delivered server len=500',
	]);
	expect(r.steps.filter((s) => s.segments.some((e) => e.len > 0)).every((s) => s.server === 'CLOSE-WAIT' && s.client === 'FIN-WAIT-2')).toBe(true);
	expect(r.final).toMatchObject({client: 'TIME-WAIT', server: 'CLOSED'});
});

test('close() with unread data sends RST,ACK instead of FIN; the peer is reset', () => {
	const r = sim('close-unread');
	expect(r.steps[8]!.segments.map((e) => `${e.event} ${e.from} ${fmt(e)}`)).toEqual(['sent server RST,ACK seq=301 ack=201']);
	expect(all(r).some((e) => e.flags.includes('FIN'))).toBe(false);
	expect(signals(r)).toEqual(['client ECONNRESET @0']);
	expect(r.final).toMatchObject({client: 'CLOSED', server: 'CLOSED'});
});

test('keepalive exhausted: 9 probes from 7200 s every 75 s, RST and ETIMEDOUT at 7875 s', () => {
	const r = sim('keepalive-exhausted');
	const probes = all(r).filter((e) => e.event === 'sent' && e.from === 'client' && e.flags.join(',') === 'ACK' && e.seq === 100);
	expect(probes.map((e) => e.at / 1000)).toEqual([7200, 7275, 7350, 7425, 7500, 7575, 7650, 7725, 7800]);
	const reset = all(r).filter((e) => e.flags.includes('RST'));
	expect(reset.map((e) => `${e.from} ${fmt(e)} @${e.at / 1000}`)).toEqual(['client RST,ACK seq=101 ack=301 @7875']);
	expect(signals(r)).toEqual(['client ETIMEDOUT @7875']);
});

describe('SYN flood past the backlog', () => {
	test('with SYN cookies: 128 half-open, 172 cookies; the real client connects through a cookie', () => {
		const r = sim('flood-syncookies');
		expect(r.steps[1]!.listen).toEqual({synQueue: 128, acceptQueue: 0, dropped: 0, cookies: 172});
		expect(r.steps[3]!.server).toBe('LISTEN'); // no state kept for the cookie SYN,ACK
		expect(r.steps[3]!.timers.filter((t) => t.side === 'server' && t.name === 'retransmission')).toEqual([]);
		expect(r.final).toMatchObject({client: 'ESTABLISHED', server: 'ESTABLISHED'});
	});

	test('without SYN cookies: the real SYN is dropped until the flood expires at 63 s', () => {
		const r = sim('flood-no-syncookies');
		expect(r.steps[1]!.listen).toEqual({synQueue: 128, acceptQueue: 0, dropped: 172, cookies: 0});
		expect(r.steps[3]!.server).toBe('LISTEN');
		expect(r.steps[5]!.listen!.dropped).toBe(174);
		expect(r.final).toMatchObject({time: 63_000, client: 'SYN-SENT', server: 'SYN-RECEIVED'});
	});

	test('accept queue full: the SYN is dropped silently; after accept() it gets through', () => {
		const r = sim('accept-queue-full');
		expect(r.steps[1]!.listen).toEqual({synQueue: 0, acceptQueue: 3, dropped: 0, cookies: 0});
		expect(r.steps[3]!.segments.map((e) => e.event)).toEqual(['delivered']);
		expect(r.steps[3]!.server).toBe('LISTEN');
		expect(r.final).toMatchObject({client: 'SYN-SENT', server: 'SYN-RECEIVED'});
	});
});
