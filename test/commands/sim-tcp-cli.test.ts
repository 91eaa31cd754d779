/** `synack sim tcp` as a user or a grader runs it: the built CLI, its exit codes, stdout and stderr. */
import {mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, test} from 'vitest';
import {synack} from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'synack-sim-'));
const script = (name: string, text: string) => {
	const file = join(dir, name);
	writeFileSync(file, text);
	return file;
};

describe('synack sim tcp', () => {
	test('--json prints the CLI-JSON document', () => {
		const r = synack(['sim', 'tcp', 'test/fixtures/tcp/handshake.yaml', '--json']);
		expect(r.code).toBe(0);
		const doc = JSON.parse(r.stdout);
		expect(doc.profile).toBe('linux');
		expect(doc.steps[1]).toMatchObject({
			index: 2,
			action: 'client connect',
			time: 0,
			client: 'SYN-SENT',
			server: 'LISTEN',
			segments: [{id: 1, from: 'client', flags: ['SYN'], seq: 100, ack: null, len: 0, event: 'sent', retransmission: false}],
			inFlight: [1],
			timers: [{side: 'client', name: 'retransmission', due: 1000}],
			error: null,
		});
		expect(doc.final).toEqual({time: 0, client: 'ESTABLISHED', server: 'ESTABLISHED'});
		expect(doc.steps[0].listen).toEqual({synQueue: 0, acceptQueue: 0, dropped: 0, cookies: 0});
	});

	test('without --json it prints a two-column sequence diagram', () => {
		const r = synack(['sim', 'tcp', 'test/fixtures/tcp/third-ack-lost-expired.yaml']);
		expect(r.code).toBe(0);
		expect(r.stdout).toMatch(/client\s+server/);
		expect(r.stdout).toContain('├─ #1 SYN seq=100 ');
		expect(r.stdout).toMatch(/#3 ACK seq=101 ack=301 ─ ✗/); // the lost third ACK
		expect(r.stdout).toContain('#4 SYN,ACK seq=300 ack=101 ↻'); // a retransmission
		expect(r.stdout).toContain('⏱ 63.000 s  server retransmission timer fires');
		expect(r.stdout).toMatch(/◁┈+ #10 RST seq=301 ┈┤/);
		expect(r.stdout).toContain('final at 70.000 s: client CLOSED, server LISTEN');
		const widest = Math.max(...r.stdout.split('\n').map((l) => [...l].length));
		expect(widest).toBeLessThanOrEqual(100);
	});

	test('reads the script from stdin with -, and takes JSON as well as YAML', () => {
		const json = JSON.stringify({steps: [{client: 'connect'}, 'deliver']});
		const r = synack(['sim', 'tcp', '-', '--json'], json);
		expect(r.code).toBe(0);
		expect(JSON.parse(r.stdout).final).toEqual({time: 0, client: 'SYN-SENT', server: 'CLOSED'});
	});

	test('a socket call the state does not allow is recorded in the step, and the run goes on', () => {
		const file = script('calls.yaml', 'steps:\n  - client: send 10\n  - server: listen\n  - server: listen\n  - client: connect\n');
		const r = synack(['sim', 'tcp', file, '--json']);
		expect(r.code).toBe(0);
		const doc = JSON.parse(r.stdout);
		expect(doc.steps.map((s: {error: string | null}) => s.error)).toEqual([
			'connection does not exist',
			null,
			'connection already exists',
			null,
		]);
		expect(doc.final.client).toBe('SYN-SENT');
	});

	describe('bad input exits 2 and names the step', () => {
		const cases: Array<[string, string, RegExp]> = [
			['invalid YAML', 'steps:\n  - client: connect\n   - deliver\n', /bad\.yaml:3: not valid YAML or JSON/],
			['invalid JSON', '{"steps": [ {"client": "connect"}, ]', /bad\.yaml:1: not valid YAML or JSON/],
			['an unknown action', 'steps:\n  - server: listen\n  - teleport: 3\n', /bad\.yaml:3: step 2: unknown action 'teleport'/],
			['an unknown socket call', 'steps:\n  - client: dial\n', /step 1: client: unknown socket call 'dial'/],
			['deliver with nothing in flight', 'steps:\n  - server: listen\n  - deliver\n', /bad\.yaml:3: step 2: deliver: nothing in flight/],
			['deliver: 9 when #9 is not in flight', 'steps:\n  - client: connect\n  - deliver: 9\n', /step 2: deliver: segment #9 is not in flight \(in flight: #1\)/],
			['a negative advance', 'steps:\n  - advance: -5\n', /step 1: advance: -5 is negative/],
			['advance next with no timer', 'steps:\n  - advance: next\n', /step 1: advance: next: no timer is running/],
			['an unknown setting', 'profil: rfc\nsteps: []\n', /bad\.yaml:1: unknown setting 'profil'/],
			['a missing step list', 'profile: linux\n', /steps: a script needs a list of steps/],
			['an injected ACK without an acknowledgment number', 'steps:\n  - inject: {from: client, flags: [ACK], seq: 5}\n', /bad\.yaml:2: step 1: inject: the ACK flag needs an acknowledgment number/],
			['YAML 1.1 numbers (1_000 is a string in YAML 1.2)', 'steps:\n  - client: connect\n  - advance: 1_000\n', /bad\.yaml:3: step 2: advance/],
			[
				'an alias that expands a thousandfold',
				`a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [${Array(10).fill('*a').join(', ')}]\nc: [${Array(10).fill('*b').join(', ')}]\nsteps: [deliver]\n`,
				/bad\.yaml: not valid YAML or JSON — Excessive alias count/,
			],
		];
		for (const [what, text, message] of cases) {
			test(what, () => {
				const r = synack(['sim', 'tcp', script('bad.yaml', text)]);
				expect(r.code).toBe(2);
				expect(r.stderr).toMatch(message);
				expect(r.stdout).toBe('');
			});
		}

		test('a file that does not exist', () => {
			const r = synack(['sim', 'tcp', join(dir, 'nope.yaml')]);
			expect(r.code).toBe(2);
			expect(r.stderr).toMatch(/nope\.yaml: cannot read the script \(ENOENT\)/);
		});

		test('no script, or a model that does not exist', () => {
			expect(synack(['sim', 'tcp']).code).toBe(2);
			const r = synack(['sim', 'udp', 'x']);
			expect(r.code).toBe(2);
			expect(r.stderr).toMatch(/no model 'udp'/);
		});
	});
});
