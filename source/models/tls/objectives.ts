/**
 * The TLS lab's objective vocabulary (docs/tls-lab-vocabulary.md): declarative checks over the
 * learner's steps. TCP checks (segment, timer, signal) are the TCP lab's own, evaluated on the
 * TCP steps a TLS step caused.
 */
import {checkOrProblems, earliestStep, isObject, oneOf, type CheckProblem} from '../combine.js';
import {metBy as tcpMetBy, parseCheck as parseTcpCheck, type Check as TcpCheck} from '../tcp/objectives.js';
import {TCP_STATES} from '../tcp/types.js';
import type {TlsStep, Verification} from './session.js';
import {ALERT_NAMES, CERT_SCENARIOS, MESSAGE_NAMES, TLS_STATES, VERSIONS, type AlertName, type CertScenario, type MessageName, type Side, type Version} from './types.js';

export type MessageMatch = {name?: MessageName; from?: Side; event?: 'sent' | 'received'; tampered?: boolean; rtt?: number};
export type VerifyMatch = {what?: Verification['what']; by?: Side; ok?: boolean};

export type Check =
	| {kind: 'states'; client?: string; server?: string}
	| {kind: 'handshake'; outcome: 'complete' | 'failed'}
	| {kind: 'message'; match: MessageMatch}
	| {kind: 'alert'; name?: AlertName; from?: Side}
	| {kind: 'verify'; match: VerifyMatch}
	| {kind: 'decrypted'; value: boolean}
	| {kind: 'tcp'; check: TcpCheck}
	/** The version / certificate in force at a step (V, C or the setup), alone or with one check met at that same step. */
	| {kind: 'setting'; version?: Version; certificate?: CertScenario; with?: StepCheck}
	| {kind: 'sequence'; items: Check[]}
	| {kind: 'all'; items: Check[]};

/** A check decided by one step alone (no combinator). */
export type StepCheck = Exclude<Check, {kind: 'sequence' | 'all'}>;

export type {CheckProblem};

const SIDES = ['client', 'server'] as const;
const VERIFY_WHAT = ['certificate', 'ServerKeyExchange', 'CertificateVerify', 'Finished'] as const;
const ANY_STATE: readonly string[] = [...TLS_STATES, ...TCP_STATES];


export function parseCheck(raw: unknown, path = 'check'): {check: Check} | {problems: CheckProblem[]} {
	return checkOrProblems(parse, raw, path);
}

function parse(raw: unknown, path: string, problems: CheckProblem[]): Check | null {
	const fail = (p: string, message: string) => {
		problems.push({path: p, message});
		return null;
	};
	if (!isObject(raw)) return fail(path, 'a check is a mapping such as { handshake: complete }');
	const keys = Object.keys(raw);
	if (keys.length === 0) return fail(path, 'an empty check can never be met');
	if (keys.includes('version') || keys.includes('certificate')) return parseSetting(raw, path, problems);
	if (keys.every((k) => k === 'client' || k === 'server')) {
		const out: Check = {kind: 'states'};
		for (const side of SIDES) {
			const v = raw[side];
			if (v === undefined) continue;
			if (oneOf(ANY_STATE, v)) out[side] = v;
			else fail(`${path}.${side}`, `unknown state ${JSON.stringify(v)} (TLS: ${TLS_STATES.join(', ')}; or a TCP state)`);
		}
		return out;
	}
	if (keys.length !== 1) return fail(path, `a check has one kind, this one mixes ${keys.join(', ')}`);
	const kind = keys[0]!;
	const body = raw[kind];
	const here = `${path}.${kind}`;
	const bodyKeys = (allowed: readonly string[]) => {
		if (!isObject(body) || Object.keys(body).length === 0) {
			fail(here, `expects a mapping with at least one of ${allowed.join(', ')}`);
			return null;
		}
		for (const k of Object.keys(body)) if (!allowed.includes(k)) fail(`${here}.${k}`, `unknown key (expected ${allowed.join(', ')})`);
		return body;
	};
	switch (kind) {
		case 'handshake':
			return body === 'complete' || body === 'failed' ? {kind: 'handshake', outcome: body} : fail(here, 'expects complete or failed');
		case 'decrypted':
			return typeof body === 'boolean' ? {kind: 'decrypted', value: body} : fail(here, 'expects true or false');
		case 'alert': {
			if (typeof body === 'string') return oneOf(ALERT_NAMES, body) ? {kind: 'alert', name: body} : fail(here, `unknown alert (expected ${ALERT_NAMES.join(', ')})`);
			const b = bodyKeys(['name', 'from']);
			if (!b) return null;
			const out: Check = {kind: 'alert'};
			if (b['name'] !== undefined) oneOf(ALERT_NAMES, b['name']) ? (out.name = b['name']) : fail(`${here}.name`, `unknown alert (expected ${ALERT_NAMES.join(', ')})`);
			if (b['from'] !== undefined) oneOf(SIDES, b['from']) ? (out.from = b['from']) : fail(`${here}.from`, 'expects client or server');
			return out;
		}
		case 'message': {
			const b = bodyKeys(['name', 'from', 'event', 'tampered', 'rtt']);
			if (!b) return null;
			const match: MessageMatch = {};
			if (b['name'] !== undefined) oneOf(MESSAGE_NAMES, b['name']) ? (match.name = b['name']) : fail(`${here}.name`, `unknown message (expected ${MESSAGE_NAMES.join(', ')})`);
			if (b['from'] !== undefined) oneOf(SIDES, b['from']) ? (match.from = b['from']) : fail(`${here}.from`, 'expects client or server');
			if (b['event'] !== undefined) oneOf(['sent', 'received'] as const, b['event']) ? (match.event = b['event']) : fail(`${here}.event`, 'expects sent or received');
			if (b['tampered'] !== undefined) typeof b['tampered'] === 'boolean' ? (match.tampered = b['tampered']) : fail(`${here}.tampered`, 'expects true or false');
			if (b['rtt'] !== undefined) {
				const n = b['rtt'];
				typeof n === 'number' && Number.isInteger(n) && n >= 0 ? (match.rtt = n) : fail(`${here}.rtt`, 'expects a whole number ≥ 0');
			}
			return {kind: 'message', match};
		}
		case 'verify': {
			const b = bodyKeys(['what', 'by', 'ok']);
			if (!b) return null;
			const match: VerifyMatch = {};
			if (b['what'] !== undefined) oneOf(VERIFY_WHAT, b['what']) ? (match.what = b['what']) : fail(`${here}.what`, `expects ${VERIFY_WHAT.join(', ')}`);
			if (b['by'] !== undefined) oneOf(SIDES, b['by']) ? (match.by = b['by']) : fail(`${here}.by`, 'expects client or server');
			if (b['ok'] !== undefined) typeof b['ok'] === 'boolean' ? (match.ok = b['ok']) : fail(`${here}.ok`, 'expects true or false');
			return {kind: 'verify', match};
		}
		case 'tcp': {
			if (isObject(body) && Object.keys(body).some((k) => k === 'client' || k === 'server' || k === 'sequence' || k === 'all')) {
				return fail(here, 'expects one TCP segment, timer or signal check (TCP states go directly: { client: ESTABLISHED })');
			}
			const parsed = parseTcpCheck(body, here);
			if ('problems' in parsed) {
				problems.push(...parsed.problems);
				return null;
			}
			return {kind: 'tcp', check: parsed.check};
		}
		case 'sequence':
		case 'all': {
			if (!Array.isArray(body) || body.length === 0) return fail(here, 'expects a non-empty list of checks');
			const items = body.map((item, i) => parse(item, `${here}[${i}]`, problems));
			return items.every((x): x is Check => x !== null) ? {kind, items} : null;
		}
		default:
			return fail(here, 'unknown check (expected client/server states, handshake, message, alert, verify, decrypted, version, certificate, tcp, sequence or all)');
	}
}

/** `{version: '1.2-rsa'}`, `{certificate: expired}`, or either beside one other check: `{version: '1.2-rsa', handshake: complete}`. */
function parseSetting(raw: Record<string, unknown>, path: string, problems: CheckProblem[]): Check | null {
	const out: Extract<Check, {kind: 'setting'}> = {kind: 'setting'};
	let ok = true;
	const version = raw['version'];
	if (version !== undefined) {
		if (oneOf(VERSIONS, version)) out.version = version;
		else {
			problems.push({path: `${path}.version`, message: `expects '1.3', '1.2-ecdhe' or '1.2-rsa' (quoted), got ${JSON.stringify(version)}`});
			ok = false;
		}
	}
	const certificate = raw['certificate'];
	if (certificate !== undefined) {
		if (oneOf(CERT_SCENARIOS, certificate)) out.certificate = certificate;
		else {
			problems.push({path: `${path}.certificate`, message: `expects one of ${CERT_SCENARIOS.join(', ')}, got ${JSON.stringify(certificate)}`});
			ok = false;
		}
	}
	const rest = Object.fromEntries(Object.entries(raw).filter(([k]) => k !== 'version' && k !== 'certificate'));
	if (Object.keys(rest).length > 0) {
		if ('sequence' in rest || 'all' in rest) {
			problems.push({path, message: 'version / certificate go inside sequence or all, beside one check: { sequence: [ { version: "1.2-rsa", handshake: complete }, … ] }'});
			return null;
		}
		const inner = parse(rest, path, problems);
		if (!inner || inner.kind === 'sequence' || inner.kind === 'all' || inner.kind === 'setting') return null;
		out.with = inner;
	}
	return ok ? out : null;
}

const stateIs = (want: string | undefined, step: TlsStep, side: Side): boolean =>
	want === undefined || ((TLS_STATES as readonly string[]).includes(want) ? step.tls[side] === want : step.tcp[side] === want);

function metAt(check: StepCheck, step: TlsStep): boolean {
	switch (check.kind) {
		case 'setting':
			return (
				(check.version === undefined || step.version === check.version) &&
				(check.certificate === undefined || step.certificate === check.certificate) &&
				(check.with === undefined || metAt(check.with, step))
			);
		case 'states':
			return stateIs(check.client, step, 'client') && stateIs(check.server, step, 'server');
		case 'handshake':
			return check.outcome === 'complete' ? step.tls.client === 'CONNECTED' && step.tls.server === 'CONNECTED' : step.alerts.length > 0;
		case 'message': {
			const m = check.match;
			return step.messages.some(
				(e) =>
					(m.event ?? 'sent') === e.event &&
					(m.name === undefined || m.name === e.name) &&
					(m.from === undefined || m.from === e.from) &&
					(m.tampered === undefined || m.tampered === e.tampered) &&
					(m.rtt === undefined || m.rtt === e.rtt),
			);
		}
		case 'alert':
			return step.alerts.some((a) => (check.name === undefined || a.name === check.name) && (check.from === undefined || a.from === check.from));
		case 'verify': {
			const m = check.match;
			return step.verifications.some((v) => (m.what === undefined || v.what === m.what) && (m.by === undefined || v.by === m.by) && (m.ok === undefined || v.ok === m.ok));
		}
		case 'decrypted':
			return step.decrypted === check.value;
		case 'tcp':
			return tcpMetBy(check.check, step.tcpSteps) !== null;
	}
}

/** The index of the earliest step (at or after `from`) by which the check is met, or null. */
export function metBy(check: Check, steps: readonly TlsStep[], from = 0): number | null {
	return earliestStep(check, steps, from, metAt);
}
