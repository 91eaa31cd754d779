/**
 * `sim tcp` throughput: a generated 10,000-step script (handshake, 20 round trips of data,
 * a lost segment and its retransmission, teardown, TIME-WAIT; again and again), parsed and run
 * the way `synack sim tcp --json` runs it.
 */
import {stringify} from 'yaml';
import {writeFileSync, mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {runSimTcp} from '../../source/commands/sim-tcp.js';
import {apply, initialConnection} from '../../source/models/tcp/connection.js';
import {parseScript} from '../../source/models/tcp/script.js';

export function generatedScript(target = 10_000): {steps: unknown[]} {
	const steps: unknown[] = [{server: 'listen'}];
	while (steps.length < target) {
		steps.push({client: 'connect'}, 'deliver', 'deliver', 'deliver');
		for (let i = 0; i < 20; i++) steps.push({client: 'send 100'}, 'deliver', 'deliver');
		steps.push({server: 'send 500'}, 'drop', {advance: 'next'}, 'deliver', 'deliver');
		steps.push({client: 'close'}, 'deliver', 'deliver', {server: 'close'}, 'deliver', 'deliver', {advance: 'next'});
	}
	return {steps: steps.slice(0, target)};
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export function benchSimTcp(format: 'json' | 'yaml', runs = 5) {
	const dir = mkdtempSync(join(tmpdir(), 'synack-bench-'));
	const file = join(dir, `generated.${format}`);
	const script = generatedScript();
	writeFileSync(file, format === 'json' ? JSON.stringify(script) : stringify(script));
	const io = {stdout() {}, stderr() {}, readStdin: () => ''};
	const parsed = parseScript(script, {requireSteps: true});
	if (!parsed.ok) throw new Error('the generated script does not parse');
	const endToEnd: number[] = [];
	const modelOnly: number[] = [];
	for (let i = 0; i < runs + 1; i++) {
		let t0 = performance.now();
		const result = runSimTcp(file, io);
		JSON.stringify(result);
		const whole = performance.now() - t0;
		if (result.steps.length !== script.steps.length) throw new Error('the generated script did not run to the end');
		t0 = performance.now();
		let s = initialConnection(parsed.script.settings);
		for (const a of parsed.script.steps) s = apply(s, a);
		const model = performance.now() - t0;
		if (i > 0) {
			// the first run warms the JIT
			endToEnd.push(whole);
			modelOnly.push(model);
		}
	}
	const perSecond = (ms: number) => Math.round((script.steps.length / ms) * 1000);
	return {
		format,
		steps: script.steps.length,
		medianMs: Math.round(median(endToEnd)),
		stepsPerSecond: perSecond(median(endToEnd)),
		modelOnlyStepsPerSecond: perSecond(median(modelOnly)),
	};
}
