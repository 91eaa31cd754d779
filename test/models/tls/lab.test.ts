/** The TLS lab contract: keys, setup validation, determinism and undo, the view, the objective vocabulary. */
import {describe, expect, test} from 'vitest';
import {createActor} from 'xstate';
import {BINDINGS} from '../../../source/app/keys.js';
import {LABS} from '../../../source/labs.js';
import {tlsLab} from '../../../source/models/tls/lab.js';
import {actionsOf, replay} from '../../../source/models/tls/session.js';
import {drain, open, press, TCP_OPEN} from './helpers.js';

describe('actions', () => {
	test('registered as tls; every key bound once, none taken by the lab screen, all bilingual', () => {
		expect(LABS['tls']).toBe(tlsLab);
		const keys = tlsLab.actions.flatMap((a) => a.keys);
		expect(new Set(keys).size).toBe(keys.length);
		const reserved = BINDINGS.filter((b) => b.scope === 'lab' || b.scope === 'global').flatMap((b) => b.keys);
		expect(keys.filter((k) => reserved.includes(k))).toEqual([]);
		for (const a of tlsLab.actions) expect(a.labelZh, a.id).toBeTruthy();
		expect(tlsLab.actions.filter((a) => a.inBar).map((a) => a.keys[0])).toEqual(['c', 'h', 'space', 'x', 't', 's']);
	});

	test('keys that mean nothing here send nothing', () => {
		const s = open({});
		const event = (id: string, key: string) => tlsLab.actions.find((a) => a.id === id)!.event(s, {focus: 'client', key});
		expect(event('tls.deliver', 'space')).toBeNull();
		expect(event('tls.deliver-n', '3')).toBeNull();
		expect(event('tls.next-timer', 't')).toBeNull();
		const once = press(s, 'c');
		expect(tlsLab.actions.find((a) => a.id === 'tls.connect')!.event(once, {focus: 'client', key: 'c'})).toBeNull();
	});

	test('s sends from the focused end', () => {
		const s = drain(press(open({}), `${TCP_OPEN} h`));
		const fromServer = press(s, 'tab s', 'client');
		expect(fromServer.wire.server.at(-1)!.msg.name).toBe('ApplicationData');
	});
});

describe('setup', () => {
	test('bad input is reported with its path', () => {
		const bad = tlsLab.init({version: 1.3, certificate: 'old', attacker: 'eve', record: 'yes', colour: 1, isn: {client: -1}, steps: ['fly', {server: 'hello'}, {attacker: 'sleep'}]});
		expect(bad.ok).toBe(false);
		if (bad.ok) return;
		expect(bad.problems.map((p) => p.path)).toEqual([
			'setup.colour',
			'setup.isn',
			'setup.version',
			'setup.certificate',
			'setup.attacker',
			'setup.record',
			'setup.steps[0]',
			'setup.steps[1]',
			'setup.steps[2]',
		]);
		expect(bad.problems[2]!.message).toMatch(/'1.3'.*quoted/);
		expect(tlsLab.init('tls').ok).toBe(false);
	});

	test('setup steps are taken and do not count as the learner\'s', () => {
		const s = open({version: '1.2-ecdhe', isn: {client: 100, server: 300}, steps: [{client: 'connect'}, 'deliver', 'deliver', 'deliver', {client: 'hello'}, {attacker: 'record'}]});
		expect(s.base).toBe(6);
		expect(s.attacker.recording).toBe(true);
		expect(s.tcp.inFlight[0]!.seg.seq).toBe(101);
		const complete = tlsLab.parseCheck({client: 'ESTABLISHED'});
		if ('problems' in complete) throw new Error('parse');
		expect(tlsLab.met(complete.check, s)).toBe(false); // reached in the setup, not by the learner
		expect(press(s, 'R').count).toBe(6);
	});
});

describe('determinism, undo, redo, reset', () => {
	test('the same actions give the same trace; undo is replay without the last action', () => {
		const s = drain(press(open({version: '1.2-rsa', record: true}), `${TCP_OPEN} h x t`));
		const again = replay(s.settings, actionsOf(s));
		expect(again.last).toEqual(s.last);
		expect(tlsLab.view(again)).toEqual(tlsLab.view(s));
		const back = press(s, 'u');
		expect(back.count).toBe(s.count - 1);
		expect(tlsLab.view(back)).toEqual(tlsLab.view(replay(s.settings, actionsOf(s).slice(0, -1))));
		expect(press(back, 'r').last).toEqual(s.last);
		expect(press(s, 'R').count).toBe(0);
	});

	test("real time sends a bare advance: it drives TCP's timers", () => {
		const s = press(open({}), `${TCP_OPEN} h x`);
		const actor = createActor(tlsLab.logic, {input: s}).start();
		for (let i = 0; i < 30; i++) actor.send({type: 'advance', ms: 100});
		const after = actor.getSnapshot().context as typeof s;
		expect(after.tcp.time).toBe(3000);
		expect(after.last!.action).toBe('advance 100');
		expect(after.trace && actionsOf(after).some((a) => a.type === 'tcp' && a.action.type === 'advance')).toBe(true);
		expect(after.tcp.inFlight.some((f) => f.retransmission)).toBe(true);
	});
});

describe('view', () => {
	test('lanes show TCP states, then TLS states; arrows carry message names with seq and len', () => {
		const before = tlsLab.view(press(open({}), 'c'));
		expect(before.lanes.map((l) => l.state)).toEqual(['SYN-SENT', 'LISTEN']);
		const s = press(open({}), `${TCP_OPEN} h space`);
		const view = tlsLab.view(s);
		expect(view.lanes.map((l) => [l.state, l.detail])).toEqual([
			['WAIT_SH', 'TCP ESTABLISHED'],
			['WAIT_FINISHED', 'TCP ESTABLISHED'],
		]);
		expect(view.arrows.map((a) => a.label)).toEqual([
			'SYN 1000',
			'SYN,ACK 5000 ack 1001',
			'ACK 1001 ack 5001',
			'ClientHello 1001 len 225',
			'ServerHello,EncryptedExtensions,Certificate,CertificateVerify,Finished 5001 len 1233',
		]);
		expect(view.inFlight.map((a) => a.label)).toEqual(['ServerHello,EncryptedExtensions,Certificate,CertificateVerify,Finished 5001 len 1233']);
		expect(view.facts[0]).toBe('TLS 1.3 · client waited 0 TLS round trips (+1 TCP) · TCP ESTABLISHED | ESTABLISHED · TLS_AES_256_GCM_SHA384, x25519');
		expect(view.facts[1]).toBe("client knows: client_random, c_eph (its x25519 private key)");
		expect(view.facts[2]).toMatch(/^server knows: client_random, client's key_share, server_random, .*handshake keys, application keys$/);
		expect(view.log.map((l) => l.text)).toContain('server sends ServerHello, EncryptedExtensions, Certificate, CertificateVerify, Finished (1233 bytes)');
	});

	test('a message split over two segments is shown on both; the attacker marks what it changed', () => {
		const s = press(open({version: '1.2-rsa'}), `${TCP_OPEN} k h space`);
		const labels = tlsLab.view(s).inFlight.map((a) => a.label);
		expect(labels).toEqual(['ServerHello,Certificate… 5001 len 1460', '…Certificate,ServerHelloDone 6461 len 99']);
		const done = drain(s);
		const view = tlsLab.view(done);
		expect(view.arrows.some((a) => a.label.startsWith('ClientKeyExchange*,ChangeCipherSpec,Finished*'))).toBe(true);
		expect(view.facts.find((f) => f.startsWith('alert:'))).toMatch(/^alert: client sent bad_record_mac\(20\) at Finished/);
		expect(view.facts.find((f) => f.startsWith('attacker:'))).toMatch(/in the middle of the key exchange/);
	});
});

describe('objective vocabulary', () => {
	test('problems name their path', () => {
		const cases: Array<[unknown, string]> = [
			[{client: 'WAIT_SOMETHING'}, 'check.client'],
			[{handshake: 'done'}, 'check.handshake'],
			[{alert: 'certificate_revoked'}, 'check.alert'],
			[{message: {name: 'Hello'}}, 'check.message.name'],
			[{message: {rtt: -1}}, 'check.message.rtt'],
			[{verify: {what: 'OCSP'}}, 'check.verify.what'],
			[{tcp: {segment: {flags: ['XMAS']}}}, 'check.tcp.segment.flags'],
			[{sequence: [{decrypted: 'yes'}]}, 'check.sequence[0].decrypted'],
			[{alert: 'bad_certificate', handshake: 'failed'}, 'check'],
		];
		for (const [raw, path] of cases) {
			const r = tlsLab.parseCheck(raw);
			expect('problems' in r && r.problems[0]!.path, JSON.stringify(raw)).toBe(path);
		}
	});

	test('the examples of docs/tls-lab-vocabulary.md are met by the keys their text names', () => {
		const check = (raw: unknown) => {
			const r = tlsLab.parseCheck(raw);
			if ('problems' in r) throw new Error(JSON.stringify(r.problems));
			return r.check;
		};
		const oneRtt = drain(press(open({}), `${TCP_OPEN} h`));
		expect(tlsLab.met(check({handshake: 'complete'}), oneRtt)).toBe(true);
		expect(tlsLab.met(check({client: 'CONNECTED', server: 'CONNECTED'}), oneRtt)).toBe(true);
		expect(tlsLab.met(check({message: {name: 'CertificateVerify', from: 'server', event: 'received'}}), oneRtt)).toBe(true);
		expect(tlsLab.met(check({message: {name: 'Finished', from: 'client', rtt: 1}}), oneRtt)).toBe(true);
		expect(tlsLab.met(check({verify: {what: 'CertificateVerify', by: 'client', ok: true}}), oneRtt)).toBe(true);
		expect(tlsLab.met(check({handshake: 'failed'}), oneRtt)).toBe(false);
		const expired = drain(press(open({certificate: 'expired'}), `${TCP_OPEN} h`));
		expect(tlsLab.met(check({alert: {name: 'certificate_expired', from: 'client'}}), expired)).toBe(true);
		expect(tlsLab.met(check({alert: 'bad_certificate'}), expired)).toBe(false);
		const fs = press(drain(press(drain(press(open({version: '1.2-rsa'}), `${TCP_OPEN} e h`)), 's')), 'l y');
		expect(tlsLab.met(check({sequence: [{handshake: 'complete'}, {decrypted: true}]}), fs)).toBe(true);
		const mitm = drain(press(open({}), `${TCP_OPEN} k h`));
		expect(tlsLab.met(check({sequence: [{message: {name: 'ServerHello', event: 'received', tampered: true}}, {verify: {what: 'CertificateVerify', ok: false}}, {alert: 'decrypt_error'}]}), mitm)).toBe(true);
	});
});
