/**
 * `synack cert verify` as a user runs it (the built CLI): for every fixture case the same
 * accept/reject verdict as `openssl verify -CAfile … -untrusted … -verify_hostname … -attime …`,
 * the CLI-JSON.md document, the text report, and exit 2 for input it cannot read.
 */
import {execFileSync} from 'node:child_process';
import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, test} from 'vitest';
import {synack} from '../helpers/cli.js';
import {AT, type Case, CASES, opensslVerify, PKI} from '../pki/cases.js';

const p = (f: string) => join(PKI, f);
const args = (c: Pick<Case, 'cert' | 'chain' | 'ca' | 'host' | 'at'>) => [
	'cert',
	'verify',
	'--cert',
	p(c.cert),
	...c.chain.flatMap((f) => ['--chain', p(f)]),
	...c.ca.flatMap((f) => ['--ca', p(f)]),
	...(c.host ? ['--host', c.host] : []),
	'--at',
	c.at,
];

describe('synack cert verify agrees with openssl verify', () => {
	test.each(CASES)('$name → $result', (c) => {
		const r = synack([...args(c), '--json']);
		expect(r.stderr).toBe('');
		const doc = JSON.parse(r.stdout);
		expect(doc.result).toBe(c.result);
		expect(doc.errors).toEqual(c.errors ?? (c.result === 'ok' ? [] : [c.result]));
		expect(doc.ok).toBe(c.result === 'ok');
		expect(r.code).toBe(c.result === 'ok' ? 0 : 1);

		const o = opensslVerify(c);
		if (c.opensslDiffers) {
			// a deliberate difference, shown to hold: openssl says the other thing
			expect(o.ok, `${c.opensslDiffers.why}\n${o.output}`).toBe(c.opensslDiffers.opensslOk);
			expect(doc.ok).toBe(!c.opensslDiffers.opensslOk);
		} else {
			expect(doc.ok, `openssl verify said:\n${o.output}`).toBe(o.ok);
		}
	});

	test('without --at, "now" is the real now, for synack and openssl alike', () => {
		const r = synack(['cert', 'verify', '--cert', p('leaf-valid.pem'), '--chain', p('inter.pem'), '--ca', p('root.pem'), '--json']);
		const doc = JSON.parse(r.stdout);
		expect(Math.abs(Date.parse(doc.at) - Date.now())).toBeLessThan(60_000);
		const o = spawnOpenssl(['verify', '-CAfile', p('root.pem'), '-untrusted', p('inter.pem'), p('leaf-valid.pem')]);
		expect(doc.ok).toBe(o);
		expect(r.code).toBe(o ? 0 : 1);
	});

	test('--at takes an offset: 08:00 in UTC+8 is notAfter itself, a second later is expired', () => {
		const at = (t: string) => JSON.parse(synack([...args({cert: 'leaf-expired.pem', chain: ['inter.pem'], ca: ['root.pem'], at: t}), '--json']).stdout);
		expect(at('2026-03-01T08:00:00+08:00')).toMatchObject({ok: true, at: '2026-03-01T00:00:00Z'});
		expect(at('2026-03-01T08:00:01+08:00')).toMatchObject({ok: false, result: 'expired'});
		expect(at('2026-03-01')).toMatchObject({at: '2026-03-01T00:00:00Z'}); // a date alone is midnight UTC
	});
});

function spawnOpenssl(a: string[]): boolean {
	try {
		execFileSync('openssl', a, {stdio: 'ignore'});
		return true;
	} catch {
		return false;
	}
}

describe('output', () => {
	test('--json is the CLI-JSON.md document', () => {
		const r = synack([...args({cert: 'leaf-expired.pem', chain: ['inter.pem'], ca: ['root.pem'], host: 'expired.example.test', at: AT}), '--json']);
		expect(r.code).toBe(1);
		const doc = JSON.parse(r.stdout);
		expect(doc).toMatchObject({ok: false, result: 'expired', errors: ['expired'], host: 'expired.example.test', at: AT});
		expect(doc.chain.map((c: {subject: string; issuer: string}) => ({subject: c.subject, issuer: c.issuer}))).toEqual([
			{subject: 'CN=expired.example.test', issuer: 'O=Synack Test PKI, CN=Example Intermediate CA'},
			{subject: 'O=Synack Test PKI, CN=Example Intermediate CA', issuer: 'O=Synack Test PKI, CN=Example Root CA'},
			{subject: 'O=Synack Test PKI, CN=Example Root CA', issuer: 'O=Synack Test PKI, CN=Example Root CA'},
		]);
		expect(doc.steps[1]).toEqual({check: 'signature', cert: 0, ok: true, detail: 'signed by O=Synack Test PKI, CN=Example Intermediate CA (ecdsa-with-SHA256)', error: null});
		for (const s of doc.steps) {
			expect(Object.keys(s)).toEqual(['check', 'cert', 'ok', 'detail', 'error']);
			expect(typeof s.detail).toBe('string');
		}
		expect(doc.steps.filter((s: {ok: boolean}) => !s.ok)).toEqual([
			{check: 'validity', cert: 0, ok: false, detail: 'expired 2026-03-01T00:00:00Z (at 2026-06-01T00:00:00Z)', error: 'expired'},
		]);
	});

	test('plain text: the chain, every check with ✓/✗, and the verdict', () => {
		const r = synack(args({cert: 'leaf-via-no-bc.pem', chain: ['inter-no-bc.pem'], ca: ['root.pem'], host: 'shop.example.test', at: AT}));
		expect(r.code).toBe(1);
		expect(r.stdout).toContain('Certificate chain, leaf first (at 2026-06-01T00:00:00Z, host shop.example.test)');
		expect(r.stdout).toContain('  #1  O=Synack Test PKI, CN=No-Constraints Intermediate   [intermediate]');
		expect(r.stdout).toContain('EC P-256 key · sha256WithRSAEncryption · no basicConstraints');
		expect(r.stdout).toMatch(/✗ #1 ca +no basicConstraints extension, so it is not a CA \(RFC 5280 §6\.1\.4 \(k\)\) {2}→ issuer-not-ca/);
		expect(r.stdout).toMatch(/✓ #0 hostname +shop\.example\.test matches SAN DNS:shop\.example\.test/);
		expect(r.stdout).toMatch(/✓ #2 trust +in --ca/);
		expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('✗ issuer-not-ca: an issuing certificate is not allowed to act as a CA');
		const lines = r.stdout.split('\n').filter((l) => /^ {2}[✓✗] #\d/.test(l));
		expect(lines).toHaveLength(JSON.parse(synack([...args({cert: 'leaf-via-no-bc.pem', chain: ['inter-no-bc.pem'], ca: ['root.pem'], host: 'shop.example.test', at: AT}), '--json']).stdout).steps.length);
	});

	test('plain text of a good chain ends in ✓ ok', () => {
		const r = synack(args({cert: 'fullchain.pem', chain: [], ca: ['root.pem'], host: 'www.shop.example.test', at: AT}));
		expect(r.code).toBe(0);
		expect(r.stdout).toContain('from ' + p('fullchain.pem') + ' #2');
		expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('✓ ok: the chain verifies');
		expect(r.stdout).not.toContain('✗');
	});

	test('--help lists the command', () => {
		expect(synack(['--help']).stdout).toContain('synack cert verify --cert LEAF.pem [--chain PEM ...] --ca ROOT.pem');
	});
});

describe('unreadable input exits 2 and names the file or flag', () => {
	const dir = mkdtempSync(join(tmpdir(), 'synack-cert-'));
	const file = (name: string, content: string | Buffer) => {
		const f = join(dir, name);
		writeFileSync(f, content);
		return f;
	};
	const der = file('leaf.der', execFileSync('openssl', ['x509', '-in', p('leaf-valid.pem'), '-outform', 'der']));
	const key = file('key.pem', execFileSync('openssl', ['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256']));
	const notes = file('notes.txt', 'these are my notes, not a certificate\n');
	const leafLines = readFileSync(p('leaf-valid.pem'), 'utf8').trim().split('\n');
	const truncated = file('truncated.pem', [...leafLines.slice(0, 4), leafLines.at(-1)].join('\n') + '\n');
	const ok = ['--chain', p('inter.pem'), '--ca', p('root.pem'), '--at', AT];

	test.each([
		['a missing --cert file', ['--cert', join(dir, 'nope.pem'), ...ok], `--cert ${join(dir, 'nope.pem')}: cannot read it (no such file)`],
		['a directory', ['--cert', dir, ...ok], `--cert ${dir}: cannot read it (a directory, not a file)`],
		['a missing --chain file', ['--cert', p('leaf-valid.pem'), '--chain', join(dir, 'gone.pem'), '--ca', p('root.pem')], `--chain ${join(dir, 'gone.pem')}: cannot read it (no such file)`],
		['a text file', ['--cert', notes, ...ok], `--cert ${notes}: not a PEM file (no -----BEGIN CERTIFICATE----- line)`],
		['a DER file', ['--cert', der, ...ok], `--cert ${der}: not a PEM file (binary data; a DER certificate converts with: openssl x509 -inform der -in ${der} -out cert.pem)`],
		['a private key as --ca', ['--cert', p('leaf-valid.pem'), '--chain', p('inter.pem'), '--ca', key], `--ca ${key}: holds PRIVATE KEY, not a certificate`],
		['a truncated certificate', ['--cert', truncated, ...ok], `--cert ${truncated}:1: certificate is not a valid X.509 certificate (DER:`],
		['no --cert', ['--ca', p('root.pem')], '--cert is required'],
		['no --ca', ['--cert', p('leaf-valid.pem')], '--ca is required'],
		['a word as --at', ['--cert', p('leaf-valid.pem'), '--ca', p('root.pem'), '--at', 'yesterday'], "--at 'yesterday' is not an ISO 8601 time"],
		['February 30th', ['--cert', p('leaf-valid.pem'), '--ca', p('root.pem'), '--at', '2026-02-30'], "--at '2026-02-30' is not an ISO 8601 time"],
		['hour 25', ['--cert', p('leaf-valid.pem'), '--ca', p('root.pem'), '--at', '2026-06-01T25:00:00Z'], "--at '2026-06-01T25:00:00Z' is not an ISO 8601 time"],
		['a wildcard as --host', ['--cert', p('leaf-wildcard.pem'), '--ca', p('root.pem'), '--host', '*.example.test'], "--host '*.example.test' is not a DNS name or an IP address"],
		['an argument after verify', ['--cert', p('leaf-valid.pem'), '--ca', p('root.pem'), 'extra.pem'], "unexpected argument 'extra.pem'"],
	])('%s', (_, a, message) => {
		const r = synack(['cert', 'verify', ...a]);
		expect(r.code).toBe(2);
		expect(r.stdout).toBe('');
		expect(r.stderr).toContain(`synack cert verify: ${message}`);
		expect(r.stderr.trim().split('\n')).toHaveLength(1);
	});

	test('cert without verify', () => {
		const r = synack(['cert', '--cert', p('leaf-valid.pem')]);
		expect(r.code).toBe(2);
		expect(r.stderr).toContain('synack cert: needs a command: synack cert verify --cert LEAF.pem');
	});
});
