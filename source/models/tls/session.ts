/**
 * The TLS session: a client and a server speaking TLS over the TCP connection model, and an
 * optional attacker on the path. A pure reducer (same settings and actions → same trace),
 * wrapped as XState actor logic like the TCP connection; undo = replay without the last action.
 *
 * TLS rides on TCP as data: each flight is written to the sender's socket (`send N bytes`),
 * and a side takes in the peer's next message once TCP has delivered all of its bytes in
 * order (the TCB's readTotal). Loss, duplication and reordering are TCP's business.
 *
 * Flows: RFC 5246 §7.3 Figure 1 (1.2), RFC 8446 §2 Figure 1 (1.3); PROTOCOL-TRUTH §4.
 */
import {fromTransition} from 'xstate';
import {
	actionProblem as tcpActionProblem,
	apply as tcpApply,
	DEFAULT_SETTINGS,
	stateOf,
	tcbOf,
	withSetup,
	type ConnectionState,
	type StepRecord,
	type TcpAction,
	type TcpSettings,
} from '../tcp/connection.js';
import type {TcpState} from '../tcp/types.js';
import {attackerForgedChain, attackerOwnChain, HOST, serverChain, TODAY, verifyChain} from './pki.js';
import {
	applicationKeys,
	cvContent,
	dh,
	digest,
	finished12,
	finished13,
	handshakeKeys,
	handshakeSecret,
	keyBlock,
	masterSecret,
	message,
	oldCopy,
	pub,
	skeContent,
	transcriptHash,
} from './messages.js';
import {
	ALERT_CODES,
	SUITES,
	type AlertName,
	type Attack,
	type CertScenario,
	type Message,
	type MessageName,
	type Side,
	type Version,
} from './types.js';

export type TlsSettings = {
	version: Version;
	certificate: CertScenario;
	attacker: Attack | 'none';
	record: boolean;
	tcp: TcpSettings;
};

export const DEFAULT_TLS_SETTINGS: TlsSettings = {
	version: '1.3',
	certificate: 'valid',
	attacker: 'none',
	record: false,
	// TLS reads whatever arrives; delayed ACKs let a reply flight carry the ACK (Linux delays ACKs, TCP_DELACK_MIN 40 ms).
	tcp: {...DEFAULT_SETTINGS, autoRead: true, delayedAck: true},
};

export type TlsAction =
	| {type: 'tcp'; action: TcpAction}
	| {type: 'hello'}
	| {type: 'send'; side: Side}
	| {type: 'attack'; attack: Attack}
	/** The learner's choice (V / C) before the ClientHello: the value to put in force. */
	| {type: 'version'; version: Version}
	| {type: 'certificate'; certificate: CertScenario}
	| {type: 'replay'}
	| {type: 'record'}
	| {type: 'leak'}
	| {type: 'decrypt'};

/** One end's TLS state. Values are symbolic (messages.ts). */
export type Party = {
	state: string;
	transcript: string[];
	cr: string | null;
	sr: string | null;
	/** My ephemeral (EC)DHE private key. */
	eph: string | null;
	/** The peer's (EC)DHE public key as I received it. */
	peerShare: string | null;
	/** The key the accepted certificate names (client). */
	certKey: string | null;
	/** 1.2: pre_master; 1.3: the (EC)DHE shared secret. */
	pm: string | null;
	/** 1.2: master_secret; 1.3: the handshake secret. */
	secret: string | null;
	readKey: string | null;
	writeKey: string | null;
	appKey: string | null;
	/** What this end knows, by name, in the order it learned it. */
	knows: string[];
	/** How many of the peer's messages it has taken in. */
	consumed: number;
	/** Bytes it has written to its socket. */
	written: number;
	/** Server flights the client has taken in (its TLS round trips). */
	flights: number;
	alert: {name: AlertName; sent: boolean; at: MessageName | null; reason: string} | null;
	checks: Verification[];
};

export type WireEntry = {msg: Message; start: number; end: number; rtt: number | null; changedTo: Message | null};

export type Attacker = {
	/** Armed attacks (from setup or keys). */
	keySwap: boolean;
	/** The key swap was armed by itself (`k` or setup swap-key), not only as part of a 1.3 certificate swap. */
	keySwapOwn: boolean;
	certSwap: 'own' | 'forged' | null;
	replayNext: boolean;
	recording: boolean;
	recorded: Message[];
	leaked: boolean;
	decrypted: boolean | null;
	knows: string[];
};

export type Verification = {by: Side; what: 'certificate' | 'ServerKeyExchange' | 'CertificateVerify' | 'Finished'; ok: boolean; detail: string};
export type MessageEvent = {name: MessageName; from: Side; event: 'sent' | 'received'; tampered: boolean; rtt: number | null};
export type AlertEvent = {from: Side; name: AlertName; code: number; at: MessageName | null};
export type LogTone = 'state' | 'segment' | 'timer' | 'error' | 'info';

export type TlsStep = {
	index: number;
	action: string;
	time: number;
	/** The version and the server's certificate in force after this step (V / C, or the setup's). */
	version: Version;
	certificate: CertScenario;
	tls: Record<Side, string>;
	tcp: Record<Side, TcpState>;
	messages: MessageEvent[];
	verifications: Verification[];
	alerts: AlertEvent[];
	decrypted: boolean | null;
	tcpSteps: StepRecord[];
	log: Array<{text: string; tone: LogTone}>;
	error: string | null;
};

export type Trace = {action: TlsAction; step: TlsStep; prev: Trace} | null;

export type TlsState = {
	/** The settings in force: the setup's, with the learner's V / C choices. */
	settings: TlsSettings;
	/** The setup's settings, where undo and reset replay from. */
	setup: TlsSettings;
	tcp: ConnectionState;
	client: Party;
	server: Party;
	wire: Record<Side, WireEntry[]>;
	attacker: Attacker;
	started: boolean;
	count: number;
	base: number;
	undone: TlsAction[];
	trace: Trace;
	last: TlsStep | null;
};

const other = (s: Side): Side => (s === 'client' ? 'server' : 'client');

function freshParty(): Party {
	return {
		state: 'START',
		transcript: [],
		cr: null,
		sr: null,
		eph: null,
		peerShare: null,
		certKey: null,
		pm: null,
		secret: null,
		readKey: null,
		writeKey: null,
		appKey: null,
		knows: [],
		consumed: 0,
		written: 0,
		flights: 0,
		alert: null,
		checks: [],
	};
}

export function initialSession(settings: TlsSettings = DEFAULT_TLS_SETTINGS): TlsState {
	const tcpSettings = {...settings.tcp, autoRead: true};
	// The server application (nginx, say) is listening before the lab opens.
	const tcp = withSetup(tcpSettings, [{type: 'user', side: 'server', call: 'listen'}]);
	const fixed = {...settings, tcp: tcpSettings};
	return {
		settings: fixed,
		setup: fixed,
		tcp,
		client: freshParty(),
		server: freshParty(),
		wire: {client: [], server: []},
		attacker: {
			keySwap: settings.attacker === 'swap-key' || (settings.version === '1.3' && settings.attacker !== 'none'),
			keySwapOwn: settings.attacker === 'swap-key',
			certSwap: settings.attacker === 'swap-cert' ? 'own' : settings.attacker === 'forge-cert' ? 'forged' : null,
			replayNext: false,
			recording: settings.record,
			recorded: [],
			leaked: false,
			decrypted: null,
			knows: ['m_eph (its own key pair)'],
		},
		started: false,
		count: 0,
		base: 0,
		undone: [],
		trace: null,
		last: null,
	};
}

// ---------------------------------------------------------------- action validity

const tcpOf = (s: TlsState, side: Side): TcpState => stateOf(s.tcp.ends[side]);

/** Why a TCP-level action cannot be taken (nothing in flight, …): such a key does nothing. */
export function actionProblem(s: TlsState, a: TlsAction): string | null {
	if (a.type === 'tcp') {
		if (a.action.type === 'user' && !(a.action.side === 'client' && a.action.call === 'connect')) {
			return `${a.action.side} ${a.action.call}: in the TLS lab the only socket call is the client's connect`;
		}
		if (a.action.type === 'user' && tcpOf(s, 'client') !== 'CLOSED') return 'connect: the client is already connected';
		if (a.action.type === 'flood' || a.action.type === 'fill' || a.action.type === 'inject') return `${a.action.type}: not part of the TLS lab`;
		return tcpActionProblem(s.tcp, a.action);
	}
	return null;
}

/**
 * Why the lab refuses a TLS action at this point (recorded as a step with this error, so the
 * learner reads why; a lesson's setup step that is refused is a setup problem).
 */
export function refusal(s: TlsState, a: TlsAction): string | null {
	const v = s.settings.version;
	const c = s.client;
	switch (a.type) {
		case 'tcp':
			return null;
		case 'hello':
			if (s.started) return 'the handshake has already started';
			if (tcpOf(s, 'client') !== 'ESTABLISHED' || tcpOf(s, 'server') !== 'ESTABLISHED') {
				return `in this lab TLS starts once TCP is ESTABLISHED on both ends (client ${tcpOf(s, 'client')}, server ${tcpOf(s, 'server')}); a real client may send ClientHello right behind its third ACK`;
			}
			return null;
		case 'send': {
			const p = s[a.side];
			if (p.state !== 'CONNECTED') return `the ${a.side} has no application keys yet (${p.state}): application data waits for the handshake`;
			return null;
		}
		case 'attack': {
			if (c.alert || s.server.alert) return 'the handshake is over';
			if (a.attack === 'swap-key') {
				if (s.attacker.keySwap) return 'the attacker is already in the middle of the key exchange';
				const past = v === '1.3' ? c.sr !== null : v === '1.2-ecdhe' ? c.peerShare !== null : c.pm !== null;
				if (past) {
					// 1.3 and ECDHE: the client has received the server's share; RSA: it has sent its encrypted pre_master.
					if (v === '1.2-rsa') return 'too late: the client has already sent ClientKeyExchange';
					return `too late: the client has already taken in ${v === '1.3' ? 'the ServerHello key_share' : 'ServerKeyExchange'}`;
				}
				return null;
			}
			if (s.attacker.certSwap) return 'the attacker has already swapped the certificate';
			if (v === '1.3' && c.sr !== null) return 'too late: in TLS 1.3 the certificate travels encrypted, so the attacker had to swap the key shares before ServerHello';
			if (c.certKey !== null || c.checks.some((x) => x.what === 'certificate')) return 'too late: the client has already checked the certificate';
			return null;
		}
		case 'version':
			if (s.started) {
				return `the ClientHello has already been sent (${v === '1.3' ? 'TLS 1.3' : `TLS 1.2, ${v === '1.2-rsa' ? 'RSA' : 'ECDHE'} key exchange`}), so the version is settled for this connection (RFC 8446 §4.1.2, RFC 5246 §7.4.1.2): undo (u) back before h, or reset (R), to choose another`;
			}
			return null;
		case 'certificate':
			if (s.started) {
				return `the handshake has started with the ${s.settings.certificate} certificate, fixed before h; undo (u) back before h, or reset (R), to choose another`;
			}
			return null;
		case 'replay':
			if (!s.started) return 'nothing to replay yet: the handshake has not started';
			if (c.state === 'CONNECTED' && s.server.state === 'CONNECTED') return 'the handshake is complete: no handshake message is left to replace';
			if (c.alert || s.server.alert) return 'the handshake is over';
			if (s.attacker.replayNext) return 'a replay is already waiting for the next message';
			return null;
		case 'record':
			return s.attacker.recording ? 'the attacker is already recording' : null;
		case 'leak':
			return s.attacker.leaked ? "the server's private key has already leaked" : null;
		case 'decrypt':
			return s.attacker.recording || s.attacker.recorded.length > 0 ? null : 'nothing recorded: press e (record) first';
	}
}

export function actionLabel(a: TlsAction): string {
	switch (a.type) {
		case 'tcp': {
			const t = a.action;
			if (t.type === 'user') return `${t.side} ${t.call}`;
			if (t.type === 'advance') return `advance ${t.ms}`;
			return 'id' in t && t.id !== undefined ? `${t.type} ${t.id}` : t.type;
		}
		case 'hello':
			return 'client hello';
		case 'send':
			return `${a.side} send`;
		case 'attack':
			return `attacker ${a.attack}`;
		case 'version':
			return `version ${a.version}`;
		case 'certificate':
			return `certificate ${a.certificate}`;
		case 'replay':
			return 'attacker replay';
		case 'record':
			return 'attacker record';
		case 'leak':
			return 'leak';
		case 'decrypt':
			return 'attacker decrypt';
	}
}

// ---------------------------------------------------------------- the work of one step

type Work = {
	s: TlsState;
	messages: MessageEvent[];
	verifications: Verification[];
	alerts: AlertEvent[];
	decrypted: boolean | null;
	tcpSteps: StepRecord[];
	log: Array<{text: string; tone: LogTone}>;
	error: string | null;
};

const say = (w: Work, text: string, tone: LogTone = 'info') => w.log.push({text, tone});

function tcpStep(w: Work, a: TcpAction): void {
	const next = tcpApply(w.s.tcp, a);
	w.s = {...w.s, tcp: next};
	const step = next.last;
	if (!step) return;
	w.tcpSteps.push(step);
	// What TCP did underneath, in the order it happened.
	for (const t of step.timerEvents) if (t.event === 'fired') say(w, `TCP ${t.side}: ${t.name} timer fires`, 'timer');
	for (const e of step.segments) {
		if (e.event === 'dropped') say(w, `TCP: segment #${e.id} from the ${e.from} (seq ${e.seq}, len ${e.len}) is lost`, 'segment');
		if (e.event === 'sent' && e.retransmission) say(w, `TCP ${e.from}: retransmits seq ${e.seq} len ${e.len}`, 'segment');
	}
	for (const text of step.log) if (!text.includes(' is lost')) say(w, `TCP ${text}`, text.includes(' → ') ? 'state' : 'info');
	for (const sig of step.signals) say(w, `TCP ${sig.side}: the application sees ${sig.name}`, 'error');
	if (step.error) say(w, `TCP: ${step.error}`, 'error');
}

function setState(w: Work, side: Side, state: string): void {
	const p = w.s[side];
	if (p.state === state) return;
	say(w, `${side}: ${p.state} → ${state}`, 'state');
	p.state = state;
}

function learn(p: Party, ...names: string[]): void {
	for (const n of names) if (!p.knows.includes(n)) p.knows.push(n);
}

/** Write a flight to the socket: one `send` of all its bytes. */
function write(w: Work, side: Side, msgs: Message[]): void {
	const p = w.s[side];
	const rtt = side === 'client' ? p.flights : null;
	let bytes = 0;
	for (const msg of msgs) {
		w.s.wire[side].push({msg, start: p.written, end: p.written + msg.bytes, rtt, changedTo: null});
		p.written += msg.bytes;
		bytes += msg.bytes;
		w.messages.push({name: msg.name, from: side, event: 'sent', tampered: false, rtt});
	}
	say(w, `${side} sends ${msgs.map((m) => m.name).join(', ')} (${bytes} bytes)`, 'segment');
	tcpStep(w, {type: 'user', side, call: 'send', bytes});
}

function verification(w: Work, v: Verification): void {
	w.s[v.by].checks.push(v);
	w.verifications.push(v);
	say(w, `${v.by} checks ${v.what}: ${v.ok ? 'ok' : 'FAILED'} — ${v.detail}`, v.ok ? 'info' : 'error');
}

/** A fatal alert: send it (sealed if keys are in use), stop the handshake, close the TCP connection. */
function fatal(w: Work, side: Side, name: AlertName, at: MessageName | null, reason: string): void {
	const p = w.s[side];
	p.alert = {name, sent: true, at, reason};
	w.alerts.push({from: side, name, code: ALERT_CODES[name], at});
	say(w, `${side} sends a fatal alert ${name}(${ALERT_CODES[name]})${at ? ` at ${at}` : ''}: ${reason}`, 'error');
	setState(w, side, 'FAILED');
	write(w, side, [message(w.s.settings.version, 'Alert', side, p.writeKey, {alert: name, carries: {alert: `${name}(${ALERT_CODES[name]})`}})]);
	tcpStep(w, {type: 'user', side, call: 'close'});
}

/** The record layer's check: a sealed record opens only with the key it was sealed with. */
function opens(w: Work, side: Side, msg: Message): boolean {
	const p = w.s[side];
	if (msg.key === p.readKey) return true;
	const why =
		msg.key === null
			? `${msg.name} arrived in the clear where a protected record was expected`
			: `the record carrying ${msg.name} does not authenticate with the ${side}'s keys (${p.secret ? 'the sender sealed it with other keys' : `the ${side} has no keys yet`})`;
	fatal(w, side, 'bad_record_mac', msg.name, why);
	return false;
}

// ---------------------------------------------------------------- the attacker on the path

/** Does the attacker hold the keys the receiving side uses (it is the receiver's real peer)? */
function attackerHolds(w: Work, receiver: Side): boolean {
	const p = w.s[receiver];
	const v = w.s.settings.version;
	if (v === '1.2-rsa') {
		if (receiver === 'server') return p.pm === 'pre_master_attacker';
		return p.certKey === 'attacker_key' || (w.s.attacker.leaked && p.certKey === 'server_key');
	}
	return p.peerShare === pub('m_eph');
}

/** What the receiver's own checks expect next: the attacker, holding the same inputs, can compute it too. */
function expectedFinished(w: Work, receiver: Side): string {
	const p = w.s[receiver];
	const th = transcriptHash(p.transcript);
	const who = other(receiver);
	if (w.s.settings.version === '1.3') return finished13(p.secret ?? '', who, th);
	return finished12(p.secret ?? '', who === 'client' ? 'client finished' : 'server finished', th);
}

function mark(entry: WireEntry, changed: Message, w: Work, text: string): void {
	entry.changedTo = changed;
	say(w, `attacker: ${text}`, 'error');
}

/** The message the receiver actually gets: the attacker may replace or reseal it on the way. */
function intercept(w: Work, receiver: Side, entry: WireEntry): Message {
	const a = w.s.attacker;
	const v = w.s.settings.version;
	let msg = entry.msg;
	if (a.recording) a.recorded.push(msg);
	const handshake = msg.name !== 'ApplicationData' && msg.name !== 'Alert';
	if (a.replayNext && handshake) {
		a.replayNext = false;
		const copy = oldCopy(msg);
		const same = digest(copy) === digest(msg) && copy.key === msg.key;
		mark(entry, copy, w, `replays ${msg.name} recorded from an earlier session${same ? ' (it is byte for byte the same message: nothing in it belongs to one session)' : ''}`);
		return copy;
	}
	if (msg.name === 'Certificate' && receiver === 'client' && a.certSwap) {
		const chain = a.certSwap === 'own' ? attackerOwnChain() : attackerForgedChain();
		msg = {...msg, chain, carries: {...msg.carries, certificate: `${chain[0]!.subject} (attacker's)`}, mark: a.certSwap === 'own' ? 'swap-cert' : 'forge-cert'};
		mark(entry, msg, w, a.certSwap === 'own' ? 'replaces the certificate with its own (issued to attacker.example by a trusted CA)' : 'replaces the certificate with one it made itself, claiming shop.example');
	}
	if (!a.keySwap) return msg;
	// A man in the middle on the key exchange.
	if (v !== '1.2-rsa' && msg.name === (v === '1.3' ? 'ClientHello' : 'ClientKeyExchange') && receiver === 'server') {
		msg = {...msg, carries: {...msg.carries, key_share: pub('m_eph')}, mark: 'swap-key'};
		mark(entry, msg, w, `puts its own key share pub(m_eph) in the client's ${msg.name}`);
		learnAttacker(w, `the client's ${v === '1.3' ? 'key_share' : 'ECDHE share'} pub(c_eph)`);
		return msg;
	}
	if (v === '1.3' && msg.name === 'ServerHello' && receiver === 'client') {
		msg = {...msg, carries: {...msg.carries, key_share: pub('m_eph')}, mark: 'swap-key'};
		mark(entry, msg, w, "puts its own key share pub(m_eph) in the server's ServerHello");
		return msg;
	}
	if (v === '1.2-ecdhe' && msg.name === 'ServerKeyExchange' && receiver === 'client') {
		const params = pub('m_eph');
		const sig = a.leaked ? {signer: 'server_key', over: skeContent(w.s.client.cr ?? '', w.s.client.sr ?? '', params)} : msg.sig;
		msg = {...msg, carries: {...msg.carries, params}, ...(sig ? {sig} : {}), mark: 'swap-key'};
		mark(entry, msg, w, `replaces the server's ECDHE parameters with pub(m_eph)${a.leaked ? ' and signs them with the leaked server key' : '; it cannot re-sign them, so the server signature stays'}`);
		return msg;
	}
	if (v === '1.2-rsa' && msg.name === 'ClientKeyExchange' && receiver === 'server') {
		msg = {...msg, enc: {to: 'server_key', secret: 'pre_master_attacker'}, carries: {...msg.carries, pre_master: 'enc(server_key, pre_master_attacker)'}, mark: 'swap-key'};
		mark(
			entry,
			msg,
			w,
			a.leaked
				? "opens the client's pre_master with the leaked server key and sends the server a pre_master of its own: it holds the keys of both ends"
				: "cannot open the client's pre_master (it is encrypted to the server's key, which the attacker does not have); it sends the server a pre_master of its own",
		);
		if (a.leaked) learnAttacker(w, "the client's pre_master (decrypted with the leaked key)");
		return msg;
	}
	if (msg.key === null && msg.name !== 'Finished') return msg;
	// Reseal protected messages for the receiver when the attacker shares the receiver's keys.
	if (!attackerHolds(w, receiver)) {
		if (msg.key !== null) say(w, `attacker: cannot reseal ${msg.name} for the ${receiver}: it does not hold the ${receiver}'s keys`, 'info');
		return msg;
	}
	const p = w.s[receiver];
	const resealed: Message = {...msg, key: p.readKey, mark: msg.mark ?? 'reseal'};
	if (msg.name === 'Finished') resealed.verify = expectedFinished(w, receiver);
	if (msg.name === 'CertificateVerify' && msg.sig) {
		const over = cvContent(transcriptHash(p.transcript));
		if (a.certSwap) resealed.sig = {signer: 'attacker_key', over};
		else if (a.leaked) resealed.sig = {signer: 'server_key', over};
	}
	const sigNote = msg.name === 'CertificateVerify' && !a.certSwap ? (a.leaked ? ' and signs it with the leaked server key' : "; it cannot sign the client's transcript with the server's key, so the server's signature stays") : '';
	const sender = other(receiver);
	const how = attackerHolds(w, sender)
		? `decrypts ${msg.name} and reseals it`
		: msg.name === 'Finished'
			? // It saw every handshake message and holds the receiver's secret: it computes the verify_data the receiver expects.
				`cannot open the ${sender}'s Finished, so it computes the one the ${receiver} expects from the transcript it saw and seals it`
			: `cannot open the ${sender}'s ${msg.name}, so it writes one with the same content and seals it`;
	mark(entry, resealed, w, `${how} with the keys it shares with the ${receiver}${sigNote}`);
	return resealed;
}

function learnAttacker(w: Work, ...names: string[]): void {
	for (const n of names) if (!w.s.attacker.knows.includes(n)) w.s.attacker.knows.push(n);
}

// ---------------------------------------------------------------- the two ends

function unexpected(w: Work, side: Side, msg: Message): void {
	fatal(w, side, 'unexpected_message', msg.name, `${msg.name} is not what ${w.s[side].state} waits for`);
}

function checkCertificate(w: Work, msg: Message): boolean {
	const verdict = verifyChain(msg.chain ?? []);
	if (!verdict.ok) {
		verification(w, {by: 'client', what: 'certificate', ok: false, detail: `verify error ${verdict.error}: ${verdict.reason}`});
		fatal(w, 'client', verdict.alert, 'Certificate', `verify error ${verdict.error} (${verdict.reason.split(':')[0]})`);
		return false;
	}
	w.s.client.certKey = verdict.key;
	verification(w, {by: 'client', what: 'certificate', ok: true, detail: `${verdict.summary}; valid today; names shop.example`});
	learn(w.s.client, 'server public key (from the certificate)');
	return true;
}

function clientHello(w: Work): void {
	const v = w.s.settings.version;
	const p = w.s.client;
	p.cr = 'client_random';
	learn(p, 'client_random');
	const carries: Record<string, string> = {random: p.cr, cipher_suites: v === '1.3' ? 'TLS_AES_256_GCM_SHA384, …' : SUITES[v] + ', …', server_name: 'shop.example'};
	if (v === '1.3') {
		p.eph = 'c_eph';
		carries['key_share'] = pub(p.eph);
		learn(p, 'c_eph (its x25519 private key)');
	}
	const ch = message(v, 'ClientHello', 'client', null, {carries});
	p.transcript.push(digest(ch));
	w.s.started = true;
	write(w, 'client', [ch]);
	setState(w, 'client', v === '1.3' ? 'WAIT_SH' : 'WAIT_SERVER_HELLO');
}

function server13(w: Work, msg: Message): void {
	const p = w.s.server;
	if (p.state === 'START' && msg.name === 'ClientHello') {
		p.transcript.push(digest(msg));
		p.cr = msg.carries['random'] ?? null;
		p.peerShare = msg.carries['key_share'] ?? null;
		learn(p, 'client_random', "client's key_share");
		setState(w, 'server', 'RECVD_CH');
		setState(w, 'server', 'NEGOTIATED');
		p.sr = 'server_random';
		p.eph = 's_eph';
		p.pm = dh(p.eph, p.peerShare ?? '');
		learn(p, 'server_random', 's_eph (its x25519 private key)', '(EC)DHE shared secret');
		const v = w.s.settings.version;
		const sh = message(v, 'ServerHello', 'server', null, {carries: {random: p.sr, cipher_suite: 'TLS_AES_256_GCM_SHA384', key_share: pub(p.eph)}});
		p.transcript.push(digest(sh));
		p.secret = handshakeSecret(p.pm, transcriptHash(p.transcript));
		const hk = handshakeKeys(p.secret);
		p.readKey = hk;
		p.writeKey = hk;
		learn(p, 'handshake keys');
		const flight: Message[] = [sh];
		const add = (m: Message) => {
			p.transcript.push(digest(m));
			flight.push(m);
		};
		add(message(v, 'EncryptedExtensions', 'server', hk, {carries: {server_name: 'acknowledged'}}));
		const chain = serverChain(w.s.settings.certificate);
		add(message(v, 'Certificate', 'server', hk, {chain, carries: {certificate: `${chain[0]!.subject} + ${chain.length - 1} intermediate(s)`}}));
		add(message(v, 'CertificateVerify', 'server', hk, {sig: {signer: 'server_key', over: cvContent(transcriptHash(p.transcript))}, carries: {signature: 'sign(server_key, transcript hash)'}}));
		add(message(v, 'Finished', 'server', hk, {verify: finished13(p.secret, 'server', transcriptHash(p.transcript)), carries: {verify_data: 'HMAC over the transcript'}}));
		p.appKey = applicationKeys(p.secret, transcriptHash(p.transcript));
		learn(p, 'application keys');
		write(w, 'server', flight);
		setState(w, 'server', 'WAIT_FLIGHT2');
		setState(w, 'server', 'WAIT_FINISHED');
		return;
	}
	if (p.state === 'WAIT_FINISHED' && msg.name === 'Finished') {
		if (!opens(w, 'server', msg)) return;
		const expect = finished13(p.secret ?? '', 'client', transcriptHash(p.transcript));
		if (msg.verify !== expect) {
			verification(w, {by: 'server', what: 'Finished', ok: false, detail: "the client's verify_data does not match the server's transcript"});
			fatal(w, 'server', 'decrypt_error', 'Finished', 'the Finished MAC does not verify (RFC 8446 §4.4.4)');
			return;
		}
		verification(w, {by: 'server', what: 'Finished', ok: true, detail: 'HMAC over the same transcript, keyed from the same handshake traffic secret'});
		p.transcript.push(digest(msg));
		p.readKey = p.appKey;
		p.writeKey = p.appKey;
		setState(w, 'server', 'CONNECTED');
		return;
	}
	unexpected(w, 'server', msg);
}

function client13(w: Work, msg: Message): void {
	const p = w.s.client;
	const v = w.s.settings.version;
	switch (p.state) {
		case 'WAIT_SH': {
			if (msg.name !== 'ServerHello') return unexpected(w, 'client', msg);
			p.transcript.push(digest(msg));
			p.sr = msg.carries['random'] ?? null;
			p.peerShare = msg.carries['key_share'] ?? null;
			p.pm = dh(p.eph ?? '', p.peerShare ?? '');
			p.secret = handshakeSecret(p.pm, transcriptHash(p.transcript));
			p.readKey = handshakeKeys(p.secret);
			p.writeKey = p.readKey;
			learn(p, 'server_random', "server's key_share", '(EC)DHE shared secret', 'handshake keys');
			setState(w, 'client', 'WAIT_EE');
			return;
		}
		case 'WAIT_EE':
			if (msg.name !== 'EncryptedExtensions') return unexpected(w, 'client', msg);
			if (!opens(w, 'client', msg)) return;
			p.transcript.push(digest(msg));
			setState(w, 'client', 'WAIT_CERT_CR');
			return;
		case 'WAIT_CERT_CR':
			if (msg.name !== 'Certificate') return unexpected(w, 'client', msg);
			if (!opens(w, 'client', msg)) return;
			if (!checkCertificate(w, msg)) return;
			p.transcript.push(digest(msg));
			setState(w, 'client', 'WAIT_CV');
			return;
		case 'WAIT_CV': {
			if (msg.name !== 'CertificateVerify') return unexpected(w, 'client', msg);
			if (!opens(w, 'client', msg)) return;
			const expect = cvContent(transcriptHash(p.transcript));
			const sig = msg.sig;
			if (!sig || sig.signer !== p.certKey || sig.over !== expect) {
				const why = !sig || sig.signer !== p.certKey ? 'it was not made with the key the certificate names' : "it signs a different transcript: the messages the server saw are not the ones the client saw";
				verification(w, {by: 'client', what: 'CertificateVerify', ok: false, detail: why});
				fatal(w, 'client', 'decrypt_error', 'CertificateVerify', 'the signature does not verify (RFC 8446 §4.4.3)');
				return;
			}
			verification(w, {by: 'client', what: 'CertificateVerify', ok: true, detail: "signed with the certificate's key over this handshake's transcript: the server holds the private key"});
			p.transcript.push(digest(msg));
			setState(w, 'client', 'WAIT_FINISHED');
			return;
		}
		case 'WAIT_FINISHED': {
			if (msg.name !== 'Finished') return unexpected(w, 'client', msg);
			if (!opens(w, 'client', msg)) return;
			const expect = finished13(p.secret ?? '', 'server', transcriptHash(p.transcript));
			if (msg.verify !== expect) {
				verification(w, {by: 'client', what: 'Finished', ok: false, detail: "the server's verify_data does not match the client's transcript"});
				fatal(w, 'client', 'decrypt_error', 'Finished', 'the Finished MAC does not verify (RFC 8446 §4.4.4)');
				return;
			}
			verification(w, {by: 'client', what: 'Finished', ok: true, detail: 'HMAC over the same transcript, keyed from the same handshake traffic secret'});
			p.transcript.push(digest(msg));
			p.flights += 1;
			p.appKey = applicationKeys(p.secret ?? '', transcriptHash(p.transcript));
			learn(p, 'application keys');
			const fin = message(v, 'Finished', 'client', p.writeKey, {verify: finished13(p.secret ?? '', 'client', transcriptHash(p.transcript)), carries: {verify_data: 'HMAC over the transcript'}});
			p.transcript.push(digest(fin));
			write(w, 'client', [fin]);
			p.readKey = p.appKey;
			p.writeKey = p.appKey;
			setState(w, 'client', 'CONNECTED');
			return;
		}
		default:
			unexpected(w, 'client', msg);
	}
}

function server12(w: Work, msg: Message): void {
	const p = w.s.server;
	const v = w.s.settings.version;
	const ecdhe = v === '1.2-ecdhe';
	switch (p.state) {
		case 'START': {
			if (msg.name !== 'ClientHello') return unexpected(w, 'server', msg);
			p.transcript.push(digest(msg));
			p.cr = msg.carries['random'] ?? null;
			p.sr = 'server_random';
			learn(p, 'client_random', 'server_random');
			const flight: Message[] = [];
			const add = (m: Message) => {
				p.transcript.push(digest(m));
				flight.push(m);
			};
			add(message(v, 'ServerHello', 'server', null, {carries: {random: p.sr, cipher_suite: SUITES[v]}}));
			const chain = serverChain(w.s.settings.certificate);
			add(message(v, 'Certificate', 'server', null, {chain, carries: {certificate: `${chain[0]!.subject} + ${chain.length - 1} intermediate(s)`}}));
			if (ecdhe) {
				p.eph = 's_eph';
				const params = pub(p.eph);
				learn(p, 's_eph (its ECDHE private key)');
				add(message(v, 'ServerKeyExchange', 'server', null, {carries: {params}, sig: {signer: 'server_key', over: skeContent(p.cr ?? '', p.sr, params)}}));
			}
			add(message(v, 'ServerHelloDone', 'server', null));
			write(w, 'server', flight);
			setState(w, 'server', 'WAIT_CLIENT_KEY_EXCHANGE');
			return;
		}
		case 'WAIT_CLIENT_KEY_EXCHANGE': {
			if (msg.name !== 'ClientKeyExchange') return unexpected(w, 'server', msg);
			p.transcript.push(digest(msg));
			if (ecdhe) {
				p.peerShare = msg.carries['key_share'] ?? null;
				p.pm = dh(p.eph ?? '', p.peerShare ?? '');
				learn(p, "client's ECDHE share", 'pre_master (ECDHE shared secret)');
			} else if (msg.enc?.to === 'server_key') {
				p.pm = msg.enc.secret;
				learn(p, 'pre_master (decrypted with its private key)');
			} else {
				// RFC 5246 §7.4.7.1: on a bad decryption, continue with a random pre_master (no alert).
				p.pm = 'pre_master@random';
				say(w, 'server: the pre_master does not decrypt; it goes on with a random one (RFC 5246 §7.4.7.1), so Finished will fail', 'info');
			}
			p.secret = masterSecret(p.pm, p.cr ?? '', p.sr ?? '');
			learn(p, 'master_secret', 'session keys');
			setState(w, 'server', 'WAIT_CHANGE_CIPHER_SPEC');
			return;
		}
		case 'WAIT_CHANGE_CIPHER_SPEC':
			if (msg.name !== 'ChangeCipherSpec') return unexpected(w, 'server', msg);
			p.readKey = keyBlock(p.secret ?? '');
			setState(w, 'server', 'WAIT_FINISHED');
			return;
		case 'WAIT_FINISHED': {
			if (msg.name !== 'Finished') return unexpected(w, 'server', msg);
			if (!opens(w, 'server', msg)) return;
			const expect = finished12(p.secret ?? '', 'client finished', transcriptHash(p.transcript));
			if (msg.verify !== expect) {
				verification(w, {by: 'server', what: 'Finished', ok: false, detail: "the client's verify_data does not match the server's handshake messages"});
				fatal(w, 'server', 'decrypt_error', 'Finished', 'the Finished does not verify (RFC 5246 §7.4.9)');
				return;
			}
			verification(w, {by: 'server', what: 'Finished', ok: true, detail: 'same master_secret, same handshake messages'});
			p.transcript.push(digest(msg));
			const keys = keyBlock(p.secret ?? '');
			const fin = message(v, 'Finished', 'server', keys, {verify: finished12(p.secret ?? '', 'server finished', transcriptHash(p.transcript)), carries: {verify_data: 'PRF(master_secret, "server finished", hash)'}});
			p.transcript.push(digest(fin));
			p.writeKey = keys;
			p.appKey = keys;
			write(w, 'server', [message(v, 'ChangeCipherSpec', 'server', null), fin]);
			setState(w, 'server', 'CONNECTED');
			return;
		}
		default:
			unexpected(w, 'server', msg);
	}
}

function client12(w: Work, msg: Message): void {
	const p = w.s.client;
	const v = w.s.settings.version;
	const ecdhe = v === '1.2-ecdhe';
	switch (p.state) {
		case 'WAIT_SERVER_HELLO':
			if (msg.name !== 'ServerHello') return unexpected(w, 'client', msg);
			p.transcript.push(digest(msg));
			p.sr = msg.carries['random'] ?? null;
			learn(p, 'server_random');
			setState(w, 'client', 'WAIT_CERTIFICATE');
			return;
		case 'WAIT_CERTIFICATE':
			if (msg.name !== 'Certificate') return unexpected(w, 'client', msg);
			if (!checkCertificate(w, msg)) return;
			p.transcript.push(digest(msg));
			setState(w, 'client', ecdhe ? 'WAIT_SERVER_KEY_EXCHANGE' : 'WAIT_SERVER_HELLO_DONE');
			return;
		case 'WAIT_SERVER_KEY_EXCHANGE': {
			if (msg.name !== 'ServerKeyExchange') return unexpected(w, 'client', msg);
			const params = msg.carries['params'] ?? '';
			const sig = msg.sig;
			const expect = skeContent(p.cr ?? '', p.sr ?? '', params);
			if (!sig || sig.signer !== p.certKey || sig.over !== expect) {
				const why = !sig || sig.signer !== p.certKey ? 'it was not made with the key the certificate names' : "the signature covers client_random + server_random + other ECDHE parameters than the ones received";
				verification(w, {by: 'client', what: 'ServerKeyExchange', ok: false, detail: why});
				fatal(w, 'client', 'decrypt_error', 'ServerKeyExchange', 'the signature does not verify (RFC 5246 §7.4.3, §7.2.2)');
				return;
			}
			verification(w, {by: 'client', what: 'ServerKeyExchange', ok: true, detail: "the ECDHE parameters are signed with the certificate's key, over this session's randoms"});
			p.transcript.push(digest(msg));
			p.peerShare = params;
			learn(p, "server's ECDHE share");
			setState(w, 'client', 'WAIT_SERVER_HELLO_DONE');
			return;
		}
		case 'WAIT_SERVER_HELLO_DONE': {
			if (msg.name !== 'ServerHelloDone') return unexpected(w, 'client', msg);
			p.transcript.push(digest(msg));
			p.flights += 1;
			let cke: Message;
			if (ecdhe) {
				p.eph = 'c_eph';
				p.pm = dh(p.eph, p.peerShare ?? '');
				cke = message(v, 'ClientKeyExchange', 'client', null, {carries: {key_share: pub(p.eph)}});
				learn(p, 'c_eph (its ECDHE private key)', 'pre_master (ECDHE shared secret)');
			} else {
				p.pm = 'pre_master';
				const to = p.certKey ?? '';
				cke = message(v, 'ClientKeyExchange', 'client', null, {enc: {to, secret: p.pm}, carries: {pre_master: `enc(${to}, pre_master)`}});
				learn(p, 'pre_master (48 bytes it chose)');
			}
			p.transcript.push(digest(cke));
			p.secret = masterSecret(p.pm, p.cr ?? '', p.sr ?? '');
			const keys = keyBlock(p.secret);
			learn(p, 'master_secret', 'session keys');
			const fin = message(v, 'Finished', 'client', keys, {verify: finished12(p.secret, 'client finished', transcriptHash(p.transcript)), carries: {verify_data: 'PRF(master_secret, "client finished", hash)'}});
			p.transcript.push(digest(fin));
			p.writeKey = keys;
			p.appKey = keys;
			write(w, 'client', [cke, message(v, 'ChangeCipherSpec', 'client', null), fin]);
			setState(w, 'client', 'WAIT_CHANGE_CIPHER_SPEC');
			return;
		}
		case 'WAIT_CHANGE_CIPHER_SPEC':
			if (msg.name !== 'ChangeCipherSpec') return unexpected(w, 'client', msg);
			p.readKey = keyBlock(p.secret ?? '');
			setState(w, 'client', 'WAIT_FINISHED');
			return;
		case 'WAIT_FINISHED': {
			if (msg.name !== 'Finished') return unexpected(w, 'client', msg);
			if (!opens(w, 'client', msg)) return;
			const expect = finished12(p.secret ?? '', 'server finished', transcriptHash(p.transcript));
			if (msg.verify !== expect) {
				verification(w, {by: 'client', what: 'Finished', ok: false, detail: "the server's verify_data does not match the client's handshake messages"});
				fatal(w, 'client', 'decrypt_error', 'Finished', 'the Finished does not verify (RFC 5246 §7.4.9)');
				return;
			}
			verification(w, {by: 'client', what: 'Finished', ok: true, detail: 'same master_secret, same handshake messages'});
			p.transcript.push(digest(msg));
			p.flights += 1;
			setState(w, 'client', 'CONNECTED');
			return;
		}
		default:
			unexpected(w, 'client', msg);
	}
}

function receive(w: Work, side: Side, entry: WireEntry): void {
	const p = w.s[side];
	if (p.state === 'FAILED') return;
	const msg = intercept(w, side, entry);
	w.messages.push({name: msg.name, from: other(side), event: 'received', tampered: msg.mark !== null, rtt: entry.rtt});
	if (msg.name === 'Alert') {
		p.alert = {name: msg.alert ?? 'handshake_failure', sent: false, at: null, reason: `the ${other(side)} sent it`};
		say(w, `${side} receives the fatal alert ${msg.alert}(${ALERT_CODES[msg.alert ?? 'handshake_failure']}) and closes`, 'error');
		setState(w, side, 'FAILED');
		tcpStep(w, {type: 'user', side, call: 'close'});
		return;
	}
	if (msg.name === 'ApplicationData') {
		if (p.state !== 'CONNECTED') return unexpected(w, side, msg);
		if (!opens(w, side, msg)) return;
		say(w, `${side} decrypts ${msg.bytes} bytes of application data: ${msg.carries['data'] ?? ''}`, 'info');
		return;
	}
	const v = w.s.settings.version;
	if (v === '1.3') (side === 'client' ? client13 : server13)(w, msg);
	else (side === 'client' ? client12 : server12)(w, msg);
}

/** Take in every message whose bytes TCP has delivered in order, at both ends, until nothing moves. */
function pump(w: Work): void {
	for (let guard = 0; guard < 100; guard++) {
		let moved = false;
		for (const side of ['client', 'server'] as const) {
			const peer = other(side);
			const got = tcbOf(w.s.tcp, side).readTotal;
			const p = w.s[side];
			while (p.consumed < w.s.wire[peer].length && w.s.wire[peer][p.consumed]!.end <= got) {
				const entry = w.s.wire[peer][p.consumed]!;
				p.consumed += 1;
				receive(w, side, entry);
				moved = true;
			}
		}
		if (!moved) return;
	}
}

// ---------------------------------------------------------------- the attacker's own actions

function attemptDecrypt(w: Work): void {
	const a = w.s.attacker;
	const v = w.s.settings.version;
	const rec = a.recorded;
	const apps = rec.filter((m) => m.name === 'ApplicationData');
	const done = (ok: boolean, why: string) => {
		a.decrypted = ok;
		w.decrypted = ok;
		say(w, `attacker: ${ok ? 'decrypts' : 'cannot decrypt'} the recording — ${why}`, ok ? 'error' : 'info');
	};
	if (apps.length === 0) return done(false, 'the recording holds no application data');
	const ch = rec.find((m) => m.name === 'ClientHello');
	const sh = rec.find((m) => m.name === 'ServerHello');
	if (v !== '1.2-rsa') {
		return done(
			false,
			`the keys come from an ${v === '1.3' ? '(EC)DHE' : 'ECDHE'} secret of c_eph and s_eph; only their public halves were on the wire, both ends threw the private halves away, and the server key${a.leaked ? ', leaked or not,' : ''} only ever signed — forward secrecy`,
		);
	}
	const cke = rec.find((m) => m.name === 'ClientKeyExchange');
	if (!ch || !sh || !cke?.enc) return done(false, 'the recording misses the handshake (ClientHello, ServerHello, ClientKeyExchange) that the keys come from');
	if (cke.enc.to === 'server_key' && !a.leaked) return done(false, "pre_master is encrypted to the server's RSA key, which the attacker does not have (yet)");
	const keys = keyBlock(masterSecret(cke.enc.secret, ch.carries['random'] ?? '', sh.carries['random'] ?? ''));
	learnAttacker(w, 'pre_master (decrypted with the leaked key)', 'master_secret', 'session keys');
	const opened = apps.filter((m) => m.key === keys).length;
	if (opened === 0) return done(false, 'the recorded data was sealed with other keys');
	done(true, `the leaked RSA key opens the recorded ClientKeyExchange: pre_master → master_secret = PRF(pre_master, client_random + server_random) → session keys; ${opened} ${opened === 1 ? 'record' : 'records'} of application data read`);
}

/** What each version means for the learner (RFC 8446 §2; RFC 5246 §7.3, §7.4.7.1 vs §7.4.3). */
const VERSION_NOTES: Record<Version, string> = {
	'1.3': '1 TLS round trip, key_share in the hellos, certificate sent encrypted',
	'1.2-ecdhe': '2 TLS round trips, signed ECDHE parameters: forward secrecy',
	'1.2-rsa': '2 TLS round trips, RSA key exchange: no forward secrecy',
};

/** What each certificate is, from the chain the server will send (pki.ts); short enough for one line of the view. */
export function certificateNote(scenario: CertScenario): string {
	const [leaf, second] = serverChain(scenario);
	const dates = `${leaf!.notBefore} to ${leaf!.notAfter}`;
	switch (scenario) {
		case 'valid':
			return `${leaf!.subject} ← ${leaf!.issuer} ← ${second!.issuer}, ${dates}`;
		case 'expired':
		case 'not-yet-valid':
			return `${leaf!.subject}, ${dates} (lab date ${TODAY})`;
		case 'wrong-host':
			return `for ${leaf!.san.join(', ')}; the client asks for ${HOST}`;
		case 'self-signed':
			return `${leaf!.subject}, signed with its own key, no CA`;
		case 'untrusted-root':
			return `${leaf!.subject} ← ${second!.subject} ← ${second!.issuer} (not trusted)`;
		case 'tampered':
			return `${leaf!.subject}, changed after ${leaf!.issuer} signed it`;
		case 'intermediate-not-ca':
			return `${leaf!.subject} ← "${second!.subject}" (CA:FALSE)`;
	}
}

function chooseVersion(w: Work, version: Version): void {
	const was = w.s.settings.version;
	w.s.settings = {...w.s.settings, version};
	// In TLS 1.3 a certificate swap needs the key shares swapped too (the certificate is encrypted).
	const a = w.s.attacker;
	a.keySwap = a.keySwapOwn || (version === '1.3' && a.certSwap !== null);
	if (was === version) say(w, `version stays ${version}`, 'info');
	else say(w, `version ${version} — ${VERSION_NOTES[version]}`, 'state');
}

function chooseCertificate(w: Work, certificate: CertScenario): void {
	const was = w.s.settings.certificate;
	w.s.settings = {...w.s.settings, certificate};
	say(w, `${was === certificate ? 'certificate stays' : 'certificate'} ${certificate} — ${certificateNote(certificate)}`, was === certificate ? 'info' : 'state');
}

function perform(w: Work, a: TlsAction): void {
	switch (a.type) {
		case 'tcp':
			tcpStep(w, a.action);
			return;
		case 'hello':
			clientHello(w);
			return;
		case 'send': {
			const p = w.s[a.side];
			const data = a.side === 'client' ? 'GET /account HTTP/1.1 (Host: shop.example, Cookie: session=…)' : 'HTTP/1.1 200 OK (the account page)';
			write(w, a.side, [message(w.s.settings.version, 'ApplicationData', a.side, p.writeKey, {carries: {data}})]);
			return;
		}
		case 'attack':
			if (a.attack === 'swap-key') {
				w.s.attacker.keySwap = true;
				w.s.attacker.keySwapOwn = true;
				say(w, 'attacker: will sit in the middle of the key exchange', 'error');
			} else {
				w.s.attacker.certSwap = a.attack === 'swap-cert' ? 'own' : 'forged';
				if (w.s.settings.version === '1.3') w.s.attacker.keySwap = true;
				say(w, `attacker: will replace the server's certificate with ${a.attack === 'swap-cert' ? 'its own' : 'a forged one'}${w.s.settings.version === '1.3' ? ' (in TLS 1.3 that means swapping the key shares too: the certificate is encrypted)' : ''}`, 'error');
			}
			return;
		case 'version':
			chooseVersion(w, a.version);
			return;
		case 'certificate':
			chooseCertificate(w, a.certificate);
			return;
		case 'replay':
			w.s.attacker.replayNext = true;
			say(w, 'attacker: will replace the next handshake message with the copy it recorded in an earlier session', 'error');
			return;
		case 'record':
			w.s.attacker.recording = true;
			say(w, 'attacker: records every record on the wire from now on', 'info');
			return;
		case 'leak':
			w.s.attacker.leaked = true;
			learnAttacker(w, "server_key (the server's long-term private key)");
			say(w, "the server's long-term private key leaks to the attacker", 'error');
			return;
		case 'decrypt':
			attemptDecrypt(w);
			return;
	}
}

/** Copy what a step may change (parties, wire, attacker); the TCP state is immutable already. */
function mutableCopy(s: TlsState): TlsState {
	const party = (p: Party): Party => ({...p, transcript: [...p.transcript], knows: [...p.knows], checks: [...p.checks], alert: p.alert ? {...p.alert} : null});
	const wire = (list: WireEntry[]) => list.map((e) => ({...e}));
	return {
		...s,
		client: party(s.client),
		server: party(s.server),
		wire: {client: wire(s.wire.client), server: wire(s.wire.server)},
		attacker: {...s.attacker, recorded: [...s.attacker.recorded], knows: [...s.attacker.knows]},
	};
}

/** Take one action. Throws on an action `actionProblem` rejects; a refused TLS action is recorded with its reason. */
export function apply(s0: TlsState, a: TlsAction, opts: {keepRedo?: boolean} = {}): TlsState {
	const problem = actionProblem(s0, a);
	if (problem) throw new Error(problem);
	const w: Work = {s: mutableCopy(s0), messages: [], verifications: [], alerts: [], decrypted: null, tcpSteps: [], log: [], error: null};
	const refused = refusal(s0, a);
	if (refused) w.error = refused;
	else {
		perform(w, a);
		pump(w);
	}
	const s = w.s;
	const step: TlsStep = {
		index: s0.count + 1,
		action: actionLabel(a),
		time: s.tcp.time,
		version: s.settings.version,
		certificate: s.settings.certificate,
		tls: {client: s.client.state, server: s.server.state},
		tcp: {client: tcpOf(s, 'client'), server: tcpOf(s, 'server')},
		messages: w.messages,
		verifications: w.verifications,
		alerts: w.alerts,
		decrypted: w.decrypted,
		tcpSteps: w.tcpSteps,
		log: w.log,
		error: w.error,
	};
	return {...s, count: s0.count + 1, undone: opts.keepRedo ? s0.undone : [], trace: {action: a, step, prev: s0.trace}, last: step};
}

export function replay(settings: TlsSettings, actions: readonly TlsAction[], base = 0): TlsState {
	let s = initialSession(settings);
	for (const a of actions) s = apply(s, a);
	return {...s, base};
}

export function actionsOf(s: TlsState): TlsAction[] {
	const out: TlsAction[] = [];
	for (let t = s.trace; t; t = t.prev) out.push(t.action);
	return out.reverse();
}

export function undo(s: TlsState): TlsState {
	if (!s.trace || s.count <= s.base) return s;
	const back = replay(s.setup, actionsOf(s).slice(0, -1), s.base);
	return {...back, undone: [...s.undone, s.trace.action]};
}

export function redo(s: TlsState): TlsState {
	const next = s.undone[s.undone.length - 1];
	if (!next) return s;
	return apply({...s, undone: s.undone.slice(0, -1)}, next, {keepRedo: true});
}

export function reset(s: TlsState): TlsState {
	return replay(s.setup, actionsOf(s).slice(0, s.base), s.base);
}

export function traceSteps(s: TlsState): TlsStep[] {
	const out: TlsStep[] = [];
	for (let t = s.trace; t; t = t.prev) out.push(t.step);
	return out.reverse();
}

export type TlsEvent = TlsAction | {type: 'undo'} | {type: 'redo'} | {type: 'reset'} | {type: 'advance'; ms: number | 'next'};

/** The session as XState actor logic; input = settings or a prepared state. */
export const tlsSessionLogic = fromTransition(
	(s: TlsState, e: TlsEvent): TlsState => {
		if (e.type === 'undo') return undo(s);
		if (e.type === 'redo') return redo(s);
		if (e.type === 'reset') return reset(s);
		// Real-time mode sends the clock as a bare event: it drives the TCP timers.
		const a: TlsAction = e.type === 'advance' ? {type: 'tcp', action: {type: 'advance', ms: e.ms}} : e;
		return actionProblem(s, a) ? s : apply(s, a);
	},
	({input}: {input: TlsSettings | TlsState | undefined}) => (input && 'tcp' in input && 'trace' in input ? input : initialSession((input as TlsSettings | undefined) ?? DEFAULT_TLS_SETTINGS)),
);
