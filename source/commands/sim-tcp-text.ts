/**
 * The readable form of `synack sim tcp`: a two-column sequence diagram in plain text.
 *   ├─ … ─▶┤  delivered      ┈┈▷  sent, still in flight      ✗  lost      ↻  retransmission
 */
import type {SegmentEvent, StepRecord} from '../models/tcp/connection.js';
import type {SimResult} from './sim-tcp.js';

const WIDTH = 44;
const STATE = 13;

export const seconds = (ms: number): string => (ms / 1000).toFixed(3);

export function segmentLabel(e: Pick<SegmentEvent, 'id' | 'flags' | 'seq' | 'ack' | 'len' | 'retransmission' | 'injected'>): string {
	const parts = [`#${e.id}`, e.flags.join(','), `seq=${e.seq}`];
	if (e.ack !== null) parts.push(`ack=${e.ack}`);
	if (e.len > 0) parts.push(`len=${e.len}`);
	if (e.retransmission) parts.push('↻');
	if (e.injected) parts.push('(injected)');
	return parts.join(' ');
}

const fill = (ch: string, n: number) => ch.repeat(Math.max(1, n));

/** One arrow between the lanes, WIDTH columns wide (wider if the label needs it). */
export function arrow(e: SegmentEvent): string {
	const label = segmentLabel(e);
	const room = Math.max(WIDTH, label.length + 8) - label.length;
	const fromClient = e.from === 'client';
	switch (e.event) {
		case 'delivered':
			return fromClient ? `├─ ${label} ${fill('─', room - 5)}▶┤` : `├◀${fill('─', room - 5)} ${label} ─┤`;
		case 'sent':
			return fromClient ? `├┈ ${label} ${fill('┈', room - 6)}▷ ` : ` ◁${fill('┈', room - 6)} ${label} ┈┤`;
		case 'dropped':
			return fromClient ? `├─ ${label} ─ ✗${' '.repeat(room - 7)} ` : ` ${' '.repeat(room - 7)}✗ ─ ${label} ─┤`;
		case 'duplicated':
			return `   ${label} = a copy of #${e.of} joins the network`.padEnd(WIDTH);
	}
}

function stepLines(step: StepRecord): string[] {
	const lines = [`[${step.index}] ${step.action}`.padEnd(8 + STATE + WIDTH) + `${seconds(step.time)} s`];
	const states = (first: boolean) =>
		first ? [step.client.padEnd(STATE), step.server] : [' '.repeat(STATE), ''];
	if (step.segments.length === 0) {
		const [c, s] = states(true);
		lines.push(`${' '.repeat(8)}${c} ${' '.repeat(WIDTH)} ${s}`);
	}
	step.segments.forEach((e, i) => {
		const [c, s] = states(i === 0);
		lines.push(`${seconds(e.at).padStart(7)} ${c} ${arrow(e)} ${s}`.trimEnd());
	});
	const note = (text: string) => lines.push(`${' '.repeat(8 + STATE + 1)}${text}`);
	for (const t of step.timerEvents) {
		if (t.event === 'fired') note(`⏱ ${seconds(t.at)} s  ${t.side} ${t.name} timer fires`);
	}
	for (const text of step.log) if (!text.includes(' → ')) note(`· ${text}`);
	for (const sig of step.signals) note(`! ${sig.side}: ${sig.name}`);
	if (step.error) note(`! error: ${step.error}`);
	for (const t of step.timers) note(`⏱ ${t.side} ${t.name} due at ${seconds(t.due)} s`);
	return lines;
}

export function renderSimText(result: SimResult): string {
	const head = [
		`synack sim tcp · profile ${result.profile}`,
		'',
		`${'time'.padStart(7)} ${'client'.padEnd(STATE)} ${' '.repeat(WIDTH)} server`,
	];
	const body = result.steps.flatMap(stepLines);
	const foot = [
		'',
		`final at ${seconds(result.final.time)} s: client ${result.final.client}, server ${result.final.server}`,
	];
	return [...head, ...body, ...foot].join('\n') + '\n';
}
