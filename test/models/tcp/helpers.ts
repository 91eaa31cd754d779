import {apply, initialConnection, tcbOf, type ConnectionState, type SegmentEvent, type StepRecord} from '../../../source/models/tcp/connection.js';
import {formatProblem, parseScript} from '../../../source/models/tcp/script.js';

export type Run = {state: ConnectionState; steps: StepRecord[]; last: StepRecord};

/** Run a script given as data (settings + steps), exactly as `synack sim tcp` would. */
export function run(script: Record<string, unknown>, more: unknown[] = []): Run {
	const parsed = parseScript({...script, steps: [...((script['steps'] as unknown[]) ?? []), ...more]});
	if (!parsed.ok) throw new Error(parsed.problems.map(formatProblem).join('\n'));
	let state = initialConnection(parsed.script.settings);
	const steps: StepRecord[] = [];
	for (const a of parsed.script.steps) {
		state = apply(state, a);
		steps.push(state.last!);
	}
	return {state, steps, last: steps.at(-1)!};
}

/** Continue a run with more steps. (Not named `then`: a module exporting `then` is a thenable.) */
export function more(r: Run, extra: unknown[]): Run {
	const parsed = parseScript({steps: extra});
	if (!parsed.ok) throw new Error(parsed.problems.map(formatProblem).join('\n'));
	let state = r.state;
	const steps = [...r.steps];
	for (const a of parsed.script.steps) {
		state = apply(state, a);
		steps.push(state.last!);
	}
	return {state, steps, last: steps.at(-1)!};
}

/** `FLAGS seq=N ack=N [len=N]`, the RFC figures' contents in one string. */
export const fmt = (e: Pick<SegmentEvent, 'flags' | 'seq' | 'ack' | 'len'>): string =>
	`${e.flags.join(',')} seq=${e.seq} ack=${e.ack ?? '-'}${e.len ? ` len=${e.len}` : ''}`;

/** The segments sent during the last step, formatted, with the sender. */
export const sentIn = (step: StepRecord): string[] =>
	step.segments.filter((e) => e.event === 'sent').map((e) => `${e.from} ${fmt(e)}`);

export const tcb = (r: Run, side: 'client' | 'server') => tcbOf(r.state, side);

/** Client ISS 100, server ISS 300 (RFC 9293 Figure 6), connected. */
export const ISN = {client: 100, server: 300};
export const OPEN = [{server: 'listen'}, {client: 'connect'}, 'deliver', 'deliver', 'deliver'];
export const established = (settings: Record<string, unknown> = {}) => run({isn: ISN, ...settings, steps: OPEN});
