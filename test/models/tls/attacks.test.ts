/**
 * The attacker on the path: where each man-in-the-middle is caught (RFC 8446 §4.4.3, §4.4.4,
 * §5.2; RFC 5246 §7.4.3, §7.4.9, §6.2.3.3), lost segments recovered by TCP, replays, and
 * forward secrecy (RFC 8446 §1.2; RFC 5246 §7.4.7.1).
 */
import {describe, expect, test} from 'vitest';
import {tlsLab} from '../../../source/models/tls/lab.js';
import type {TlsState} from '../../../source/models/tls/session.js';
import {VERSIONS} from '../../../source/models/tls/types.js';
import {alerts, drain, open, own, press, sent, TCP_OPEN, verifications} from './helpers.js';

const failedChecks = (s: TlsState) => verifications(s).filter((v) => !v.ok).map((v) => `${v.by} ${v.what}`);

describe('man in the middle on the key exchange (k)', () => {
	test('TLS 1.3: the attacker reseals the server flight, but CertificateVerify gives it away', () => {
		const s = drain(press(open({version: '1.3'}), `${TCP_OPEN} k h`));
		expect(s.server.peerShare).toBe('pub(m_eph)'); // the server got the attacker's key_share
		expect(s.client.peerShare).toBe('pub(m_eph)'); // and so did the client
		// EncryptedExtensions and Certificate opened fine (resealed); the certificate is the real one.
		expect(verifications(s).map((v) => `${v.what} ${v.ok}`)).toEqual(['certificate true', 'CertificateVerify false']);
		expect(alerts(s)).toEqual([{from: 'client', name: 'decrypt_error', code: 51, at: 'CertificateVerify'}]);
		expect(sent(s)).not.toContain('client:Finished');
		// The marks: ClientHello and ServerHello swapped, the encrypted flight resealed.
		expect(s.wire.client[0]!.changedTo?.mark).toBe('swap-key');
		expect(s.wire.server.slice(0, 4).map((e) => e.changedTo?.mark)).toEqual(['swap-key', 'reseal', 'reseal', 'reseal']);
	});

	test('TLS 1.2 ECDHE: the swapped parameters break the ServerKeyExchange signature', () => {
		const s = drain(press(open({version: '1.2-ecdhe'}), `${TCP_OPEN} k h`));
		expect(failedChecks(s)).toEqual(['client ServerKeyExchange']);
		expect(alerts(s)).toEqual([{from: 'client', name: 'decrypt_error', code: 51, at: 'ServerKeyExchange'}]);
		expect(s.client.pm).toBeNull(); // no key exchange happened
	});

	test('TLS 1.2 RSA: the attacker cannot open pre_master; its Finished fails the client, after the server was fooled', () => {
		const s = drain(press(open({version: '1.2-rsa'}), `${TCP_OPEN} k h`));
		expect(s.client.certKey).toBe('server_key'); // the real certificate passed
		expect(s.server.pm).toBe('pre_master_attacker'); // the server shares a master secret with the attacker
		expect(own(s).some((st) => st.tls.server === 'CONNECTED')).toBe(true);
		expect(alerts(s)).toEqual([{from: 'client', name: 'bad_record_mac', code: 20, at: 'Finished'}]);
		expect(s.client.pm).toBe('pre_master');
		expect(s.attacker.knows.some((k) => k.startsWith('pre_master'))).toBe(false);
		expect(s.server.state).toBe('FAILED'); // the client's alert reaches it
	});

	test('once the server key has leaked, a man in the middle succeeds: forward secrecy protects the past, not the future', () => {
		const s = drain(press(open({version: '1.3'}), `${TCP_OPEN} l k h`));
		expect(alerts(s)).toEqual([]);
		expect(s.client.state).toBe('CONNECTED');
		expect(s.server.state).toBe('CONNECTED');
		expect(s.client.peerShare).toBe('pub(m_eph)');
	});

	test('k is too late once the client has taken in the key it would swap', () => {
		const s = drain(press(open({version: '1.3'}), `${TCP_OPEN} h space space`));
		const late = press(s, 'k');
		expect(late.last!.error).toMatch(/too late/);
		expect(late.attacker.keySwap).toBe(false);
	});
});

describe("the attacker's certificates (w, g)", () => {
	for (const version of VERSIONS) {
		test(`${version}: its own certificate fails the host name; a forged one has no trusted root`, () => {
			const own1 = drain(press(open({version}), `${TCP_OPEN} w h`));
			expect(alerts(own1)).toEqual([{from: 'client', name: 'bad_certificate', code: 42, at: 'Certificate'}]);
			expect(verifications(own1)[0]!.detail).toMatch(/verify error 62: hostname mismatch.*attacker\.example/);
			const forged = drain(press(open({version}), `${TCP_OPEN} g h`));
			expect(alerts(forged)).toEqual([{from: 'client', name: 'unknown_ca', code: 48, at: 'Certificate'}]);
			expect(verifications(forged)[0]!.detail).toMatch(/verify error 18/);
		});
	}

	test('setup can arm the attacker from the start', () => {
		const s = drain(press(open({version: '1.2-ecdhe', attacker: 'swap-cert'}), `${TCP_OPEN} h`));
		expect(alerts(s)[0]!.name).toBe('bad_certificate');
	});

	test('in TLS 1.3 the certificate is encrypted: swapping it after ServerHello is refused', () => {
		const s = press(open({version: '1.3'}), `${TCP_OPEN} h space space w`);
		expect(s.last!.error).toMatch(/travels encrypted/);
	});
});

describe('a lost segment is recovered by TCP, not TLS', () => {
	for (const version of VERSIONS) {
		test(`${version}: the server flight is dropped, TCP retransmits it, the handshake completes`, () => {
			let s = press(open({version}), `${TCP_OPEN} h space`); // ClientHello delivered: the server flight is in flight
			const lostSeq = s.tcp.inFlight[0]!.seg.seq;
			s = press(s, 'x');
			expect(s.client.state).not.toBe('CONNECTED');
			// Timers fire (the client's RTO for its unacknowledged ClientHello may come first) until the server's does.
			const retransmitted = () => own(s).flatMap((st) => st.tcpSteps.flatMap((t) => t.segments)).find((e) => e.retransmission && e.from === 'server');
			for (let i = 0; i < 4 && !retransmitted(); i++) s = press(s, 't');
			expect(retransmitted()).toMatchObject({from: 'server', seq: lostSeq, event: 'sent'});
			s = drain(s);
			expect([s.client.state, s.server.state]).toEqual(['CONNECTED', 'CONNECTED']);
			// TLS wrote its flight once: the copy on the wire came from TCP's retransmission queue.
			expect(sent(s).filter((m) => m === 'server:ServerHello')).toHaveLength(1);
			const check = tlsLab.parseCheck({sequence: [{tcp: {segment: {from: 'server', event: 'dropped'}}}, {tcp: {segment: {from: 'server', retransmission: true}}}, {handshake: 'complete'}]});
			if ('problems' in check) throw new Error(JSON.stringify(check.problems));
			expect(tlsLab.met(check.check, s)).toBe(true);
		});
	}

	test('a duplicated segment is discarded by TCP: TLS takes each message in once', () => {
		const s = drain(press(open({version: '1.3'}), `${TCP_OPEN} h d`));
		expect([s.client.state, s.server.state]).toEqual(['CONNECTED', 'CONNECTED']);
		expect(own(s).flatMap((st) => st.messages).filter((m) => m.name === 'ClientHello' && m.event === 'received')).toHaveLength(1);
	});
});

describe('replay of an old handshake message (p)', () => {
	test('1.2 RSA, old ClientHello: the server derives keys from the old client_random; the client Finished fails', () => {
		const s = drain(press(open({version: '1.2-rsa'}), `${TCP_OPEN} h p`));
		expect(s.server.cr).toBe('client_random@old');
		expect(alerts(s)).toEqual([{from: 'server', name: 'bad_record_mac', code: 20, at: 'Finished'}]);
		expect(s.client.state).toBe('FAILED');
	});

	test('1.2 RSA, old ClientKeyExchange: same pre_master check, caught at Finished', () => {
		let s = press(open({version: '1.2-rsa'}), `${TCP_OPEN} h space space space`); // ClientHello, then both server segments: the client sent its second flight
		expect(s.client.state).toBe('WAIT_CHANGE_CIPHER_SPEC');
		s = drain(press(s, 'p'));
		expect(s.server.pm).toBe('pre_master@old');
		expect(alerts(s)[0]).toMatchObject({from: 'server', name: 'bad_record_mac', at: 'Finished'});
	});

	test('1.2 ECDHE, old ServerHello: the ServerKeyExchange signature covers this session\'s randoms', () => {
		const s = drain(press(open({version: '1.2-ecdhe'}), `${TCP_OPEN} h space p`));
		expect(s.client.sr).toBe('server_random@old');
		expect(alerts(s)).toEqual([{from: 'client', name: 'decrypt_error', code: 51, at: 'ServerKeyExchange'}]);
	});

	test('1.3, old ServerHello: the handshake keys differ, EncryptedExtensions does not open', () => {
		const s = drain(press(open({version: '1.3'}), `${TCP_OPEN} h space p`));
		expect(alerts(s)).toEqual([{from: 'client', name: 'bad_record_mac', code: 20, at: 'EncryptedExtensions'}]);
	});

	test('1.2 ECDHE, old ClientKeyExchange: the server computes another pre_master; the client Finished fails', () => {
		let s = press(open({version: '1.2-ecdhe'}), `${TCP_OPEN} h space space`);
		expect(s.server.state).toBe('WAIT_CLIENT_KEY_EXCHANGE');
		s = drain(press(s, 'p')); // the next message the server takes in is ClientKeyExchange
		expect(alerts(s)[0]).toMatchObject({from: 'server', name: 'bad_record_mac', at: 'Finished'});
	});

	test('a replayed Certificate carries nothing of one session: it changes nothing', () => {
		// 1.2 RSA: the first server segment brought ServerHello and part of Certificate; the rest is still in flight.
		let s = press(open({version: '1.2-rsa'}), `${TCP_OPEN} h space space`);
		expect(s.client.state).toBe('WAIT_CERTIFICATE');
		s = drain(press(s, 'p'));
		expect(s.wire.server.find((e) => e.msg.name === 'Certificate')!.changedTo?.mark).toBe('replay');
		expect(alerts(s)).toEqual([]);
		expect([s.client.state, s.server.state]).toEqual(['CONNECTED', 'CONNECTED']);
	});

	test('the replayed message is marked old on its arrow', () => {
		const s = drain(press(open({version: '1.2-rsa'}), `${TCP_OPEN} h p`));
		const view = tlsLab.view(s);
		expect(view.arrows.find((a) => a.label.startsWith('ClientHello*'))?.injected).toBe(true);
	});
});

describe('forward secrecy: record, leak the server key, decrypt', () => {
	const goal = tlsLab.parseCheck({sequence: [{handshake: 'complete'}, {decrypted: true}]});
	if ('problems' in goal) throw new Error(JSON.stringify(goal.problems));
	const run = (version: string, keys = 'e h') => {
		const done = drain(press(open({version}), `${TCP_OPEN} ${keys}`));
		return press(drain(press(done, 's')), 'l y');
	};

	test('1.2 RSA: the leaked key opens the recorded ClientKeyExchange; the recording is read', () => {
		const s = run('1.2-rsa');
		expect(s.attacker.decrypted).toBe(true);
		expect(tlsLab.met(goal.check, s)).toBe(true);
		expect(s.last!.log[0]!.text).toMatch(/pre_master → master_secret/);
	});

	for (const version of ['1.2-ecdhe', '1.3']) {
		test(`${version}: the leaked key only signed; the recording stays closed`, () => {
			const s = run(version);
			expect(s.attacker.decrypted).toBe(false);
			expect(tlsLab.met(goal.check, s)).toBe(false);
			expect(s.last!.log[0]!.text).toMatch(/forward secrecy/);
			const failed = tlsLab.parseCheck({decrypted: false});
			if ('problems' in failed) throw new Error('parse');
			expect(tlsLab.met(failed.check, s)).toBe(true);
		});
	}

	test('1.2 RSA without the leak, or with a recording that starts after the key exchange, reads nothing', () => {
		const noLeak = press(drain(press(drain(press(open({version: '1.2-rsa'}), `${TCP_OPEN} e h`)), 's')), 'y');
		expect(noLeak.attacker.decrypted).toBe(false);
		const late = run('1.2-rsa', 'h space space space space space e');
		expect(late.attacker.decrypted).toBe(false);
		expect(late.last!.log[0]!.text).toMatch(/misses the handshake/);
	});
});
