/**
 * The certificates of the lab and the client's checks on them: RFC 5280 §6.1 path validation
 * plus the name check of RFC 9110 §4.3.4 / RFC 9525, in the order OpenSSL 3.0 reports them.
 * Each failure carries the OpenSSL verify error and the alert the OpenSSL 3.0 client sends,
 * measured with `s_client -verify_return_error` against `s_server` on this lab's PKI
 * (ssl/statem/statem_lib.c, ssl_x509err2alert).
 */
import type {AlertName, Cert, CertScenario} from './types.js';

export const HOST = 'shop.example';
/** The lab's clock date: certificates are judged against it. */
export const TODAY = '2025-06-01';
export const TRUST_STORE = ['Lab Root CA'];

const root = 'Lab Root CA';
const inter = 'Lab Issuing CA';

function leaf(over: Partial<Cert> = {}): Cert {
	return {
		subject: HOST,
		san: [HOST],
		issuer: inter,
		notBefore: '2025-04-15',
		notAfter: '2025-07-14',
		key: 'server_key',
		ca: false,
		signedBy: 'inter_key',
		intact: true,
		...over,
	};
}

function intermediate(over: Partial<Cert> = {}): Cert {
	return {
		subject: inter,
		san: [],
		issuer: root,
		notBefore: '2024-01-01',
		notAfter: '2029-01-01',
		key: 'inter_key',
		ca: true,
		signedBy: 'root_key',
		intact: true,
		...over,
	};
}

/** Which private key belongs to which CA name (the trust store knows the root's; the chain brings the rest). */
const CA_KEYS: Record<string, string> = {[root]: 'root_key', [inter]: 'inter_key', 'Other Root CA': 'other_root_key', 'Not A CA': 'notca_key'};

/** The chain the server sends (leaf first, intermediates after; the root is never sent: RFC 5280 §6.1 takes it as input). */
export function serverChain(scenario: CertScenario): Cert[] {
	switch (scenario) {
		case 'valid':
			return [leaf(), intermediate()];
		case 'expired':
			return [leaf({notBefore: '2025-02-01', notAfter: '2025-05-02'}), intermediate()];
		case 'not-yet-valid':
			return [leaf({notBefore: '2025-07-01', notAfter: '2025-09-29'}), intermediate()];
		case 'wrong-host':
			return [leaf({subject: 'www.shop-old.example', san: ['www.shop-old.example']}), intermediate()];
		case 'self-signed':
			return [leaf({issuer: HOST, signedBy: 'server_key'})];
		case 'untrusted-root':
			return [leaf(), intermediate({issuer: 'Other Root CA', signedBy: 'other_root_key'})];
		case 'tampered':
			return [leaf({intact: false}), intermediate()];
		case 'intermediate-not-ca':
			return [leaf({issuer: 'Not A CA', signedBy: 'notca_key'}), intermediate({subject: 'Not A CA', key: 'notca_key', ca: false})];
	}
}

/** The attacker's own certificate, from a trusted CA, for its own name (`w`). */
export const attackerOwnChain = (): Cert[] => [
	leaf({subject: 'attacker.example', san: ['attacker.example'], key: 'attacker_key'}),
	intermediate(),
];

/** A certificate the attacker made itself that claims the server's name (`g`). */
export const attackerForgedChain = (): Cert[] => [leaf({issuer: HOST, key: 'attacker_key', signedBy: 'attacker_key'})];

export type CertVerdict =
	| {ok: true; key: string; summary: string}
	| {ok: false; error: number; reason: string; alert: AlertName};

const fail = (error: number, reason: string, alert: AlertName): CertVerdict => ({ok: false, error, reason, alert});

/** Is `name` matched by a dNSName (RFC 9525 §6.3: `*` only as the whole left-most label, one label). */
export function nameMatches(pattern: string, name: string): boolean {
	if (!pattern.startsWith('*.')) return pattern.toLowerCase() === name.toLowerCase();
	const rest = pattern.slice(2).toLowerCase();
	const dot = name.indexOf('.');
	return dot > 0 && name.slice(dot + 1).toLowerCase() === rest;
}

/**
 * Build the path from the leaf up to a root in the trust store and check it (RFC 5280 §6.1.3,
 * §6.1.4), then the host name. The order follows OpenSSL's X509_verify_cert: path building
 * (18, 20), CA flags (79), signatures (7), dates (9, 10), then the host (62).
 */
export function verifyChain(chain: readonly Cert[], host: string = HOST, today: string = TODAY): CertVerdict {
	const leafCert = chain[0];
	if (!leafCert) return fail(20, 'no certificate', 'unknown_ca');
	// Path building: follow issuers through the chain until a name in the trust store.
	let i = 0;
	for (;;) {
		const c = chain[i]!;
		if (TRUST_STORE.includes(c.issuer)) break;
		const next = chain.findIndex((x, j) => j > i && x.subject === c.issuer);
		if (next < 0) {
			if (c.issuer === c.subject) {
				return i === 0
					? fail(18, `self-signed certificate: "${c.subject}" signed itself and is not in the trust store`, 'unknown_ca')
					: fail(19, 'self-signed certificate in certificate chain', 'unknown_ca');
			}
			return fail(20, `unable to get local issuer certificate: "${c.issuer}" is not a trusted root`, 'unknown_ca');
		}
		i = next;
	}
	const path = chain.slice(0, i + 1);
	// RFC 5280 §6.1.4 (k): every certificate that issues another must be a CA.
	for (const ca of path.slice(1)) {
		if (!ca.ca) return fail(79, `invalid CA certificate: "${ca.subject}" has basicConstraints CA:FALSE`, 'unknown_ca');
	}
	// §6.1.3 (a)(1): each signature verifies with the issuer's public key.
	for (const c of path) {
		const issuerKey = CA_KEYS[c.issuer];
		if (!c.intact || c.signedBy !== issuerKey) {
			return fail(7, `certificate signature failure: the signature on "${c.subject}" does not verify with "${c.issuer}"'s key`, 'decrypt_error');
		}
	}
	// §6.1.3 (a)(2): the validity period includes now.
	for (const c of path) {
		if (today < c.notBefore) return fail(9, `certificate is not yet valid: "${c.subject}" starts ${c.notBefore}, today is ${today}`, 'bad_certificate');
		if (today > c.notAfter) return fail(10, `certificate has expired: "${c.subject}" ended ${c.notAfter}, today is ${today}`, 'certificate_expired');
	}
	// RFC 9110 §4.3.4: the host must be in subjectAltName (the CN is not used).
	if (!leafCert.san.some((p) => nameMatches(p, host))) {
		return fail(62, `hostname mismatch: the certificate names ${leafCert.san.join(', ')}, the client asked for ${host}`, 'bad_certificate');
	}
	return {ok: true, key: leafCert.key, summary: `${leafCert.subject} ← ${path.slice(1).map((c) => c.subject).join(' ← ') || '—'} ← ${TRUST_STORE[0]}`};
}
