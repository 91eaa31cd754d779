/**
 * V and C: the learner chooses the TLS version and the server's certificate by keys, before the
 * ClientHello (docs/tls-lab-vocabulary.md). Alerts per certificate: OpenSSL 3.0's x509table
 * (ssl/statem/statem_lib.c), PROTOCOL-TRUTH §4; flows: RFC 8446 §2, RFC 5246 §7.3.
 */
import {describe, expect, test} from 'vitest';
import {tlsLab} from '../../../source/models/tls/lab.js';
import {CERT_SCENARIOS, VERSIONS, type CertScenario, type Version} from '../../../source/models/tls/types.js';
import {alerts, drain, open, own, press, sent, TCP_OPEN, verifications} from './helpers.js';

const times = (key: string, n: number) => Array.from({length: n}, () => key).join(' ');

/** Alert the OpenSSL 3.0 client sends for each certificate (PROTOCOL-TRUTH §4; the docs' table). */
const ALERT: Record<Exclude<CertScenario, 'valid'>, string> = {
	expired: 'certificate_expired',
	'not-yet-valid': 'bad_certificate',
	'wrong-host': 'bad_certificate',
	'self-signed': 'unknown_ca',
	'untrusted-root': 'unknown_ca',
	tampered: 'decrypt_error',
	'intermediate-not-ca': 'unknown_ca',
};

function check(raw: unknown) {
	const parsed = tlsLab.parseCheck(raw);
	if ('problems' in parsed) throw new Error(JSON.stringify(parsed.problems));
	return parsed.check;
}

describe('V chooses the version', () => {
	test.each(VERSIONS.map((v, i) => [v, i] as const))('%s is reached with V pressed %i times from the default setup', (version, n) => {
		const s = press(open({}), times('V', n));
		expect(s.settings.version).toBe(version);
		expect(own(s).map((st) => st.version)).toEqual(VERSIONS.slice(1, n + 1));
	});

	test('the cycle wraps: 1.3 → 1.2-ecdhe → 1.2-rsa → 1.3', () => {
		const s = press(open({}), 'V V V');
		expect(own(s).map((st) => st.version)).toEqual(['1.2-ecdhe', '1.2-rsa', '1.3']);
		expect(s.settings.version).toBe('1.3');
		// the cycle starts from the setup's version
		expect(press(open({version: '1.2-rsa'}), 'V').settings.version).toBe('1.3');
	});

	const flows: Record<Version, {keys: string; messages: string[]; rtt: number}> = {
		'1.3': {keys: '', messages: ['client:ClientHello', 'server:ServerHello', 'server:EncryptedExtensions', 'server:Certificate', 'server:CertificateVerify', 'server:Finished', 'client:Finished'], rtt: 1},
		'1.2-ecdhe': {
			keys: 'V',
			messages: ['client:ClientHello', 'server:ServerHello', 'server:Certificate', 'server:ServerKeyExchange', 'server:ServerHelloDone', 'client:ClientKeyExchange', 'client:ChangeCipherSpec', 'client:Finished', 'server:ChangeCipherSpec', 'server:Finished'],
			rtt: 2,
		},
		'1.2-rsa': {
			keys: 'V V',
			messages: ['client:ClientHello', 'server:ServerHello', 'server:Certificate', 'server:ServerHelloDone', 'client:ClientKeyExchange', 'client:ChangeCipherSpec', 'client:Finished', 'server:ChangeCipherSpec', 'server:Finished'],
			rtt: 2,
		},
	};

	test.each(VERSIONS)('the handshake that follows V is the %s one, with its round trips', (version) => {
		const flow = flows[version];
		// chosen before TCP is open, or once it is: both are before the ClientHello
		for (const keys of [`${flow.keys} ${TCP_OPEN} h`, `${TCP_OPEN} ${flow.keys} h`]) {
			const s = drain(press(open({}), keys));
			expect([s.client.state, s.server.state]).toEqual(['CONNECTED', 'CONNECTED']);
			expect(sent(s)).toEqual(flow.messages);
			expect(s.client.flights).toBe(flow.rtt);
			expect(tlsLab.view(s).facts[0]).toMatch(new RegExp(`^TLS ${version.replace('.', '\\.')} · client waited ${flow.rtt} TLS round trips? \\(\\+1 TCP\\)`));
		}
	});
});

describe('C chooses the certificate', () => {
	test.each(CERT_SCENARIOS.map((c, i) => [c, i] as const))('%s is reached with C pressed %i times from the default setup', (cert, n) => {
		const s = press(open({}), times('C', n));
		expect(s.settings.certificate).toBe(cert);
		expect(tlsLab.view(s).facts.some((f) => f.startsWith(`C certificate ${cert} — `))).toBe(true);
	});

	test('the cycle wraps after intermediate-not-ca', () => {
		expect(press(open({}), times('C', CERT_SCENARIOS.length)).settings.certificate).toBe('valid');
		expect(press(open({certificate: 'intermediate-not-ca'}), 'C').settings.certificate).toBe('valid');
	});

	const bad = CERT_SCENARIOS.filter((c): c is Exclude<CertScenario, 'valid'> => c !== 'valid');
	for (const version of VERSIONS) {
		test.each(bad)(`${version}: after choosing %s, the client refuses it at Certificate with the OpenSSL alert`, (cert) => {
			const keys = `${times('V', VERSIONS.indexOf(version))} ${times('C', CERT_SCENARIOS.indexOf(cert))} ${TCP_OPEN} h`;
			const s = drain(press(open({}), keys));
			expect(alerts(s)).toEqual([expect.objectContaining({from: 'client', name: ALERT[cert], at: 'Certificate'})]);
			expect(verifications(s)).toContainEqual(expect.objectContaining({by: 'client', what: 'certificate', ok: false}));
			expect(s.client.state).toBe('FAILED');
			expect(sent(s)).not.toContain('client:Finished');
		});
	}

	test('the valid certificate (C pressed eight times) completes the handshake again', () => {
		const s = drain(press(open({certificate: 'expired'}), `${times('C', 7)} ${TCP_OPEN} h`));
		expect(s.settings.certificate).toBe('valid');
		expect([s.client.state, s.server.state]).toEqual(['CONNECTED', 'CONNECTED']);
		expect(verifications(s)).toContainEqual(expect.objectContaining({by: 'client', what: 'certificate', ok: true}));
	});
});

describe('only before the ClientHello', () => {
	test('after h, V and C are refused with the reason in the log, and change nothing', () => {
		const s = press(open({}), `${TCP_OPEN} h V C`);
		const [v, c] = own(s).slice(-2);
		expect(v!.error).toMatch(/ClientHello has already been sent \(TLS 1\.3\).*undo \(u\)/);
		expect(c!.error).toMatch(/handshake has started.*undo \(u\)/);
		expect([v!.version, c!.certificate]).toEqual(['1.3', 'valid']);
		expect(s.settings.version).toBe('1.3');
		expect(s.settings.certificate).toBe('valid');
		const log = tlsLab.view(s).log.map((l) => l.text);
		expect(log).toContain(`version 1.2-ecdhe: ${v!.error}`);
		expect(log).toContain(`certificate expired: ${c!.error}`);
		const done = drain(s);
		expect([done.client.state, done.server.state]).toEqual(['CONNECTED', 'CONNECTED']);
		expect(sent(done)).toContain('server:EncryptedExtensions');
	});

	test('the view shows the choice, with its key beside it until the ClientHello is sent', () => {
		const before = tlsLab.view(press(open({}), 'V C')).facts;
		expect(before[0]).toBe('V version 1.2-ecdhe · TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256 · TCP CLOSED | LISTEN');
		expect(before.at(-1)).toBe('C certificate expired — shop.example, 2025-02-01 to 2025-05-02 (lab date 2025-06-01)');
		const started = tlsLab.view(press(open({}), `${TCP_OPEN} h`)).facts;
		expect(started[0]).toMatch(/^TLS 1\.3 · client waited 0 TLS round trips/);
		expect(started.find((f) => f.startsWith('certificate '))).toBe('certificate valid — shop.example ← Lab Issuing CA ← Lab Root CA, 2025-04-15 to 2025-07-14');
	});

	test('setup steps name the choice; one after the hello is a setup problem', () => {
		const s = open({steps: [{version: '1.2-rsa'}, {certificate: 'wrong-host'}, {client: 'connect'}, 'deliver', 'deliver', 'deliver']});
		expect([s.settings.version, s.settings.certificate, s.base]).toEqual(['1.2-rsa', 'wrong-host', 6]);
		expect(alerts(drain(press(s, 'h')))).toEqual([expect.objectContaining({from: 'client', name: 'bad_certificate', at: 'Certificate'})]);
		const late = tlsLab.init({steps: [{client: 'connect'}, 'deliver', 'deliver', 'deliver', {client: 'hello'}, {version: '1.2-rsa'}]});
		expect(late.ok).toBe(false);
		if (!late.ok) expect(late.problems).toEqual([{path: 'setup.steps[5]', message: expect.stringMatching(/ClientHello has already been sent \(TLS 1\.3\)/)}]);
		const badValues = tlsLab.init({steps: [{version: 1.3}, {certificate: 'revoked'}]});
		expect(badValues.ok).toBe(false);
		if (!badValues.ok) {
			expect(badValues.problems.map((p) => p.path)).toEqual(['setup.steps[0]', 'setup.steps[1]']);
			expect(badValues.problems[0]!.message).toMatch(/'1\.3'.*quoted/);
			expect(badValues.problems[1]!.message).toMatch(/expects one of valid, expired/);
		}
	});
});

describe('undo, redo, reset', () => {
	test('each press is a step: u takes back the last choice, r puts it back', () => {
		const s = press(open({}), 'V V C C');
		expect([s.settings.version, s.settings.certificate]).toEqual(['1.2-rsa', 'not-yet-valid']);
		const back = press(s, 'u u u');
		expect([back.settings.version, back.settings.certificate]).toEqual(['1.2-ecdhe', 'valid']);
		const again = press(back, 'r r');
		expect([again.settings.version, again.settings.certificate]).toEqual(['1.2-rsa', 'expired']);
	});

	test("undo and reset go back to the setup's version, not the chosen one", () => {
		const s = press(open({version: '1.2-rsa', certificate: 'tampered'}), `${TCP_OPEN} V C`);
		expect([s.settings.version, s.settings.certificate]).toEqual(['1.3', 'intermediate-not-ca']);
		expect(press(s, 'u u').settings).toMatchObject({version: '1.2-rsa', certificate: 'tampered'});
		const reset = press(s, 'R');
		expect(reset.settings).toMatchObject({version: '1.2-rsa', certificate: 'tampered'});
		expect(reset.count).toBe(0);
	});

	test('undoing the refused press and the hello lets the learner choose again', () => {
		const s = press(open({}), `${TCP_OPEN} h V`);
		const back = press(s, 'u u V V');
		expect(back.settings.version).toBe('1.2-rsa');
		const done = drain(press(back, 'h'));
		expect(sent(done)).toContain('client:ClientKeyExchange');
		expect(sent(done)).not.toContain('server:ServerKeyExchange');
	});
});

describe('the attacker follows the chosen version', () => {
	test('a certificate swap in 1.3 needs the key shares swapped; in 1.2 it does not', () => {
		const s = open({attacker: 'swap-cert'});
		expect(s.attacker.keySwap).toBe(true);
		const ecdhe = press(s, 'V');
		expect(ecdhe.attacker.keySwap).toBe(false);
		expect(press(ecdhe, 'V V').attacker.keySwap).toBe(true);
		// a key swap armed by k stays armed whatever the version
		expect(press(open({}), 'k V V').attacker.keySwap).toBe(true);
		// 1.2 with the attacker's own certificate: the client refuses the name (bad_certificate)
		const done = drain(press(ecdhe, `${TCP_OPEN} h`));
		expect(alerts(done)).toEqual([expect.objectContaining({from: 'client', name: 'bad_certificate', at: 'Certificate'})]);
		expect(sent(done)).not.toContain('server:EncryptedExtensions');
	});
});

describe('objective checks: version and certificate', () => {
	test('{version} is met at a step where that version is in force', () => {
		const rsa = check({version: '1.2-rsa'});
		expect(tlsLab.met(rsa, press(open({}), 'V'))).toBe(false);
		expect(tlsLab.met(rsa, press(open({}), 'V V'))).toBe(true);
		expect(tlsLab.met(check({certificate: 'self-signed'}), press(open({}), times('C', 4)))).toBe(true);
		expect(tlsLab.met(check({certificate: 'self-signed'}), press(open({}), times('C', 3)))).toBe(false);
	});

	test('beside another check, both must hold at the same step', () => {
		const rsaComplete = check({version: '1.2-rsa', handshake: 'complete'});
		// chose 1.2-rsa, changed its mind to 1.3, completed: not a 1.2-rsa handshake
		const changed = drain(press(open({}), `V V V ${TCP_OPEN} h`));
		expect(tlsLab.met(check({handshake: 'complete'}), changed)).toBe(true);
		expect(tlsLab.met(check({sequence: [{version: '1.2-rsa'}, {handshake: 'complete'}]}), changed)).toBe(true);
		expect(tlsLab.met(rsaComplete, changed)).toBe(false);
		expect(tlsLab.met(rsaComplete, drain(press(open({}), `V V ${TCP_OPEN} h`)))).toBe(true);
		const refusedUnder = check({version: '1.2-ecdhe', certificate: 'expired', alert: {name: 'certificate_expired', from: 'client'}});
		expect(tlsLab.met(refusedUnder, drain(press(open({}), `V C ${TCP_OPEN} h`)))).toBe(true);
		expect(tlsLab.met(refusedUnder, drain(press(open({}), `C ${TCP_OPEN} h`)))).toBe(false);
		const states = check({version: '1.3', client: 'CONNECTED'});
		expect(tlsLab.met(states, drain(press(open({}), `${TCP_OPEN} h`)))).toBe(true);
	});

	test('problems name their path', () => {
		const cases: Array<[unknown, string]> = [
			[{version: 1.3}, 'check.version'],
			[{version: 'tls1.2'}, 'check.version'],
			[{certificate: 'revoked'}, 'check.certificate'],
			[{version: '1.3', handshake: 'done'}, 'check.handshake'],
			[{version: '1.3', sequence: [{handshake: 'complete'}]}, 'check'],
			[{certificate: 'expired', alert: 'x', handshake: 'failed'}, 'check'],
		];
		for (const [raw, path] of cases) {
			const parsed = tlsLab.parseCheck(raw);
			expect('problems' in parsed ? parsed.problems.map((p) => p.path) : [], JSON.stringify(raw)).toContain(path);
		}
	});
});
