/** The TLS lab: the session over TCP, its keys, its view and its objective vocabulary (docs/tls-lab-vocabulary.md). */
import {stepsPerSnapshot} from '../combine.js';
import type {Lab, LabAction} from '../lab.js';
import {metBy, parseCheck, type Check} from './objectives.js';
import {tlsSessionLogic, traceSteps, type TlsEvent, type TlsState} from './session.js';
import {openSession} from './setup.js';
import {CERT_SCENARIOS, VERSIONS, type Attack, type Side} from './types.js';
import {tlsView} from './view.js';

type Action = LabAction<TlsState, TlsEvent>;

const focusSide = (focus: string): Side => (focus === 'server' ? 'server' : 'client');

function act(id: string, keys: string[], label: string, labelZh: string, description: string, event: Action['event'], inBar = false): Action {
	return {id: `tls.${id}`, keys, label, labelZh, inBar, description, event};
}

const attack = (attackName: Attack) => (): TlsEvent => ({type: 'attack', attack: attackName});

/** The value after `current` in `list`, wrapping round. */
const cycle = <T extends string>(list: readonly T[], current: T): T => list[(list.indexOf(current) + 1) % list.length]!;

export const TLS_ACTIONS: Action[] = [
	act('connect', ['c'], 'connect', '连接', 'the client opens the TCP connection (SYN)', (s) =>
		s.tcp.ends.client.value === 'CLOSED' ? {type: 'tcp', action: {type: 'user', side: 'client', call: 'connect'}} : null, true),
	act('hello', ['h'], 'ClientHello', 'ClientHello', 'the client starts the TLS handshake (once TCP is ESTABLISHED on both ends)', () => ({type: 'hello'}), true),
	act('deliver', ['space'], 'deliver', '投递', 'deliver the oldest TCP segment in flight', (s) => (s.tcp.inFlight.length > 0 ? {type: 'tcp', action: {type: 'deliver'}} : null), true),
	act('deliver-n', ['1', '2', '3', '4', '5', '6', '7', '8', '9'], 'deliver #n', '投递第n个', 'deliver the n-th segment in flight (TCP puts it back in order)', (s, ui) => {
		const f = s.tcp.inFlight[Number(ui.key) - 1];
		return f ? {type: 'tcp', action: {type: 'deliver', id: f.id}} : null;
	}),
	act('drop', ['x'], 'drop', '丢弃', 'lose the oldest segment in flight (TCP retransmits it)', (s) => (s.tcp.inFlight.length > 0 ? {type: 'tcp', action: {type: 'drop'}} : null), true),
	act('duplicate', ['d'], 'dup', '复制', 'a copy of the oldest in-flight segment joins the back (TCP discards it)', (s) =>
		s.tcp.inFlight.length > 0 ? {type: 'tcp', action: {type: 'duplicate'}} : null),
	act('next-timer', ['t'], 'next timer', '下个定时器', 'advance the clock to the next TCP timer and fire it', (s) =>
		s.tcp.last && s.tcp.last.timers.length > 0 ? {type: 'tcp', action: {type: 'advance', ms: 'next'}} : null, true),
	act('send', ['s'], 'send data', '发送数据', 'the focused end sends application data (after its handshake is done)', (_s, ui) => ({type: 'send', side: focusSide(ui.focus)}), true),
	act('version', ['V'], 'version', '版本', 'choose the TLS version before the ClientHello: 1.3 → 1.2-ecdhe → 1.2-rsa → 1.3', (s) =>
		({type: 'version', version: cycle(VERSIONS, s.settings.version)})),
	act('certificate', ['C'], 'certificate', '证书', "choose the server's certificate before the ClientHello: valid, expired, not-yet-valid, wrong-host, self-signed, untrusted-root, tampered, intermediate-not-ca", (s) =>
		({type: 'certificate', certificate: cycle(CERT_SCENARIOS, s.settings.certificate)})),
	act('swap-key', ['k'], 'MITM: swap key', '中间人换密钥', 'attacker: sits in the middle of the key exchange', attack('swap-key')),
	act('swap-cert', ['w'], 'MITM: own cert', '中间人换证书', "attacker: puts in its own certificate (trusted CA, for attacker.example)", attack('swap-cert')),
	act('forge-cert', ['g'], 'MITM: forged cert', '伪造证书', 'attacker: puts in a self-made certificate claiming shop.example', attack('forge-cert')),
	act('replay', ['p'], 'replay', '重放', 'attacker: the next handshake message is replaced by its copy from an earlier session', () => ({type: 'replay'})),
	act('record', ['e'], 'record', '录包', 'attacker: records everything on the wire from now on', () => ({type: 'record'})),
	act('leak', ['l'], 'leak key', '泄露私钥', "the server's long-term private key leaks to the attacker", () => ({type: 'leak'})),
	act('decrypt', ['y'], 'decrypt', '解密录包', 'attacker: tries to decrypt the recorded application data', () => ({type: 'decrypt'})),
];

/** The learner's own steps, built once per snapshot for all objectives. */
const ownSteps = stepsPerSnapshot((s: TlsState) => traceSteps(s).slice(s.base));

export const tlsLab: Lab<TlsState, TlsEvent, Check> = {
	id: 'tls',
	title: 'TLS over TCP',
	logic: tlsSessionLogic,
	focusable: ['client', 'server'],
	actions: TLS_ACTIONS,
	undo: {type: 'undo'},
	redo: {type: 'redo'},
	reset: {type: 'reset'},
	init: (setup) => openSession(setup),
	view: tlsView,
	parseCheck,
	met: (check, s) => metBy(check, ownSteps(s)) !== null,
};
