/**
 * Start-up, key-to-frame latency and memory of the built tutor in a real pseudo-terminal,
 * against a hello-world Ink app bundled the same way.
 */
import {readFileSync, mkdtempSync, mkdirSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import * as pty from 'node-pty';
import {tcpLab} from '../../source/models/tcp/lab.js';

const env = (): Record<string, string> => {
	const out: Record<string, string> = {};
	for (const [k, v] of Object.entries(process.env)) if (v !== undefined && k !== 'CI' && k !== 'NODE_ENV') out[k] = v;
	return {...out, TERM: 'xterm-256color', SYNACK_HOME: mkdtempSync(join(tmpdir(), 'synack-bench-')), LANG: 'en_US.UTF-8'};
};

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))]!;
const peakRss = (pid: number): number => {
	const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
	return m ? Math.round(Number(m[1]) / 1024) : NaN;
};

/** Spawn, wait until `marker` has been printed, report ms since spawn and the peak RSS then. */
async function firstFrame(file: string, args: string[], marker: string): Promise<{ms: number; rssMb: number}> {
	const t0 = performance.now();
	const child = pty.spawn(process.execPath, [file, ...args], {cols: 100, rows: 30, env: env()});
	let out = '';
	const ms = await new Promise<number>((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`no first frame from ${file}`)), 20_000);
		child.onData((d) => {
			out += d;
			if (out.includes(marker)) {
				clearTimeout(timer);
				resolve(performance.now() - t0);
			}
		});
	});
	const rssMb = peakRss(child.pid);
	child.kill();
	return {ms, rssMb};
}

async function coldRuns(file: string, args: string[], marker: string, runs: number) {
	const results = [];
	for (let i = 0; i < runs; i++) results.push(await firstFrame(file, args, marker));
	return {firstFrameMs: Math.round(median(results.map((r) => r.ms))), rssMb: median(results.map((r) => r.rssMb))};
}

/** A lesson whose setup leaves over 2,000 lines in the lab's log (counted with the model itself). */
function longLogLesson(): {dir: string; steps: number; logLines: number} {
	const dir = mkdtempSync(join(tmpdir(), 'synack-bench-lessons-'));
	mkdirSync(join(dir, 'en'));
	const steps: unknown[] = [{server: 'listen'}];
	const cycle = [{client: 'connect'}, 'deliver', 'deliver', 'deliver', {client: 'close'}, 'deliver', 'deliver', {server: 'close'}, 'deliver', 'deliver', {advance: 'next'}];
	for (let i = 0; i < 210; i++) steps.push(...cycle);
	const front = ['---', 'id: bench-long-log', 'title: Bench', 'track: tcp', 'order: 99', 'minutes: 1', 'lab: tcp', `setup: ${JSON.stringify({steps})}`, 'sources: [bench]', '---', '', '## Bench', '', 'A long log.', ''];
	writeFileSync(join(dir, 'en', 'bench.md'), front.join('\n'));
	const start = tcpLab.init({steps});
	if (!start.ok) throw new Error(`the bench lesson's setup is refused: ${start.problems.map((p) => p.message).join('; ')}`);
	const logLines = tcpLab.view(start.snapshot, {log: Number.MAX_SAFE_INTEGER}).log.length;
	if (logLines < 2000) throw new Error(`the bench lesson leaves only ${logLines} lines in the lab's log (2,000 wanted)`);
	return {dir, steps: steps.length, logLines};
}

async function keyLatency(keys: number, cols: number, rows: number) {
	const {dir, steps, logLines} = longLogLesson();
	const child = pty.spawn(process.execPath, ['bundle/cli.mjs', '--lessons', dir, 'learn', 'bench-long-log'], {cols, rows, env: env()});
	let out = '';
	let lastData = performance.now();
	let waiting: ((t: number) => void) | null = null;
	child.onData((d) => {
		out += d;
		lastData = performance.now();
		if (waiting) {
			const w = waiting;
			waiting = null;
			w(lastData);
		}
	});
	const until = Date.now() + 20_000;
	while (!out.includes('TCP › Bench') && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
	// Narrower than 120 columns the lab is one key (v) away from the text.
	if (cols < 120) child.write('v');
	while (!out.includes('Lab: TCP') && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
	// Let the first frames settle.
	while (performance.now() - lastData < 300) await new Promise((r) => setTimeout(r, 20));
	const cycle = ['c', ' ', ' ', ' ', 'f', ' ', ' ', '\t', 'f', '\t', ' ', ' ', 't'];
	const samples: number[] = [];
	for (let i = 0; i < keys; i++) {
		const key = cycle[i % cycle.length]!;
		const frame = new Promise<number>((resolve) => (waiting = resolve));
		const t0 = performance.now();
		child.write(key);
		const t1 = await Promise.race([frame, new Promise<number>((r) => setTimeout(() => r(NaN), 2000))]);
		samples.push(t1 - t0);
		// 50 ms of quiet between keys, as a person's fastest deliberate pace (and outside Ink's frame throttle).
		while (performance.now() - lastData < 50) await new Promise((r) => setTimeout(r, 5));
	}
	const rssMb = peakRss(child.pid);
	child.kill();
	const ok = samples.filter((x) => Number.isFinite(x));
	return {terminal: `${cols}×${rows}`, setupSteps: steps, logLines, keys, framesSeen: ok.length, p50Ms: +percentile(ok, 50).toFixed(1), p99Ms: +percentile(ok, 99).toFixed(1), maxMs: +Math.max(...ok).toFixed(1), peakRssMb: rssMb};
}

export async function benchTui() {
	const hello = await coldRuns('bundle/bench-hello.mjs', [], 'Hello, world', 10);
	const synack = await coldRuns('bundle/cli.mjs', [], 'The three-way handshake', 10);
	const latency = await keyLatency(200, 200, 50);
	const small = await keyLatency(200, 80, 24);
	return {
		firstFrame: {
			helloWorldMs: hello.firstFrameMs,
			synackMs: synack.firstFrameMs,
			ratio: +(synack.firstFrameMs / hello.firstFrameMs).toFixed(2),
			target: 'synack ≤ 1.5 × hello world (median of 10 cold runs, spawn to first frame in a pty)',
		},
		keyToFrame: {wide: latency, narrow: small, target: 'p50 ≤ 16 ms, p99 ≤ 33 ms'},
		memory: {
			helloWorldRssMb: hello.rssMb,
			synackMapRssMb: synack.rssMb,
			synackLabRssMb200x50: latency.peakRssMb,
			synackLabRssMb80x24: small.peakRssMb,
			ratio200x50: +(latency.peakRssMb / hello.rssMb).toFixed(2),
			ratio80x24: +(small.peakRssMb / hello.rssMb).toFixed(2),
			target: 'peak RSS ≤ 1.5 × hello world',
		},
	};
}
