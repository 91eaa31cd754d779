/** The TLS lab driven by keys in the app: a TLS 1.3 handshake to CONNECTED, and an expired certificate refused. */
import {mkdirSync, mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, expect, test} from 'vitest';
import {App} from '../../source/app/App.js';
import {loadCatalog} from '../../source/lessons/load.js';
import {LABS} from '../../source/labs.js';
import {emptyProgress} from '../../source/store/progress.js';
import {cleanupUi, frame, KEY, press, renderUi} from '../helpers/ui.js';

afterEach(cleanupUi);

const loaded = {progress: emptyProgress(), file: '', notice: null};

test('synack lab tls: connect TCP, say hello, deliver until both ends are CONNECTED', async () => {
	const catalog = loadCatalog({dirs: ['lessons'], labs: LABS});
	const app = await renderUi(<App catalog={catalog} labs={LABS} loaded={loaded} dataDir="" lang="en" color={false} start={{name: 'lab', lab: 'tls'}} save={async () => {}} />);
	expect(frame(app)).toContain('TLS over TCP');
	expect(frame(app)).toMatch(/client CLOSED +server LISTEN/);
	await press(app, 'h'); // too early: TCP first
	expect(frame(app)).toContain('in this lab TLS starts once TCP is ESTABLISHED');
	await press(app, 'c', KEY.space, KEY.space, KEY.space);
	expect(frame(app)).toMatch(/client ESTABLISHED +server ESTABLISHED/);
	await press(app, 'h');
	expect(frame(app)).toMatch(/client WAIT_SH +server START/);
	expect(frame(app)).toContain('ClientHello 1001 len 225');
	await press(app, KEY.space);
	expect(frame(app)).toMatch(/client WAIT_SH +server WAIT_FINISHED/);
	expect(frame(app)).toMatch(/ServerHello,EncryptedExtensions,Certificate/);
	await press(app, KEY.space);
	expect(frame(app)).toMatch(/client CONNECTED +server WAIT_FINISHED/);
	expect(frame(app)).toContain('client waited 1 TLS round trip (+1 TCP)');
	await press(app, KEY.space);
	expect(frame(app)).toMatch(/client CONNECTED +server CONNECTED/);
	expect(frame(app)).toContain('client certificate ✓, client CertificateVerify ✓, client Finished ✓, server Finished ✓');
	await press(app, 'u');
	expect(frame(app)).toMatch(/client CONNECTED +server WAIT_FINISHED/);
});

test('a lesson with the expired certificate: the client refuses it with certificate_expired, and the objective is met', async () => {
	const dir = mkdtempSync(join(tmpdir(), 'synack-tls-'));
	mkdirSync(join(dir, 'en'));
	writeFileSync(
		join(dir, 'en', '90-tls-expired.md'),
		[
			'---',
			'id: tls-expired-test',
			'title: An expired certificate',
			'track: security',
			'order: 90',
			'minutes: 5',
			'lab: tls',
			'setup:',
			"  version: '1.2-ecdhe'",
			'  certificate: expired',
			'objectives:',
			'  - id: refused',
			'    text: Connect (c, space ×3), say hello (h), deliver (space ×2)',
			'    check: { alert: { name: certificate_expired, from: client } }',
			'sources:',
			'  - RFC 8446 §6.2',
			'---',
			'',
			'## Expired',
			'',
			'The client checks the validity period when it processes Certificate.',
			'',
		].join('\n'),
	);
	const catalog = loadCatalog({dirs: [dir], labs: LABS});
	const app = await renderUi(<App catalog={catalog} labs={LABS} loaded={loaded} dataDir={dir} lang="en" color={false} start={{name: 'lesson', id: 'tls-expired-test'}} save={async () => {}} />);
	expect(frame(app)).toContain('An expired certificate');
	await press(app, 'c', KEY.space, KEY.space, KEY.space, 'h', KEY.space, 'v');
	expect(frame(app)).toMatch(/client WAIT_SERVER_HELLO +server WAIT_CLIENT_KEY_EXCHANGE/);
	expect(frame(app)).toContain('ServerHello,Certificate,ServerKeyExchange,ServerHelloDone');
	await press(app, KEY.space);
	expect(frame(app)).toMatch(/client FAILED +server WAIT_CLIENT_KEY_EXCHANGE/);
	expect(frame(app)).toContain('alert: client sent certificate_expired(45) at Certificate');
	expect(frame(app)).toContain('✓ Connect');
	await press(app, KEY.space);
	expect(frame(app)).toMatch(/client FAILED +server FAILED/);
});

test('V and C choose the version and the certificate: TLS 1.2 with RSA key exchange and an expired certificate is refused', async () => {
	const catalog = loadCatalog({dirs: ['lessons'], labs: LABS});
	const app = await renderUi(<App catalog={catalog} labs={LABS} loaded={loaded} dataDir="" lang="en" color={false} start={{name: 'lab', lab: 'tls'}} save={async () => {}} />);
	expect(frame(app)).toContain('V version 1.3 · TLS_AES_256_GCM_SHA384, x25519 · TCP CLOSED | LISTEN');
	expect(frame(app)).toContain('C certificate valid — shop.example ← Lab Issuing CA ← Lab Root CA');
	await press(app, 'V', 'V');
	expect(frame(app)).toContain('V version 1.2-rsa · TLS_RSA_WITH_AES_128_GCM_SHA256 · TCP CLOSED | LISTEN');
	expect(frame(app)).toContain('version 1.2-ecdhe — 2 TLS round trips, signed ECDHE parameters: forward secrecy');
	expect(frame(app)).toContain('version 1.2-rsa — 2 TLS round trips, RSA key exchange: no forward secrecy');
	await press(app, 'C');
	expect(frame(app)).toContain('C certificate expired — shop.example, 2025-02-01 to 2025-05-02 (lab date 2025-06-01)');
	await press(app, 'c', KEY.space, KEY.space, KEY.space, 'h');
	expect(frame(app)).toMatch(/client WAIT_SERVER_HELLO +server START/);
	await press(app, 'V'); // too late: the ClientHello has offered 1.2
	expect(frame(app)).toContain('ClientHello has already been sent (TLS 1.2, RSA key exchange)');
	expect(frame(app)).toContain('TLS 1.2-rsa · client waited 0 TLS round trips');
	await press(app, KEY.space);
	expect(frame(app)).toMatch(/client WAIT_SERVER_HELLO +server WAIT_CLIENT_KEY_EXCHANGE/);
	expect(frame(app)).toContain('ServerHello,Certificate… 5001 len 1460');
	await press(app, KEY.space, KEY.space);
	expect(frame(app)).toMatch(/client FAILED +server WAIT_CLIENT_KEY_EXCHANGE/);
	expect(frame(app)).toContain('alert: client sent certificate_expired(45) at Certificate');
	// 12 steps (V V C c ␣ ␣ ␣ h V ␣ ␣ ␣); 11 undos leave the first V
	await press(app, ...Array.from({length: 11}, () => 'u'));
	expect(frame(app)).toMatch(/client CLOSED +server LISTEN/);
	expect(frame(app)).toContain('V version 1.2-ecdhe · TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256 · TCP CLOSED | LISTEN');
	expect(frame(app)).toContain('C certificate valid');
});
