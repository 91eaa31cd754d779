/**
 * A TLS lesson's `setup` (docs/tls-lab-vocabulary.md), validated from already-parsed YAML.
 * TCP settings (profile, isn, delayedAck) and TCP steps are the TCP lab's own, parsed by
 * its script parser; every problem names its path, e.g. `setup.steps[2]`.
 */
import {parseScript, parseStep} from '../tcp/script.js';
import {apply, DEFAULT_TLS_SETTINGS, initialSession, refusal, actionProblem, type TlsAction, type TlsSettings, type TlsState} from './session.js';
import {ATTACKS, CERT_SCENARIOS, VERSIONS, type Attack, type CertScenario, type Version} from './types.js';

export type SetupProblem = {path: string; message: string};

const TLS_KEYS = ['version', 'certificate', 'attacker', 'record'] as const;
const TCP_KEYS = ['profile', 'isn', 'delayedAck'] as const;
const ATTACKER_STEPS = [...ATTACKS, 'replay', 'record', 'decrypt'] as const;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const show = (v: unknown): string => JSON.stringify(v) ?? String(v);

/** One step: the TLS forms first, then the TCP lab's (connect, deliver, drop, duplicate, advance). */
export function parseTlsStep(raw: unknown): TlsAction | string {
	if (raw === 'leak') return {type: 'leak'};
	if (isObject(raw) && Object.keys(raw).length === 1) {
		const [key, value] = Object.entries(raw)[0]!;
		if (key === 'attacker') {
			if (typeof value !== 'string' || !(ATTACKER_STEPS as readonly string[]).includes(value)) {
				return `attacker: expects one of ${ATTACKER_STEPS.join(', ')}, got ${show(value)}`;
			}
			if ((ATTACKS as readonly string[]).includes(value)) return {type: 'attack', attack: value as Attack};
			return {type: value as 'replay' | 'record' | 'decrypt'};
		}
		if (key === 'version') {
			if (typeof value === 'string' && (VERSIONS as readonly string[]).includes(value)) return {type: 'version', version: value as Version};
			return `version: expects '1.3', '1.2-ecdhe' or '1.2-rsa' (quoted), got ${show(value)}`;
		}
		if (key === 'certificate') {
			if (typeof value === 'string' && (CERT_SCENARIOS as readonly string[]).includes(value)) return {type: 'certificate', certificate: value as CertScenario};
			return `certificate: expects one of ${CERT_SCENARIOS.join(', ')}, got ${show(value)}`;
		}
		if (key === 'client' || key === 'server') {
			if (value === 'send') return {type: 'send', side: key};
			if (value === 'hello') return key === 'client' ? {type: 'hello'} : 'server: hello — only the client starts the handshake';
			if (value !== 'connect' || key !== 'client') return `${key}: expects ${key === 'client' ? 'connect, hello or send' : 'send'}, got ${show(value)}`;
		}
	}
	const tcp = parseStep(raw);
	if (typeof tcp === 'string') return `${tcp.replace(/ \(expected [^)]*\)$/, '')} (expected deliver, drop, duplicate, advance, "client: connect", "client: hello", "client: send", "server: send", "attacker: …", leak, "version: …" or "certificate: …")`;
	if (tcp.type === 'flood' || tcp.type === 'fill' || tcp.type === 'inject') return `${tcp.type}: not part of the TLS lab`;
	return {type: 'tcp', action: tcp};
}

export function parseSetup(raw: unknown): {ok: true; settings: TlsSettings; steps: TlsAction[]} | {ok: false; problems: SetupProblem[]} {
	const problems: SetupProblem[] = [];
	const input = raw ?? {};
	if (!isObject(input)) return {ok: false, problems: [{path: 'setup', message: 'setup is a mapping such as { version: "1.3", certificate: valid }'}]};
	const tcpPart: Record<string, unknown> = {};
	for (const key of Object.keys(input)) {
		if ((TCP_KEYS as readonly string[]).includes(key)) tcpPart[key] = input[key];
		else if (!(TLS_KEYS as readonly string[]).includes(key) && key !== 'steps') {
			problems.push({path: `setup.${key}`, message: `unknown setting '${key}' (expected ${[...TLS_KEYS, ...TCP_KEYS, 'steps'].join(', ')})`});
		}
	}
	const tcp = parseScript(tcpPart);
	if (!tcp.ok) for (const p of tcp.problems) problems.push({path: 'key' in p.where ? `setup.${p.where.key}` : 'setup', message: p.message});
	const tcpSettings = tcp.ok ? {...tcp.script.settings, autoRead: true, delayedAck: tcpPart['delayedAck'] === undefined ? true : tcp.script.settings.delayedAck} : DEFAULT_TLS_SETTINGS.tcp;
	const settings: TlsSettings = {...DEFAULT_TLS_SETTINGS, tcp: tcpSettings};
	const version = input['version'];
	if (version !== undefined) {
		if (typeof version === 'string' && (VERSIONS as readonly string[]).includes(version)) settings.version = version as Version;
		else problems.push({path: 'setup.version', message: `expects '1.3', '1.2-ecdhe' or '1.2-rsa' (quoted), got ${show(version)}`});
	}
	const cert = input['certificate'];
	if (cert !== undefined) {
		if (typeof cert === 'string' && (CERT_SCENARIOS as readonly string[]).includes(cert)) settings.certificate = cert as CertScenario;
		else problems.push({path: 'setup.certificate', message: `expects one of ${CERT_SCENARIOS.join(', ')}, got ${show(cert)}`});
	}
	const attacker = input['attacker'];
	if (attacker !== undefined) {
		if (attacker === 'none' || (typeof attacker === 'string' && (ATTACKS as readonly string[]).includes(attacker))) settings.attacker = attacker as Attack | 'none';
		else problems.push({path: 'setup.attacker', message: `expects none, ${ATTACKS.join(', ')}, got ${show(attacker)}`});
	}
	const record = input['record'];
	if (record !== undefined) {
		if (typeof record === 'boolean') settings.record = record;
		else problems.push({path: 'setup.record', message: 'expects true or false'});
	}
	const steps: TlsAction[] = [];
	const rawSteps = input['steps'];
	if (rawSteps !== undefined && !Array.isArray(rawSteps)) problems.push({path: 'setup.steps', message: 'expects a list of steps'});
	else if (Array.isArray(rawSteps)) {
		rawSteps.forEach((step, i) => {
			const parsed = parseTlsStep(step);
			if (typeof parsed === 'string') problems.push({path: `setup.steps[${i}]`, message: parsed});
			else steps.push(parsed);
		});
	}
	return problems.length > 0 ? {ok: false, problems} : {ok: true, settings, steps};
}

/** The state a lesson's lab opens in: the setup's steps taken, each one checked as it is taken. */
export function openSession(raw: unknown): {ok: true; snapshot: TlsState} | {ok: false; problems: SetupProblem[]} {
	const parsed = parseSetup(raw);
	if (!parsed.ok) return parsed;
	let s = initialSession(parsed.settings);
	for (const [i, step] of parsed.steps.entries()) {
		const why = actionProblem(s, step) ?? refusal(s, step);
		if (why) return {ok: false, problems: [{path: `setup.steps[${i}]`, message: why}]};
		s = apply(s, step);
	}
	return {ok: true, snapshot: {...s, base: s.count}};
}
