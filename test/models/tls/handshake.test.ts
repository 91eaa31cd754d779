/**
 * The three handshakes over TCP, message by message (RFC 5246 §7.3 Figure 1; RFC 8446 §2
 * Figure 1; PROTOCOL-TRUTH §4.1–4.2), and the certificate failures with the alerts the
 * OpenSSL 3.0 client sends (§4.4, measured for this lab's PKI).
 */
import {describe, expect, test} from 'vitest';
import {tlsLab} from '../../../source/models/tls/lab.js';
import {verifyChain, serverChain} from '../../../source/models/tls/pki.js';
import {CERT_SCENARIOS, VERSIONS, type Version} from '../../../source/models/tls/types.js';
import {alerts, drain, open, own, press, sent, TCP_OPEN, verifications} from './helpers.js';

const connected = (version: Version) => drain(press(open({version}), `${TCP_OPEN} h`));

describe('the handshake starts only on an ESTABLISHED TCP connection', () => {
	test('h before TCP is open, or while the third ACK is still in flight, is refused and sends nothing', () => {
		const early = press(open({}), 'h');
		expect(early.last!.error).toMatch(/ESTABLISHED on both ends/);
		expect(early.wire.client).toHaveLength(0);
		const halfway = press(open({}), 'c space space h');
		expect(halfway.last!.tcp).toEqual({client: 'ESTABLISHED', server: 'SYN-RECEIVED'});
		expect(halfway.last!.error).toMatch(/server SYN-RECEIVED/);
		expect(halfway.started).toBe(false);
	});

	test('a setup step that says hello too early is a setup problem with its path', () => {
		const init = tlsLab.init({steps: [{client: 'connect'}, {client: 'hello'}]});
		expect(init.ok).toBe(false);
		if (!init.ok) expect(init.problems[0]).toMatchObject({path: 'setup.steps[1]', message: expect.stringMatching(/ESTABLISHED/)});
	});
});

describe('happy paths, message by message', () => {
	test('TLS 1.3: one TLS round trip; everything after ServerHello is encrypted', () => {
		const s = drain(press(connected('1.3'), 's'));
		expect(sent(s)).toEqual([
			'client:ClientHello',
			'server:ServerHello',
			'server:EncryptedExtensions',
			'server:Certificate',
			'server:CertificateVerify',
			'server:Finished',
			'client:Finished',
			'client:ApplicationData',
		]);
		const steps = own(s);
		// TCP's handshake comes first: SYN, SYN-ACK, ACK, and only then the ClientHello.
		expect(steps.slice(0, 4).map((st) => st.tcp)).toEqual([
			{client: 'SYN-SENT', server: 'LISTEN'},
			{client: 'SYN-SENT', server: 'SYN-RECEIVED'},
			{client: 'ESTABLISHED', server: 'SYN-RECEIVED'},
			{client: 'ESTABLISHED', server: 'ESTABLISHED'},
		]);
		const ch = s.wire.client[0];
		const server = s.wire.server;
		expect(ch!.msg.carries).toMatchObject({random: 'client_random', key_share: 'pub(c_eph)', server_name: 'shop.example'});
		expect(ch!.msg.key).toBeNull();
		expect(server[0]!.msg.carries).toMatchObject({random: 'server_random', key_share: 'pub(s_eph)'});
		expect(server[0]!.msg.key).toBeNull();
		for (const e of server.slice(1)) expect(e.msg.key).toMatch(/^hk\(/); // {EncryptedExtensions} … {Finished}
		// The whole server flight is one send: one TCP segment of 1233 bytes.
		expect(server.map((e) => e.msg.bytes)).toEqual([127, 28, 902, 102, 74]);
		// RTT: ClientHello left after TCP's round trip only; Finished and data after one TLS round trip.
		const rtts = steps.flatMap((st) => st.messages.filter((m) => m.event === 'sent' && m.from === 'client').map((m) => [m.name, m.rtt]));
		expect(rtts).toEqual([['ClientHello', 0], ['Finished', 1], ['ApplicationData', 1]]);
		expect(s.client.state).toBe('CONNECTED');
		expect(s.server.state).toBe('CONNECTED');
		expect(s.client.knows).toEqual([
			'client_random',
			'c_eph (its x25519 private key)',
			'server_random',
			"server's key_share",
			'(EC)DHE shared secret',
			'handshake keys',
			'server public key (from the certificate)',
			'application keys',
		]);
		expect(verifications(s).map((v) => `${v.by} ${v.what} ${v.ok}`)).toEqual([
			'client certificate true',
			'client CertificateVerify true',
			'client Finished true',
			'server Finished true',
		]);
		// Both ends derived the same application keys, and the server read the data.
		expect(s.client.appKey).toBe(s.server.appKey);
		expect(s.last!.log.some((l) => l.text.startsWith('server decrypts 100 bytes'))).toBe(true);
	});

	test('TLS 1.3 states are RFC 8446 Appendix A names', () => {
		const s = connected('1.3');
		const lines = own(s).flatMap((st) => st.log.filter((l) => l.tone === 'state' && !l.text.startsWith('TCP')).map((l) => l.text));
		expect(lines).toEqual([
			'client: START → WAIT_SH',
			'server: START → RECVD_CH',
			'server: RECVD_CH → NEGOTIATED',
			'server: NEGOTIATED → WAIT_FLIGHT2',
			'server: WAIT_FLIGHT2 → WAIT_FINISHED',
			'client: WAIT_SH → WAIT_EE',
			'client: WAIT_EE → WAIT_CERT_CR',
			'client: WAIT_CERT_CR → WAIT_CV',
			'client: WAIT_CV → WAIT_FINISHED',
			'client: WAIT_FINISHED → CONNECTED',
			'server: WAIT_FINISHED → CONNECTED',
		]);
	});

	test('TLS 1.2 ECDHE: ServerKeyExchange carries signed parameters; two TLS round trips', () => {
		const s = press(connected('1.2-ecdhe'), 's');
		expect(sent(s)).toEqual([
			'client:ClientHello',
			'server:ServerHello',
			'server:Certificate',
			'server:ServerKeyExchange',
			'server:ServerHelloDone',
			'client:ClientKeyExchange',
			'client:ChangeCipherSpec',
			'client:Finished',
			'server:ChangeCipherSpec',
			'server:Finished',
			'client:ApplicationData',
		]);
		const ske = s.wire.server.find((e) => e.msg.name === 'ServerKeyExchange')!.msg;
		expect(ske.carries['params']).toBe('pub(s_eph)');
		expect(ske.sig).toEqual({signer: 'server_key', over: 'client_random|server_random|pub(s_eph)'});
		const cke = s.wire.client.find((e) => e.msg.name === 'ClientKeyExchange')!.msg;
		expect(cke.carries['key_share']).toBe('pub(c_eph)');
		// The pre-master is the ECDH secret both computed; master_secret = PRF(pre_master, randoms).
		expect(s.client.pm).toBe('dh(c_eph,s_eph)');
		expect(s.server.pm).toBe(s.client.pm);
		expect(s.client.secret).toBe('ms(dh(c_eph,s_eph)|client_random|server_random)');
		const rtts = own(s).flatMap((st) => st.messages.filter((m) => m.event === 'sent' && m.from === 'client').map((m) => m.rtt));
		expect(rtts).toEqual([0, 1, 1, 1, 2]);
		expect(verifications(s).map((v) => `${v.by} ${v.what}`)).toEqual(['client certificate', 'client ServerKeyExchange', 'server Finished', 'client Finished']);
		// Only the Finished messages and what follows are protected.
		expect(s.wire.client.map((e) => e.msg.key === null)).toEqual([true, true, true, false, false]);
	});

	test('TLS 1.2 RSA: no ServerKeyExchange; the client encrypts a pre_master to the certificate key', () => {
		const s = press(connected('1.2-rsa'), 's');
		expect(sent(s)).toEqual([
			'client:ClientHello',
			'server:ServerHello',
			'server:Certificate',
			'server:ServerHelloDone',
			'client:ClientKeyExchange',
			'client:ChangeCipherSpec',
			'client:Finished',
			'server:ChangeCipherSpec',
			'server:Finished',
			'client:ApplicationData',
		]);
		const cke = s.wire.client.find((e) => e.msg.name === 'ClientKeyExchange')!.msg;
		expect(cke.enc).toEqual({to: 'server_key', secret: 'pre_master'});
		expect(s.server.pm).toBe('pre_master');
		expect(s.server.secret).toBe('ms(pre_master|client_random|server_random)');
		// The RSA chain (1488-byte Certificate) does not fit one segment: the server flight is two.
		const serverData = own(s).flatMap((st) => st.tcpSteps.flatMap((t) => t.segments)).filter((e) => e.from === 'server' && e.event === 'sent' && e.len > 0);
		expect(serverData.slice(0, 2).map((e) => e.len)).toEqual([1460, 99]);
		const appRtt = own(s).flatMap((st) => st.messages).find((m) => m.name === 'ApplicationData' && m.event === 'sent')!.rtt;
		expect(appRtt).toBe(2);
	});

	test('application data waits for the handshake', () => {
		const s = press(open({}), `${TCP_OPEN} h s`);
		expect(s.last!.error).toMatch(/application data waits for the handshake/);
	});
});

describe('certificate failures end at Certificate with the OpenSSL 3.0 client alert (PROTOCOL-TRUTH §4.4)', () => {
	const expected: Record<string, [string, number]> = {
		expired: ['certificate_expired', 10],
		'not-yet-valid': ['bad_certificate', 9],
		'wrong-host': ['bad_certificate', 62],
		'self-signed': ['unknown_ca', 18],
		'untrusted-root': ['unknown_ca', 20],
		tampered: ['decrypt_error', 7],
		'intermediate-not-ca': ['unknown_ca', 79],
	};

	test('the verifier alone: every scenario fails with its verify error, valid passes', () => {
		expect(verifyChain(serverChain('valid')).ok).toBe(true);
		for (const scenario of CERT_SCENARIOS.filter((c) => c !== 'valid')) {
			const v = verifyChain(serverChain(scenario));
			expect(v.ok, scenario).toBe(false);
			if (!v.ok) expect([v.alert, v.error], scenario).toEqual(expected[scenario]);
		}
	});

	for (const version of VERSIONS) {
		for (const certificate of CERT_SCENARIOS.filter((c) => c !== 'valid')) {
			test(`${version} ${certificate}`, () => {
				const s = drain(press(open({version, certificate}), `${TCP_OPEN} h`));
				const [name] = expected[certificate]!;
				expect(alerts(s)).toEqual([{from: 'client', name, code: {certificate_expired: 45, bad_certificate: 42, unknown_ca: 48, decrypt_error: 51}[name], at: 'Certificate'}]);
				// The alert leaves in the same step as the failed certificate check, right after it.
				const step = own(s).find((st) => st.alerts.length > 0)!;
				expect(step.verifications).toEqual([expect.objectContaining({by: 'client', what: 'certificate', ok: false})]);
				expect(step.messages.filter((m) => m.event === 'received').map((m) => m.name).at(-1)).toBe('Certificate');
				// Nothing after Certificate was processed; the client never sent a key exchange.
				expect(sent(s)).not.toContain('client:ClientKeyExchange');
				expect(sent(s)).not.toContain('client:Finished');
				expect(s.client.state).toBe('FAILED');
				expect(s.server.state).toBe('FAILED'); // it got the alert
				expect(s.server.alert).toMatchObject({name, sent: false});
				// Then both close the TCP connection.
				expect(s.last!.tcp.client).not.toBe('ESTABLISHED');
			});
		}
	}
});
