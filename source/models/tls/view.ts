/**
 * The TLS lab's pure view: the TCP segments as arrows, labelled with the TLS messages whose
 * bytes they carry (`ServerHello,Certificate… 5001 len 1460`); lanes with the TLS state (the
 * TCP state before the handshake); facts saying what each side knows and what was checked.
 * A `*` marks a message the attacker changed; a replayed one shows as old.
 */
import type {LabArrow, LabLogLine, LabView, ViewWindow} from '../lab.js';
import {stateOf, tcbOf} from '../tcp/connection.js';
import {seqSub} from '../tcp/seq.js';
import {tcpView} from '../tcp/view.js';
import {certificateNote, type TlsState, type WireEntry} from './session.js';
import {ALERT_CODES, SUITES, type Side} from './types.js';

const SIDES = ['client', 'server'] as const;

/** The TLS messages (whole or in part) inside bytes [from, to) of a side's stream. */
function carried(entries: readonly WireEntry[], from: number, to: number): {names: string[]; replayed: boolean} {
	const names: string[] = [];
	let replayed = false;
	for (const e of entries) {
		if (e.end <= from || e.start >= to) continue;
		const touched = e.changedTo !== null;
		if (e.changedTo?.mark === 'replay') replayed = true;
		const head = e.start < from ? '…' : '';
		const tail = e.end > to ? '…' : '';
		names.push(`${head}${e.msg.name}${touched ? '*' : ''}${tail}`);
	}
	return {names, replayed};
}

function relabel(s: TlsState, a: LabArrow): LabArrow {
	const [first, seqText] = a.label.split(' ');
	const lenMatch = / len (\d+)/.exec(a.label);
	if (!lenMatch || !seqText) return a;
	const from = a.from as Side;
	const iss = tcbOf(s.tcp, from).iss;
	const offset = seqSub(Number(seqText), iss + 1);
	const len = Number(lenMatch[1]);
	const {names, replayed} = carried(s.wire[from], offset, offset + len);
	if (names.length === 0) return a;
	const fin = first?.includes('FIN') ? ' FIN' : '';
	return {...a, label: `${names.join(',')} ${seqText} len ${len}${fin}`, injected: a.injected || replayed};
}

const list = (xs: readonly string[]) => (xs.length === 0 ? 'nothing yet' : xs.join(', '));

function facts(s: TlsState): string[] {
	const out: string[] = [];
	const c = s.client;
	const tcp = `TCP ${stateOf(s.tcp.ends.client)} | ${stateOf(s.tcp.ends.server)}`;
	const rtt = s.started ? ` · client waited ${c.flights} TLS round trip${c.flights === 1 ? '' : 's'} (+1 TCP)` : '';
	// Before the ClientHello the learner may still choose: each value is shown after its key, as in the key bar.
	const v = s.settings.version;
	out.push(s.started ? `TLS ${v}${rtt} · ${tcp} · ${SUITES[v]}` : `V version ${v} · ${SUITES[v]} · ${tcp}`);
	if (s.started) {
		for (const side of SIDES) out.push(`${side} knows: ${list(s[side].knows)}`);
		const failed = SIDES.map((side) => ({side, a: s[side].alert})).find((x) => x.a?.sent);
		const checks = [...c.checks, ...s.server.checks].map((v) => `${v.by} ${v.what} ${v.ok ? '✓' : '✗'}`);
		if (failed?.a) {
			out.push(`alert: ${failed.side} sent ${failed.a.name}(${ALERT_CODES[failed.a.name]})${failed.a.at ? ` at ${failed.a.at}` : ''} — ${failed.a.reason}`);
		} else out.push(`checked: ${list(checks)}`);
	}
	const cert = s.settings.certificate;
	out.push(`${s.started ? '' : 'C '}certificate ${cert} — ${certificateNote(cert)}`);
	const a = s.attacker;
	if (a.keySwap || a.certSwap || a.recording || a.leaked || a.recorded.length > 0 || a.replayNext) {
		const doing = [
			a.keySwap ? 'in the middle of the key exchange' : '',
			a.certSwap ? (a.certSwap === 'own' ? 'swaps the certificate' : 'forges the certificate') : '',
			a.replayNext ? 'will replay the next handshake message' : '',
			a.recording ? `recording (${a.recorded.length} record${a.recorded.length === 1 ? '' : 's'})` : '',
			a.leaked ? 'has the server key' : '',
			a.decrypted === null ? '' : a.decrypted ? 'DECRYPTED the recording' : 'could not decrypt',
		].filter(Boolean);
		out.push(`attacker: ${doing.join(', ')} · knows: ${list(attackerKnows(s))}`);
	}
	return out;
}

/** What the attacker has: its own key, what it saw on the wire, what leaked. */
function attackerKnows(s: TlsState): string[] {
	const seen = new Set<string>();
	for (const m of s.attacker.recorded) {
		if (m.carries['random']) seen.add(m.name === 'ClientHello' ? 'client_random' : 'server_random');
		if (m.carries['key_share']) seen.add(`${m.from}'s public key share`);
		if (m.carries['params']) seen.add("server's ECDHE public key");
		if (m.enc) seen.add('pre_master, encrypted');
		if (m.name === 'ApplicationData') seen.add('encrypted application data');
	}
	return [...s.attacker.knows, ...seen];
}

export function tlsView(s: TlsState, window: ViewWindow = {}): LabView {
	const base = tcpView(s.tcp, {arrows: window.arrows ?? 50, log: 0});
	const maxLog = window.log ?? 200;
	const log: LabLogLine[] = [];
	for (let t = s.trace; t && log.length < maxLog; t = t.prev) {
		const step = t.step;
		const lines: LabLogLine[] = step.log.map((l) => ({step: step.index, at: step.time, text: l.text, tone: l.tone}));
		if (step.error) lines.push({step: step.index, at: step.time, text: `${step.action}: ${step.error}`, tone: 'error'});
		log.unshift(...lines);
	}
	const lanes = SIDES.map((side) => {
		const tcp = stateOf(s.tcp.ends[side]);
		const tls = s[side].state;
		return {
			id: side,
			label: side,
			state: s.started ? tls : tcp,
			detail: s.started ? `TCP ${tcp}` : side === 'client' ? 'TCP first: connect, then TLS' : 'listening (TCP)',
		};
	});
	return {
		clock: base.clock,
		lanes,
		arrows: base.arrows.map((a) => relabel(s, a)),
		inFlight: base.inFlight.map((a) => relabel(s, a)),
		timers: base.timers,
		log: log.slice(-maxLog),
		facts: facts(s),
	};
}
