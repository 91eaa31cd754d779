/**
 * The verification cases of test/fixtures/pki (see its README.md), shared by the module
 * tests and the CLI tests, and the `openssl verify` run each is compared with.
 */
import {spawnSync} from 'node:child_process';
import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

export const PKI = 'test/fixtures/pki';
export const AT = '2026-06-01T00:00:00Z';

export type Case = {
	name: string;
	cert: string;
	chain: string[];
	ca: string[];
	host?: string;
	at: string;
	result: string;
	errors?: string[];
	/** extra `openssl verify` options, and why, where the plain command is not what a TLS client applies */
	opensslExtra?: string[];
	/** set where synack deliberately differs from `openssl verify`: the reason, and what openssl says */
	opensslDiffers?: {why: string; opensslOk: boolean};
};

const base = {ca: ['root.pem'], at: AT};

export const CASES: Case[] = [
	{...base, name: 'valid chain', cert: 'leaf-valid.pem', chain: ['inter.pem'], host: 'shop.example.test', result: 'ok'},
	{...base, name: 'valid, second SAN', cert: 'leaf-valid.pem', chain: ['inter.pem'], host: 'www.shop.example.test', result: 'ok'},
	{...base, name: 'valid, no --host', cert: 'leaf-valid.pem', chain: ['inter.pem'], result: 'ok'},
	{...base, name: 'chain given root-first in one bundle', cert: 'leaf-valid.pem', chain: ['chain-bundle.pem'], host: 'shop.example.test', result: 'ok'},
	{...base, name: 'unrelated certificates in --chain are ignored', cert: 'leaf-valid.pem', chain: ['other-chain.pem', 'inter-not-ca.pem', 'inter.pem'], host: 'shop.example.test', result: 'ok'},
	{...base, name: 'an impostor intermediate (same name, other key) is passed over', cert: 'leaf-valid.pem', chain: ['inter-impostor.pem', 'inter.pem'], host: 'shop.example.test', result: 'ok'},
	{...base, name: 'only the impostor intermediate', cert: 'leaf-valid.pem', chain: ['inter-impostor.pem'], host: 'shop.example.test', result: 'missing-issuer'},
	{...base, name: 'expired leaf', cert: 'leaf-expired.pem', chain: ['inter.pem'], host: 'expired.example.test', result: 'expired'},
	{...base, name: 'expired leaf, checked before it expired', cert: 'leaf-expired.pem', chain: ['inter.pem'], host: 'expired.example.test', at: '2026-02-28T23:59:59Z', result: 'ok'},
	{...base, name: 'leaf not yet valid', cert: 'leaf-not-yet-valid.pem', chain: ['inter.pem'], host: 'future.example.test', result: 'not-yet-valid'},
	{...base, name: 'leaf not yet valid, checked when it is', cert: 'leaf-not-yet-valid.pem', chain: ['inter.pem'], at: '2027-01-01T00:00:00Z', result: 'ok'},
	{...base, name: 'hostname mismatch (CN names the host, SAN does not)', cert: 'leaf-mismatch.pem', chain: ['inter.pem'], host: 'shop.example.test', result: 'hostname-mismatch'},
	{...base, name: 'the SAN of the mismatch leaf', cert: 'leaf-mismatch.pem', chain: ['inter.pem'], host: 'api.example.test', result: 'ok'},
	{...base, name: 'wildcard matches one label', cert: 'leaf-wildcard.pem', chain: ['inter.pem'], host: 'www.example.test', result: 'ok'},
	{...base, name: 'wildcard does not match two labels', cert: 'leaf-wildcard.pem', chain: ['inter.pem'], host: 'a.b.example.test', result: 'hostname-mismatch'},
	{...base, name: 'wildcard does not match the bare domain', cert: 'leaf-wildcard.pem', chain: ['inter.pem'], host: 'example.test', result: 'hostname-mismatch'},
	{...base, name: 'IPv4 in SAN', cert: 'leaf-ip.pem', chain: ['inter.pem'], host: '192.0.2.10', result: 'ok'},
	{...base, name: 'IPv6 in SAN, written another way', cert: 'leaf-ip.pem', chain: ['inter.pem'], host: '2001:db8:0:0::10', result: 'ok'},
	{...base, name: 'IP not in SAN', cert: 'leaf-ip.pem', chain: ['inter.pem'], host: '192.0.2.11', result: 'hostname-mismatch'},
	{...base, name: 'untrusted root (another PKI, root sent)', cert: 'leaf-other.pem', chain: ['other-chain.pem'], host: 'shop.example.test', result: 'untrusted-root'},
	{...base, name: 'self-signed leaf', cert: 'leaf-self-signed.pem', chain: [], host: 'shop.example.test', result: 'untrusted-root'},
	{...base, name: 'another PKI, root not sent', cert: 'leaf-other.pem', chain: ['other-inter.pem'], result: 'missing-issuer'},
	{...base, name: 'missing intermediate', cert: 'leaf-valid.pem', chain: [], host: 'shop.example.test', result: 'missing-issuer'},
	{...base, name: 'missing intermediate and expired: chain building comes first', cert: 'leaf-expired.pem', chain: [], result: 'missing-issuer', errors: ['missing-issuer', 'expired']},
	{...base, name: 'tampered signature', cert: 'leaf-tampered.pem', chain: ['inter.pem'], host: 'shop.example.test', result: 'bad-signature'},
	{...base, name: 'tampered and wrong host: signature comes first', cert: 'leaf-tampered.pem', chain: ['inter.pem'], host: 'nope.example.test', result: 'bad-signature', errors: ['bad-signature', 'hostname-mismatch']},
	{...base, name: 'intermediate with CA:FALSE', cert: 'leaf-via-not-ca.pem', chain: ['inter-not-ca.pem'], host: 'shop.example.test', result: 'issuer-not-ca'},
	{...base, name: 'intermediate without basicConstraints', cert: 'leaf-via-no-bc.pem', chain: ['inter-no-bc.pem'], host: 'shop.example.test', result: 'issuer-not-ca'},
	{...base, name: 'intermediate without keyCertSign', cert: 'leaf-via-no-certsign.pem', chain: ['inter-no-certsign.pem'], host: 'shop.example.test', result: 'issuer-not-ca'},
	{...base, name: 'path length exceeded', cert: 'leaf-via-sub.pem', chain: ['pathlen-chain.pem'], host: 'shop.example.test', result: 'issuer-not-ca'},
	{...base, name: 'issuer-not-ca and expired: issuer-not-ca comes first', cert: 'leaf-via-not-ca.pem', chain: ['inter-not-ca.pem'], at: '2029-01-01T00:00:00Z', result: 'issuer-not-ca', errors: ['issuer-not-ca', 'expired']},
	{...base, name: 'leaf and intermediate in one --cert file', cert: 'fullchain.pem', chain: [], host: 'shop.example.test', result: 'ok'},
	{...base, name: 'the leaf itself in --ca', cert: 'root.pem', chain: [], result: 'ok'},
	{
		...base,
		name: 'SHA-1 signature',
		cert: 'leaf-sha1.pem',
		chain: ['inter.pem'],
		host: 'shop.example.test',
		result: 'bad-signature',
		// `openssl verify` applies no security level unless told; a TLS client at OpenSSL's default level 1 does
		opensslExtra: ['-auth_level', '1'],
	},
	{
		...base,
		name: 'CN-only leaf: no CN fallback',
		cert: 'leaf-cn-only.pem',
		chain: ['inter.pem'],
		host: 'shop.example.test',
		result: 'hostname-mismatch',
		opensslDiffers: {why: 'OpenSSL falls back to the CN when there is no DNS SAN; browsers do not (RFC 9110 §4.3.4)', opensslOk: true},
	},
	{
		...base,
		name: 'checked at the very second of notAfter',
		cert: 'leaf-expired.pem',
		chain: ['inter.pem'],
		at: '2026-03-01T00:00:00Z',
		result: 'ok',
		opensslDiffers: {why: 'RFC 5280 §4.1.2.5: the validity period is notBefore through notAfter, inclusive; OpenSSL 3.0 treats notAfter as already expired', opensslOk: false},
	},
	{
		...base,
		name: 'an intermediate as the trust anchor',
		cert: 'leaf-valid.pem',
		chain: [],
		ca: ['inter.pem'],
		host: 'shop.example.test',
		result: 'ok',
		// RFC 5280 §6.1.1 (d): any trusted certificate can be the anchor; OpenSSL needs -partial_chain for that
		opensslExtra: ['-partial_chain'],
	},
];

/** `openssl verify` on the same inputs: 0 = OK. */
export function opensslVerify(c: Case): {ok: boolean; output: string} {
	const dir = mkdtempSync(join(tmpdir(), 'synack-openssl-'));
	const bundle = (name: string, files: string[]) => {
		const file = join(dir, name);
		writeFileSync(file, files.map((f) => readFileSync(join(PKI, f), 'utf8')).join(''));
		return file;
	};
	const args = ['verify', '-CAfile', bundle('ca.pem', c.ca)];
	const untrusted = [...c.chain];
	if (c.cert === 'fullchain.pem') untrusted.push('fullchain.pem');
	if (untrusted.length > 0) args.push('-untrusted', bundle('untrusted.pem', untrusted));
	if (c.host) args.push(/^[\d.]+$|:/.test(c.host) ? '-verify_ip' : '-verify_hostname', c.host);
	args.push('-attime', String(Math.floor(Date.parse(c.at) / 1000)), ...(c.opensslExtra ?? []), join(PKI, c.cert));
	const r = spawnSync('openssl', args, {encoding: 'utf8'});
	if (r.error) throw r.error;
	return {ok: r.status === 0, output: `${r.stdout}${r.stderr}`};
}
