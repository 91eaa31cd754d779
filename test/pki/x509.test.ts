/**
 * The DER reader and certificate fields (source/pki/der.ts, x509.ts, pem.ts): every fixture's
 * fields are compared with what `openssl x509` prints for the same file.
 */
import {execFileSync} from 'node:child_process';
import {readdirSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, test} from 'vitest';
import {bitStringBits, decodeOid, decodeTime, DerError, integerHex, parseDer, readTlv} from '../../source/pki/der.js';
import {certificatesFromPem, PemError, pemBlocks} from '../../source/pki/pem.js';
import {PKI} from './cases.js';

const openssl = (...args: string[]) => execFileSync('openssl', args, {encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe']});

/** `openssl x509 -ext` output → {extension title: [critical, value lines]} */
function opensslExtensions(file: string): Map<string, {critical: boolean; value: string}> {
	let text = '';
	try {
		text = openssl('x509', '-in', file, '-noout', '-ext', 'basicConstraints,keyUsage,subjectAltName,extendedKeyUsage,subjectKeyIdentifier,authorityKeyIdentifier');
	} catch (error) {
		if (!String((error as {stderr?: string}).stderr).includes('No extensions')) throw error;
	}
	const out = new Map<string, {critical: boolean; value: string}>();
	let current: string | null = null;
	for (const line of text.split('\n')) {
		const head = line.match(/^X509v3 ([^:]+):\s*(critical)?/);
		if (head) {
			current = head[1]!;
			out.set(current, {critical: head[2] === 'critical', value: ''});
		} else if (current && line.trim()) {
			const e = out.get(current)!;
			e.value = (e.value ? `${e.value}\n` : '') + line.trim();
		}
	}
	return out;
}

const KU_TEXT: Record<string, string> = {
	'Digital Signature': 'digitalSignature',
	'Non Repudiation': 'nonRepudiation',
	'Key Encipherment': 'keyEncipherment',
	'Data Encipherment': 'dataEncipherment',
	'Key Agreement': 'keyAgreement',
	'Certificate Sign': 'keyCertSign',
	'CRL Sign': 'cRLSign',
};

/** OpenSSL prints IPv6 SANs in full, upper case: 2001:DB8:0:0:0:0:0:10 */
const fullIpv6 = (v: string) => {
	if (!v.includes(':')) return v;
	const [head, tail] = v.split('::') as [string, string | undefined];
	const h = head ? head.split(':') : [];
	const t = tail ? tail.split(':') : [];
	const groups = tail === undefined ? h : [...h, ...Array(8 - h.length - t.length).fill('0'), ...t];
	return groups.map((g) => parseInt(g, 16).toString(16).toUpperCase()).join(':');
};

const singleCertFiles = readdirSync(PKI).filter((f) => f.endsWith('.pem') && (readFileSync(join(PKI, f), 'utf8').match(/BEGIN CERTIFICATE/g) ?? []).length === 1);

describe('certificate fields agree with openssl x509', () => {
	test('there are fixtures to compare', () => {
		expect(singleCertFiles.length).toBeGreaterThanOrEqual(20);
	});

	test.each(singleCertFiles)('%s', (name) => {
		const file = join(PKI, name);
		const [cert] = certificatesFromPem(readFileSync(file, 'utf8'), name);
		const f = cert!.fields;
		const d = cert!.details;
		const header = openssl('x509', '-in', file, '-noout', '-serial', '-subject', '-issuer', '-dates', '-dateopt', 'iso_8601');
		const field = (k: string) => header.match(new RegExp(`^${k}=(.*)$`, 'm'))![1]!;
		expect(d.serialNumber).toBe(field('serial'));
		expect(d.subject).toBe(field('subject').replace(/ = /g, '='));
		expect(d.issuer).toBe(field('issuer').replace(/ = /g, '='));
		expect(d.notBefore).toBe(field('notBefore').replace(' ', 'T'));
		expect(d.notAfter).toBe(field('notAfter').replace(' ', 'T'));

		const text = openssl('x509', '-in', file, '-noout', '-text');
		expect(d.signatureAlgorithm).toBe(text.match(/^ {4}Signature Algorithm: (\S+)/m)![1]);
		expect(d.publicKey.bits).toBe(Number(text.match(/Public-Key: \((\d+) bit\)/)![1]));
		expect(d.publicKey.curve).toBe(text.match(/NIST CURVE: (\S+)/)?.[1] ?? null);
		expect(f.version).toBe(Number(text.match(/Version: (\d)/)![1]));

		const ext = opensslExtensions(file);
		const bc = ext.get('Basic Constraints');
		expect(f.basicConstraints === null).toBe(bc === undefined);
		if (bc) {
			expect(f.basicConstraints).toEqual({
				critical: bc.critical,
				ca: bc.value.startsWith('CA:TRUE'),
				pathLen: bc.value.match(/pathlen:(\d+)/) ? Number(bc.value.match(/pathlen:(\d+)/)![1]) : null,
			});
		}
		const ku = ext.get('Key Usage');
		expect(f.keyUsage).toEqual(ku ? {critical: ku.critical, usages: ku.value.split(', ').map((u) => KU_TEXT[u])} : null);
		const san = ext.get('Subject Alternative Name');
		expect(f.subjectAltNames?.map((s) => `${s.type === 'IP' ? 'IP Address' : s.type}:${s.type === 'IP' ? fullIpv6(s.value) : s.value}`) ?? null).toEqual(
			san ? san.value.split(', ') : null,
		);
		const eku = ext.get('Extended Key Usage');
		expect(f.extKeyUsage).toEqual(eku ? eku.value.split(', ').map((u) => (u === 'TLS Web Server Authentication' ? 'serverAuth' : u)) : null);
		expect(f.subjectKeyId).toBe(ext.get('Subject Key Identifier')?.value ?? null);
		expect(f.authorityKeyId).toBe(ext.get('Authority Key Identifier')?.value.replace(/^keyid:/, '') ?? null);
	});

	test('IPv6 SANs are written per RFC 5952', () => {
		const [cert] = certificatesFromPem(readFileSync(join(PKI, 'leaf-ip.pem'), 'utf8'), 'leaf-ip.pem');
		expect(cert!.details.subjectAltNames).toEqual([
			{type: 'IP', value: '192.0.2.10'},
			{type: 'IP', value: '2001:db8::10'},
		]);
	});

	test("node:crypto's own `keyUsage` is the extended key usage and `ca` folds keyUsage in: why the DER is read", async () => {
		const {X509Certificate} = await import('node:crypto');
		const read = (n: string) => new X509Certificate(readFileSync(join(PKI, n)));
		expect(read('leaf-valid.pem').keyUsage).toEqual(['1.3.6.1.5.5.7.3.1']); // serverAuth, an EKU OID
		const noCertSign = certificatesFromPem(readFileSync(join(PKI, 'inter-no-certsign.pem'), 'utf8'), 'x')[0]!;
		expect(read('inter-no-certsign.pem').ca).toBe(false); // X509_check_ca: CA:TRUE, but keyUsage lacks keyCertSign
		expect(noCertSign.fields.basicConstraints?.ca).toBe(true);
	});
});

describe('DER reader', () => {
	const bytes = (hex: string) => Uint8Array.from(Buffer.from(hex.replace(/\s/g, ''), 'hex'));

	test('object identifiers (X.690 §8.19)', () => {
		expect(decodeOid(bytes('55 1d 13'))).toBe('2.5.29.19');
		expect(decodeOid(bytes('2a 86 48 86 f7 0d 01 01 0b'))).toBe('1.2.840.113549.1.1.11');
		expect(decodeOid(bytes('2a 86 48 ce 3d 04 03 02'))).toBe('1.2.840.10045.4.3.2');
		expect(decodeOid(bytes('88 37 01'))).toBe('2.999.1'); // first arc 2 with a second arc ≥ 40
		expect(() => decodeOid(bytes('2a 86'))).toThrow(DerError);
	});

	test('times: UTCTime years 50–99 are 19xx, 00–49 are 20xx (RFC 5280 §4.1.2.5.1)', () => {
		const t = (tag: number, s: string) => decodeTime(parseDer(Uint8Array.from([tag, s.length, ...Buffer.from(s)])));
		expect(t(23, '491231235959Z').toISOString()).toBe('2049-12-31T23:59:59.000Z');
		expect(t(23, '500101000000Z').toISOString()).toBe('1950-01-01T00:00:00.000Z');
		expect(t(24, '20500101000000Z').toISOString()).toBe('2050-01-01T00:00:00.000Z');
		expect(() => t(23, '5001010000Z')).toThrow(/not a UTCTime/);
		expect(() => t(24, '20500101000000+0100')).toThrow(DerError);
	});

	test('lengths, truncation and BER indefinite length', () => {
		const long = bytes(`04 81 80 ${'00'.repeat(128)}`);
		expect(parseDer(long).value.length).toBe(128);
		expect(() => parseDer(bytes('30 05 02 01 01'))).toThrow(/claims 5 bytes, only 3 left/);
		expect(() => parseDer(bytes('30 80 00 00'))).toThrow(/indefinite length/);
		expect(() => parseDer(bytes('02 01 01 00'))).toThrow(/1 bytes after the end/);
		expect(() => readTlv(bytes(''), 0)).toThrow(DerError);
	});

	test('integers and bit strings', () => {
		expect(integerHex(bytes('00 80 01'))).toBe('8001');
		expect(integerHex(bytes('01'))).toBe('01');
		// keyUsage keyCertSign + cRLSign: 03 02 01 06 → bits 5 and 6
		expect(bitStringBits(bytes('01 06'))).toEqual([false, false, false, false, false, true, true]);
	});
});

describe('PEM files', () => {
	const cert = readFileSync(join(PKI, 'leaf-valid.pem'), 'utf8');
	const inter = readFileSync(join(PKI, 'inter.pem'), 'utf8');

	test('a bundle gives every certificate in order; CRLF and other blocks are fine', () => {
		const text = `junk before\r\n${cert.replace(/\n/g, '\r\n')}-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n${inter}`;
		expect(certificatesFromPem(text, 'b.pem').map((c) => c.details.subject)).toEqual(['CN=shop.example.test', 'O=Synack Test PKI, CN=Example Intermediate CA']);
		const certLines = cert.trim().split('\n').length;
		expect(pemBlocks(text, 'b.pem').map((b) => [b.label, b.line])).toEqual([
			['CERTIFICATE', 2],
			['PRIVATE KEY', 2 + certLines],
			['CERTIFICATE', 2 + certLines + 3],
		]);
	});

	test.each([
		['empty', '', /^x\.pem: not a PEM file \(no -----BEGIN CERTIFICATE----- line\)$/],
		['text', 'hello\n', /not a PEM file/],
		['binary DER', '\u0030\u0082\u0001\u0000garbage\u0000', /not a PEM file \(binary data; a DER certificate converts with: openssl x509 -inform der/],
		['a key only', '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n', /^x\.pem: holds PRIVATE KEY, not a certificate/],
		['no END', '-----BEGIN CERTIFICATE-----\nAAAA\n', /^x\.pem:1: -----BEGIN CERTIFICATE----- has no END line/],
		['mismatched END', '-----BEGIN CERTIFICATE-----\nAAAA\n-----END PRIVATE KEY-----\n', /^x\.pem:3: -----END PRIVATE KEY----- closes -----BEGIN CERTIFICATE-----/],
		['bad base64', '-----BEGIN CERTIFICATE-----\nnot*base64\n-----END CERTIFICATE-----\n', /^x\.pem:1: certificate is not valid base64/],
		['base64 of no certificate', '-----BEGIN CERTIFICATE-----\nAAAAAAAA\n-----END CERTIFICATE-----\n', /^x\.pem:1: certificate is not a valid X\.509 certificate/],
	])('%s is refused with the file and line', (_, text, message) => {
		expect(() => certificatesFromPem(text, 'x.pem')).toThrow(PemError);
		expect(() => certificatesFromPem(text, 'x.pem')).toThrow(message);
	});

	test('a truncated certificate in a bundle is named by its number and line', () => {
		const lines = inter.trim().split('\n');
		const cut = [...lines.slice(0, 5), lines.at(-1)].join('\n');
		const line = cert.trim().split('\n').length + 1;
		expect(() => certificatesFromPem(`${cert}${cut}\n`, 'b.pem')).toThrow(
			new RegExp(`^b\\.pem:${line}: certificate #2 is not a valid X\\.509 certificate \\(DER: element at offset 0 claims \\d+ bytes, only \\d+ left\\)$`),
		);
	});
});
