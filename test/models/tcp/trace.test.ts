/** The trace a long session keeps: compact step records that share what did not change, never mutated. */
import {describe, expect, test} from 'vitest';
import {apply, initialConnection, traceSteps, type TcpAction} from '../../../source/models/tcp/connection.js';

const run = (actions: TcpAction[]) => actions.reduce((s, a) => apply(s, a), initialConnection());

describe('step records', () => {
	const s = run([
		{type: 'user', side: 'server', call: 'listen'},
		{type: 'user', side: 'client', call: 'connect'},
		{type: 'deliver'},
		{type: 'advance', ms: 10},
		{type: 'advance', ms: 10},
	]);
	const [listen, connect, deliver, wait1, wait2] = traceSteps(s);

	test('every empty list is one frozen array: a record cannot be changed through it', () => {
		expect(listen!.segments).toBe(listen!.signals);
		expect(Object.isFrozen(listen!.segments)).toBe(true);
		expect(() => (listen!.signals as unknown[]).push('x')).toThrow();
	});

	test('a step shares the previous step\'s timers and in-flight ids when they did not change', () => {
		expect(connect!.timers.length).toBe(1);
		expect(deliver!.timers).not.toBe(connect!.timers); // the SYN-ACK started the server's timer
		expect(wait1!.timers).toBe(deliver!.timers);
		expect(wait2!.inFlight).toBe(wait1!.inFlight);
		expect(wait2!.inFlight).toEqual([2]);
	});
});
