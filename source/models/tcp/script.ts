/**
 * The `synack sim tcp` script language (CLI-JSON.md), validated from already-parsed data.
 * The same settings block is a TCP lesson's `setup`. Every problem names where it is:
 * `settings: …` or `step N: …` (N counts from 1).
 */
import {DEFAULT_SETTINGS, type TcpAction, type TcpSettings, type UserCall} from './connection.js';
import {FLAG_ORDER, SIDES, type Flag, type Side} from './types.js';

export type ScriptProblem = {where: {step: number} | {key: string}; message: string};
export type ParsedScript = {settings: TcpSettings; steps: TcpAction[]};
export type ScriptResult = {ok: true; script: ParsedScript} | {ok: false; problems: ScriptProblem[]};

const SETTING_KEYS = ['profile', 'isn', 'delayedAck', 'autoRead', 'keepalive', 'userTimeout', 'listen', 'steps'] as const;
const LISTEN_KEYS = ['backlog', 'syncookies', 'maxSynBacklog', 'abortOnOverflow', 'accept'] as const;
const CALLS: UserCall[] = ['listen', 'connect', 'send', 'read', 'shutdown', 'close', 'abort', 'accept'];

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const isSeq = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 0xffff_ffff;

export function describeStep(step: unknown): string {
	return JSON.stringify(step) ?? String(step);
}

/** Parse one step (the YAML forms of CLI-JSON.md). Returns an action or an error message. */
export function parseStep(raw: unknown): TcpAction | string {
	if (typeof raw === 'string') {
		if (raw === 'deliver' || raw === 'drop' || raw === 'duplicate') return {type: raw};
		return `unknown action '${raw}' (expected deliver, drop, duplicate, or a mapping such as "client: connect")`;
	}
	if (!isObject(raw)) return `a step is a word or a one-key mapping, not ${describeStep(raw)}`;
	const keys = Object.keys(raw);
	if (keys.length !== 1) return `a step has exactly one key, this one has ${keys.length} (${keys.join(', ') || 'none'})`;
	const key = keys[0]!;
	const value = raw[key];
	if ((SIDES as readonly string[]).includes(key)) return parseCall(key as Side, value);
	switch (key) {
		case 'deliver':
		case 'drop':
		case 'duplicate':
			if (value === null || value === undefined) return {type: key};
			if (typeof value === 'number' && Number.isInteger(value) && value >= 1) return {type: key, id: value};
			return `${key}: expects a segment number (1, 2, …), got ${describeStep(value)}`;
		case 'advance':
			if (value === 'next') return {type: 'advance', ms: 'next'};
			if (typeof value === 'number' && Number.isFinite(value)) {
				return value < 0 ? `advance: ${value} is negative (simulated ms ≥ 0, or next)` : {type: 'advance', ms: value};
			}
			return `advance: expects milliseconds or next, got ${describeStep(value)}`;
		case 'flood':
		case 'fill':
			return isCount(value) && value >= 1 ? {type: key, count: value} : `${key}: expects a count ≥ 1, got ${describeStep(value)}`;
		case 'inject':
			return parseInject(value);
		default:
			return `unknown action '${key}' (expected client, server, deliver, drop, duplicate, advance, flood, fill or inject)`;
	}
}

function parseCall(side: Side, value: unknown): TcpAction | string {
	if (typeof value !== 'string') return `${side}: expects a socket call (${CALLS.join(', ')}), got ${describeStep(value)}`;
	const [word, arg, ...rest] = value.trim().split(/\s+/);
	if (!CALLS.includes(word as UserCall)) {
		return `${side}: unknown socket call '${word}' (expected ${CALLS.join(', ')})`;
	}
	const call = word as UserCall;
	if (call === 'send') {
		const bytes = Number(arg);
		if (arg === undefined || !Number.isInteger(bytes) || bytes < 1 || rest.length > 0) {
			return `${side}: send expects a byte count ≥ 1, as in "send 100"`;
		}
		return {type: 'user', side, call, bytes};
	}
	if (arg !== undefined) return `${side}: ${call} takes no argument`;
	return {type: 'user', side, call};
}

function parseInject(value: unknown): TcpAction | string {
	if (!isObject(value)) return 'inject: expects a mapping such as { from: client, flags: [SYN], seq: 90 }';
	for (const k of Object.keys(value)) {
		if (!['from', 'flags', 'seq', 'ack', 'len'].includes(k)) return `inject: unknown key '${k}'`;
	}
	const from = value['from'];
	if (from !== 'client' && from !== 'server') return 'inject: from must be client or server';
	const flags = value['flags'];
	if (!Array.isArray(flags) || flags.some((f) => !(FLAG_ORDER as readonly unknown[]).includes(f))) {
		return `inject: flags must be a list of ${FLAG_ORDER.join(', ')}`;
	}
	if (!isSeq(value['seq'])) return 'inject: seq must be a sequence number (0 … 4294967295)';
	const ack = value['ack'];
	if (ack !== undefined && ack !== null && !isSeq(ack)) return 'inject: ack must be a sequence number or null';
	// A segment with the ACK flag always carries an acknowledgment number (RFC 9293 §3.1).
	if (flags.includes('ACK') && (ack === undefined || ack === null)) return 'inject: the ACK flag needs an acknowledgment number (ack: N)';
	const len = value['len'];
	if (len !== undefined && !isCount(len)) return 'inject: len must be a byte count';
	return {
		type: 'inject',
		from,
		flags: flags as Flag[],
		seq: value['seq'],
		...(ack === undefined ? {} : {ack: ack as number | null}),
		...(len === undefined ? {} : {len: len as number}),
	};
}

function perSide<T>(
	key: string,
	value: unknown,
	check: (v: unknown) => v is T,
	expect: string,
	problems: ScriptProblem[],
	base: Record<Side, T>,
): Record<Side, T> {
	if (!isObject(value)) {
		problems.push({where: {key}, message: `${key}: expects { client: …, server: … }`});
		return base;
	}
	const out = {...base};
	for (const [k, v] of Object.entries(value)) {
		if (k !== 'client' && k !== 'server') problems.push({where: {key}, message: `${key}: unknown side '${k}'`});
		else if (!check(v)) problems.push({where: {key}, message: `${key}.${k}: expects ${expect}, got ${describeStep(v)}`});
		else out[k] = v;
	}
	return out;
}

/** Validate a script (or a lesson's `setup`). `steps` is required for scripts, optional for a setup. */
export function parseScript(raw: unknown, opts: {requireSteps?: boolean} = {}): ScriptResult {
	const problems: ScriptProblem[] = [];
	if (!isObject(raw)) return {ok: false, problems: [{where: {key: 'script'}, message: 'a script is a mapping of settings and steps'}]};
	const s: TcpSettings = structuredClone(DEFAULT_SETTINGS);
	for (const key of Object.keys(raw)) {
		if (!(SETTING_KEYS as readonly string[]).includes(key)) {
			problems.push({where: {key}, message: `unknown setting '${key}' (expected ${SETTING_KEYS.join(', ')})`});
		}
	}
	const bool = (v: unknown): v is boolean => typeof v === 'boolean';
	if (raw['profile'] !== undefined) {
		if (raw['profile'] === 'linux' || raw['profile'] === 'rfc') s.profile = raw['profile'];
		else problems.push({where: {key: 'profile'}, message: `profile: expects linux or rfc, got ${describeStep(raw['profile'])}`});
	}
	if (raw['isn'] !== undefined) {
		const isnList = (v: unknown): v is number | number[] =>
			isSeq(v) || (Array.isArray(v) && v.length > 0 && v.every(isSeq));
		const isn = perSide('isn', raw['isn'], isnList, 'a sequence number or a list of them', problems, {
			client: s.isn.client as number | number[],
			server: s.isn.server as number | number[],
		});
		s.isn = {client: [isn.client].flat(), server: [isn.server].flat()};
	}
	for (const key of ['delayedAck', 'autoRead'] as const) {
		if (raw[key] === undefined) continue;
		if (bool(raw[key])) s[key] = raw[key];
		else problems.push({where: {key}, message: `${key}: expects true or false`});
	}
	if (raw['keepalive'] !== undefined) {
		s.keepalive = perSide('keepalive', raw['keepalive'], bool, 'true or false', problems, s.keepalive);
	}
	if (raw['userTimeout'] !== undefined) {
		const ms = (v: unknown): v is number | null => v === null || (typeof v === 'number' && v > 0);
		s.userTimeout = perSide('userTimeout', raw['userTimeout'], ms, 'milliseconds > 0 or null', problems, s.userTimeout);
	}
	if (raw['listen'] !== undefined) {
		const l = raw['listen'];
		if (!isObject(l)) problems.push({where: {key: 'listen'}, message: 'listen: expects a mapping'});
		else {
			for (const [k, v] of Object.entries(l)) {
				if (!(LISTEN_KEYS as readonly string[]).includes(k)) {
					problems.push({where: {key: 'listen'}, message: `listen: unknown key '${k}' (expected ${LISTEN_KEYS.join(', ')})`});
				} else if (k === 'backlog' || k === 'maxSynBacklog') {
					if (isCount(v)) s.listen[k] = v;
					else problems.push({where: {key: 'listen'}, message: `listen.${k}: expects a whole number ≥ 0`});
				} else if (bool(v)) s.listen[k as 'syncookies' | 'abortOnOverflow' | 'accept'] = v;
				else problems.push({where: {key: 'listen'}, message: `listen.${k}: expects true or false`});
			}
		}
	}
	const steps: TcpAction[] = [];
	const rawSteps = raw['steps'];
	if (rawSteps === undefined) {
		if (opts.requireSteps) problems.push({where: {key: 'steps'}, message: 'steps: a script needs a list of steps'});
	} else if (!Array.isArray(rawSteps)) {
		problems.push({where: {key: 'steps'}, message: 'steps: expects a list'});
	} else {
		rawSteps.forEach((step, i) => {
			const parsed = parseStep(step);
			if (typeof parsed === 'string') problems.push({where: {step: i + 1}, message: parsed});
			else steps.push(parsed);
		});
	}
	return problems.length > 0 ? {ok: false, problems} : {ok: true, script: {settings: s, steps}};
}

export function formatProblem(p: ScriptProblem): string {
	return 'step' in p.where ? `step ${p.where.step}: ${p.message}` : p.message;
}
