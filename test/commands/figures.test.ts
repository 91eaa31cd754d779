/**
 * RFC 9293 figures 6, 7, 8, 12 and 13 reproduced segment for segment by `synack sim tcp`
 * scripts (test/fixtures/tcp/rfc-figure-*.yaml), in the rfc profile.
 */
import {describe, expect, test} from 'vitest';
import {runSimTcp} from '../../source/commands/sim-tcp.js';
import type {SimResult} from '../../source/commands/sim-tcp.js';
import {fmt} from '../models/tcp/helpers.js';

const io = {stdout() {}, stderr() {}, readStdin: () => ''};
const sim = (name: string) => runSimTcp(`test/fixtures/tcp/${name}.yaml`, io);

/** Every segment event in order, as `sent client SYN seq=100 ack=-`. */
const events = (r: SimResult) => r.steps.flatMap((s) => s.segments.map((e) => `${e.event} ${e.from} ${fmt(e)}`));
const states = (r: SimResult) => r.steps.map((s) => `${s.client} ${s.server}`);

describe('RFC 9293 figures', () => {
	test('Figure 6: basic three-way handshake', () => {
		const r = sim('rfc-figure-6');
		expect(events(r)).toEqual([
			'sent client SYN seq=100 ack=-',
			'delivered client SYN seq=100 ack=-',
			'sent server SYN,ACK seq=300 ack=101',
			'delivered server SYN,ACK seq=300 ack=101',
			'sent client ACK seq=101 ack=301',
			'delivered client ACK seq=101 ack=301',
			// line 5: the data segment carries the same SEQ as the pure ACK (the figure omits PSH, MUST-61 sets it)
			'sent client PSH,ACK seq=101 ack=301 len=10',
			'delivered client PSH,ACK seq=101 ack=301 len=10',
			'sent server ACK seq=301 ack=111',
		]);
		expect(states(r)).toEqual([
			'CLOSED LISTEN',
			'SYN-SENT LISTEN',
			'SYN-SENT SYN-RECEIVED',
			'ESTABLISHED SYN-RECEIVED',
			'ESTABLISHED ESTABLISHED',
			'ESTABLISHED ESTABLISHED',
			'ESTABLISHED ESTABLISHED',
		]);
	});

	test('Figure 7: simultaneous open, each side CLOSED → SYN-SENT → SYN-RECEIVED → ESTABLISHED', () => {
		const r = sim('rfc-figure-7');
		expect(events(r)).toEqual([
			'sent client SYN seq=100 ack=-',
			'sent server SYN seq=300 ack=-',
			'delivered server SYN seq=300 ack=-',
			'sent client SYN,ACK seq=100 ack=301',
			'delivered client SYN seq=100 ack=-',
			'sent server SYN,ACK seq=300 ack=101',
			'delivered server SYN,ACK seq=300 ack=101',
			'delivered client SYN,ACK seq=100 ack=301',
		]);
		expect(states(r)).toEqual([
			'SYN-SENT CLOSED',
			'SYN-SENT SYN-SENT',
			'SYN-RECEIVED SYN-SENT',
			'SYN-RECEIVED SYN-RECEIVED',
			'ESTABLISHED SYN-RECEIVED',
			'ESTABLISHED ESTABLISHED',
		]);
	});

	test('Figure 8: recovery from an old duplicate SYN', () => {
		const r = sim('rfc-figure-8');
		expect(events(r)).toEqual([
			'sent client SYN seq=100 ack=-',
			'sent client SYN seq=90 ack=-',
			'delivered client SYN seq=90 ack=-',
			'sent server SYN,ACK seq=300 ack=91',
			'delivered server SYN,ACK seq=300 ack=91',
			'sent client RST seq=91 ack=-',
			'delivered client RST seq=91 ack=-',
			'delivered client SYN seq=100 ack=-',
			'sent server SYN,ACK seq=400 ack=101',
			'delivered server SYN,ACK seq=400 ack=101',
			'sent client ACK seq=101 ack=401',
			'delivered client ACK seq=101 ack=401',
		]);
		expect(states(r).slice(3)).toEqual([
			'SYN-SENT SYN-RECEIVED',
			'SYN-SENT SYN-RECEIVED',
			'SYN-SENT LISTEN',
			'SYN-SENT SYN-RECEIVED',
			'ESTABLISHED SYN-RECEIVED',
			'ESTABLISHED ESTABLISHED',
		]);
		expect(r.steps[1]!.segments[0]!.injected).toBe(false);
		expect(r.steps[2]!.segments[0]!.injected).toBe(true);
	});

	test('Figure 12: normal close sequence', () => {
		const r = sim('rfc-figure-12');
		expect(events(r).slice(6)).toEqual([
			'sent client FIN,ACK seq=100 ack=300',
			'delivered client FIN,ACK seq=100 ack=300',
			'sent server ACK seq=300 ack=101',
			'delivered server ACK seq=300 ack=101',
			'sent server FIN,ACK seq=300 ack=101',
			'delivered server FIN,ACK seq=300 ack=101',
			'sent client ACK seq=101 ack=301',
			'delivered client ACK seq=101 ack=301',
		]);
		expect(states(r).slice(5)).toEqual([
			'FIN-WAIT-1 ESTABLISHED',
			'FIN-WAIT-1 CLOSE-WAIT',
			'FIN-WAIT-2 CLOSE-WAIT',
			'FIN-WAIT-2 LAST-ACK',
			'TIME-WAIT LAST-ACK',
			'TIME-WAIT CLOSED',
			'CLOSED CLOSED',
		]);
		expect(r.final.time).toBe(240_000); // 2 MSL with MSL = 2 min
	});

	test('Figure 13: simultaneous close, both ends pass through CLOSING to TIME-WAIT', () => {
		const r = sim('rfc-figure-13');
		expect(events(r).slice(6)).toEqual([
			'sent client FIN,ACK seq=100 ack=300',
			'sent server FIN,ACK seq=300 ack=100',
			'delivered client FIN,ACK seq=100 ack=300',
			'sent server ACK seq=301 ack=101',
			'delivered server FIN,ACK seq=300 ack=100',
			'sent client ACK seq=101 ack=301',
			'delivered server ACK seq=301 ack=101',
			'delivered client ACK seq=101 ack=301',
		]);
		expect(states(r).slice(5)).toEqual([
			'FIN-WAIT-1 ESTABLISHED',
			'FIN-WAIT-1 FIN-WAIT-1',
			'FIN-WAIT-1 CLOSING',
			'CLOSING CLOSING',
			'TIME-WAIT CLOSING',
			'TIME-WAIT TIME-WAIT',
			'CLOSED CLOSED',
		]);
	});
});
