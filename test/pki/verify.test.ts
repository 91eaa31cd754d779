/** source/pki/verify.ts on the fixture PKI: verdicts, error order, and that every check is a step. */
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, test} from 'vitest';
import {certificatesFromPem} from '../../source/pki/pem.js';
import {ERROR_ORDER, type SourcedCertificate, type Verification, verifyChain} from '../../source/pki/verify.js';
import {AT, type Case, CASES, PKI} from './cases.js';

function load(file: string): SourcedCertificate[] {
	const certs = certificatesFromPem(readFileSync(join(PKI, file), 'utf8'), file);
	return certs.map((cert, i) => ({cert, source: certs.length > 1 ? `${file} #${i + 1}` : file}));
}

function run(c: Pick<Case, 'cert' | 'chain' | 'ca' | 'host' | 'at'>): Verification {
	const [leaf, ...sentWithLeaf] = load(c.cert);
	return verifyChain({leaf: leaf!, chain: [...sentWithLeaf, ...c.chain.flatMap(load)], anchors: c.ca.flatMap(load), host: c.host ?? null, at: new Date(c.at)});
}

/** The steps a verification must report, derived from the chain it built (RFC 5280 §6.1.3, §6.1.4). */
function expectEveryStep(v: Verification) {
	const n = v.chain.length;
	const of = (i: number) => v.steps.filter((s) => s.cert === i).map((s) => s.check);
	for (let i = 0; i < n; i++) {
		const expected: string[] = [];
		if (i > 0) {
			expected.push('ca', 'key-usage');
			if (v.chain[i]!.basicConstraints?.ca && v.chain[i]!.basicConstraints?.pathLen !== null) expected.push('path-length');
		}
		if (i < n - 1) expected.push('issuer', 'signature');
		else expected.push(v.end === 'missing-issuer' ? 'issuer' : 'trust');
		expected.push('validity');
		if (i === 0 && v.host !== null) expected.push('hostname');
		expect(of(i), `steps of certificate #${i}`).toEqual(expected);
	}
	expect(v.steps.every((s) => s.cert >= 0 && s.cert < n)).toBe(true);
	// steps walk from the leaf up
	expect(v.steps.map((s) => s.cert)).toEqual([...v.steps.map((s) => s.cert)].sort((a, b) => a - b));
	for (const s of v.steps) {
		expect(s.detail.length, `${s.check} #${s.cert} has a detail`).toBeGreaterThan(10);
		expect(s.ok ? s.error : typeof s.error).toBe(s.ok ? null : 'string');
	}
	const failed = new Set(v.steps.filter((s) => !s.ok).map((s) => s.error));
	expect(v.errors).toEqual(ERROR_ORDER.filter((e) => failed.has(e)));
	expect(v.result).toBe(v.errors[0] ?? 'ok');
	expect(v.ok).toBe(v.errors.length === 0);
}

describe('verifyChain on the fixture PKI', () => {
	test.each(CASES)('$name → $result', (c) => {
		const v = run(c);
		expect(v.result).toBe(c.result);
		expect(v.errors).toEqual(c.errors ?? (c.result === 'ok' ? [] : [c.result]));
		expectEveryStep(v);
	});

	test('the error order is CLI-JSON.md\'s: chain building, signature, issuer-not-ca, validity, hostname', () => {
		expect(ERROR_ORDER).toEqual(['untrusted-root', 'missing-issuer', 'bad-signature', 'issuer-not-ca', 'expired', 'not-yet-valid', 'hostname-mismatch']);
	});

	test('a valid chain: each step, leaf to anchor', () => {
		const v = run({cert: 'leaf-valid.pem', chain: ['inter.pem'], ca: ['root.pem'], host: 'shop.example.test', at: AT});
		expect(v.steps.map((s) => [s.cert, s.check, s.ok])).toEqual([
			[0, 'issuer', true],
			[0, 'signature', true],
			[0, 'validity', true],
			[0, 'hostname', true],
			[1, 'ca', true],
			[1, 'key-usage', true],
			[1, 'issuer', true],
			[1, 'signature', true],
			[1, 'validity', true],
			[2, 'ca', true],
			[2, 'key-usage', true],
			[2, 'trust', true],
			[2, 'validity', true],
		]);
		expect(v.steps[1]!.detail).toBe('signed by O=Synack Test PKI, CN=Example Intermediate CA (ecdsa-with-SHA256)');
		expect(v.steps[6]!.detail).toBe('issued by O=Synack Test PKI, CN=Example Root CA: found in --ca (root.pem)');
		expect(v.chain.map((c) => [c.subject, c.role, c.trusted, c.source])).toEqual([
			['CN=shop.example.test', 'leaf', false, 'leaf-valid.pem'],
			['O=Synack Test PKI, CN=Example Intermediate CA', 'intermediate', false, 'inter.pem'],
			['O=Synack Test PKI, CN=Example Root CA', 'root', true, 'root.pem'],
		]);
		expect(v.end).toBe('trust-anchor');
		expect(v.at).toBe('2026-06-01T00:00:00Z');
	});

	test('what a walk-through shows of each certificate', () => {
		const [leaf, inter, root] = run({cert: 'leaf-valid.pem', chain: ['inter.pem'], ca: ['root.pem'], at: AT}).chain;
		expect(leaf).toMatchObject({
			subject: 'CN=shop.example.test',
			issuer: 'O=Synack Test PKI, CN=Example Intermediate CA',
			serialNumber: '2001',
			notBefore: '2026-01-01T00:00:00Z',
			notAfter: '2028-01-01T00:00:00Z',
			subjectAltNames: [
				{type: 'DNS', value: 'shop.example.test'},
				{type: 'DNS', value: 'www.shop.example.test'},
			],
			ca: false,
			basicConstraints: {critical: true, ca: false, pathLen: null},
			keyUsage: ['digitalSignature'],
			extKeyUsage: ['serverAuth'],
			signatureAlgorithm: 'ecdsa-with-SHA256',
			publicKey: {type: 'EC', bits: 256, curve: 'P-256'},
			selfIssued: false,
		});
		expect(inter).toMatchObject({ca: true, keyUsage: ['keyCertSign', 'cRLSign'], signatureAlgorithm: 'sha256WithRSAEncryption', publicKey: {type: 'EC', bits: 256}});
		expect(root).toMatchObject({ca: true, selfIssued: true, publicKey: {type: 'RSA', bits: 2048, curve: null}, serialNumber: '01'});
		expect(leaf!.authorityKeyId).toBe(inter!.subjectKeyId);
		expect(leaf!.fingerprint256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
	});

	test('the root sent in --chain as well as given in --ca: the chain ends at the trusted copy', () => {
		const v = run({cert: 'leaf-valid.pem', chain: ['chain-bundle.pem'], ca: ['root.pem'], at: AT});
		expect(v.chain.map((c) => [c.source, c.trusted])).toEqual([
			['leaf-valid.pem', false],
			['chain-bundle.pem #2', false],
			['root.pem', true],
		]);
	});

	test('the impostor intermediate is not picked: its key id does not match the leaf\'s authorityKeyIdentifier', () => {
		const v = run({cert: 'leaf-valid.pem', chain: ['inter-impostor.pem', 'inter.pem'], ca: ['root.pem'], at: AT});
		expect(v.chain[1]!.source).toBe('inter.pem');
		const alone = run({cert: 'leaf-valid.pem', chain: ['inter-impostor.pem'], ca: ['root.pem'], at: AT});
		expect(alone.chain).toHaveLength(1);
		expect(alone.steps[0]).toMatchObject({check: 'issuer', ok: false, error: 'missing-issuer'});
		expect(alone.steps[0]!.detail).toContain(`with key id ${alone.chain[0]!.authorityKeyId}`);
	});

	test('the failing step names what is wrong', () => {
		const step = (c: Parameters<typeof run>[0], check: string) => run(c).steps.find((s) => s.check === check && !s.ok)!;
		const via = (cert: string, chain: string) => ({cert, chain: [chain], ca: ['root.pem'], at: AT});
		expect(step(via('leaf-via-not-ca.pem', 'inter-not-ca.pem'), 'ca').detail).toMatch(/^basicConstraints CA:FALSE/);
		expect(step(via('leaf-via-no-bc.pem', 'inter-no-bc.pem'), 'ca').detail).toMatch(/^no basicConstraints extension/);
		expect(step(via('leaf-via-no-certsign.pem', 'inter-no-certsign.pem'), 'key-usage').detail).toMatch(/digitalSignature, cRLSign lacks keyCertSign/);
		expect(step(via('leaf-via-sub.pem', 'pathlen-chain.pem'), 'path-length')).toMatchObject({cert: 2, detail: expect.stringMatching(/^pathlen:0 allows 0 intermediate CAs below it; there is 1/)});
		expect(step(via('leaf-tampered.pem', 'inter.pem'), 'signature').detail).toMatch(/does not verify with the public key of O=Synack Test PKI, CN=Example Intermediate CA/);
		expect(step(via('leaf-sha1.pem', 'inter.pem'), 'signature').detail).toMatch(/ecdsa-with-SHA1: SHA-1 signatures are rejected/);
		expect(step(via('leaf-expired.pem', 'inter.pem'), 'validity').detail).toBe('expired 2026-03-01T00:00:00Z (at 2026-06-01T00:00:00Z)');
		expect(step(via('leaf-not-yet-valid.pem', 'inter.pem'), 'validity').detail).toBe('not valid before 2027-01-01T00:00:00Z (at 2026-06-01T00:00:00Z)');
		expect(step({...via('leaf-other.pem', 'other-chain.pem')}, 'trust')).toMatchObject({cert: 2, error: 'untrusted-root'});
		expect(step({cert: 'leaf-cn-only.pem', chain: ['inter.pem'], ca: ['root.pem'], at: AT, host: 'shop.example.test'}, 'hostname').detail).toMatch(
			/no DNS or IP subjectAltName; its CN \(shop\.example\.test\) is not used/,
		);
	});

	describe('hostname matching (RFC 9110 §4.3.4, RFC 6125 §6.4.3)', () => {
		const host = (cert: string, name: string) => run({cert, chain: ['inter.pem'], ca: ['root.pem'], at: AT, host: name}).steps.find((s) => s.check === 'hostname')!;
		test.each([
			['www.example.test', true],
			['WWW.Example.TEST', true],
			['www.example.test.', true],
			['a.b.example.test', false],
			['example.test', false],
			['www.example.testx', false],
			['wwwexample.test', false],
		])('*.example.test against %s → %s', (name, ok) => {
			expect(host('leaf-wildcard.pem', name).ok).toBe(ok);
		});
		test('an IP address matches only an iPAddress SAN, never a DNS name', () => {
			expect(host('leaf-ip.pem', '192.0.2.10')).toMatchObject({ok: true, detail: '192.0.2.10 matches SAN IP:192.0.2.10 (IP-ID, RFC 9110 §4.3.4)'});
			expect(host('leaf-ip.pem', '[2001:db8::10]').ok).toBe(true);
			expect(host('leaf-valid.pem', '192.0.2.10').ok).toBe(false);
		});
		test('the CN is never used, even when it equals the host', () => {
			expect(host('leaf-mismatch.pem', 'shop.example.test').ok).toBe(false);
			expect(host('leaf-cn-only.pem', 'shop.example.test').ok).toBe(false);
			expect(host('leaf-wildcard.pem', '*.example.test').ok).toBe(false); // a literal '*' is no host
		});
	});

	test('validity is inclusive at both ends (RFC 5280 §4.1.2.5)', () => {
		const at = (t: string) => run({cert: 'leaf-expired.pem', chain: ['inter.pem'], ca: ['root.pem'], at: t}).result;
		expect(at('2026-01-01T00:00:00Z')).toBe('ok');
		expect(at('2025-12-31T23:59:59Z')).toBe('not-yet-valid');
		expect(at('2026-03-01T00:00:00Z')).toBe('ok');
		expect(at('2026-03-01T00:00:01Z')).toBe('expired');
	});

	test('an expired trust anchor fails validity too (as OpenSSL checks it)', () => {
		const v = run({cert: 'leaf-valid.pem', chain: ['inter.pem'], ca: ['root.pem'], at: '2036-06-01T00:00:00Z'});
		expect(v.steps.filter((s) => s.check === 'validity').map((s) => s.ok)).toEqual([false, false, false]);
		expect(v.errors).toEqual(['expired']);
	});
});
