/**
 * Certificate chain verification the way a TLS client does it, one reported step at a time.
 *
 * Chain building: from the leaf, each issuer is looked up by name (issuer = subject, compared
 * as RFC 5280 §7.1 / OpenSSL's canonical form), key identifier (RFC 5280 §4.2.1.1) and
 * signature, first among the trust anchors (`--ca`, as OpenSSL's default "trusted first"),
 * then among the certificates the server sent (`--chain`, any order). The chain ends at a
 * certificate in `--ca`. Then, for every certificate from the leaf up (RFC 5280 §6.1.3,
 * §6.1.4; PROTOCOL-TRUTH §4.3–4.4):
 *   ca / key-usage / path-length — may this certificate issue the one below it?
 *                   (basicConstraints cA, keyUsage keyCertSign, pathLenConstraint)
 *   issuer / trust — where its issuer was found, or why the chain stops here
 *   signature      — its signature verifies with the issuer's public key (node:crypto),
 *                    and uses no MD5 or SHA-1 hash (RFC 8446 §4.4.2.4)
 *   validity       — notBefore ≤ at ≤ notAfter (RFC 5280 §4.1.2.5)
 *   hostname       — the leaf only: DNS-ID / IP-ID in subjectAltName, never the CN
 *                    (RFC 9110 §4.3.4; wildcards per RFC 6125 §6.4.3, kept by RFC 9525)
 * Pure: node:crypto only; the caller reads files and gives the time.
 */
import {type Certificate, type CertificateDetails, isoTime} from './x509.js';

/** The error words of CLI-JSON.md, in the order `result` picks the first of. */
export const ERROR_ORDER = [
	'untrusted-root',
	'missing-issuer',
	'bad-signature',
	'issuer-not-ca',
	'expired',
	'not-yet-valid',
	'hostname-mismatch',
] as const;
export type VerifyError = (typeof ERROR_ORDER)[number];

export type CheckName = 'ca' | 'key-usage' | 'path-length' | 'issuer' | 'trust' | 'signature' | 'validity' | 'hostname';

export type Step = {
	check: CheckName;
	/** index into `chain`, 0 = the leaf */
	cert: number;
	ok: boolean;
	detail: string;
	/** the error word a failed step adds to `errors` (null when ok) */
	error: VerifyError | null;
};

/** A certificate given to the verifier, with where it came from (for the messages). */
export type SourcedCertificate = {cert: Certificate; source: string};

export type ChainEntry = CertificateDetails & {
	role: 'leaf' | 'intermediate' | 'root';
	/** it is one of the `--ca` certificates */
	trusted: boolean;
	/** file (and #n within a bundle) it was read from */
	source: string;
};

export type VerifyInput = {
	leaf: SourcedCertificate;
	/** the intermediates a server would send, in any order (may include unrelated ones, or the root) */
	chain: SourcedCertificate[];
	/** the trust anchors */
	anchors: SourcedCertificate[];
	/** the name the client connected to; no hostname step when absent */
	host?: string | null;
	at: Date;
};

export type Verification = {
	ok: boolean;
	result: 'ok' | VerifyError;
	errors: VerifyError[];
	at: string;
	host: string | null;
	/** the chain that was built, leaf first; it stops early when an issuer is missing */
	chain: ChainEntry[];
	steps: Step[];
	/** how the chain ends */
	end: 'trust-anchor' | 'untrusted-root' | 'missing-issuer';
};

/** Longer chains than this are not followed (OpenSSL's default verify depth is 100; real chains are 2–4). */
const MAX_CHAIN = 32;

type Node = SourcedCertificate & {trusted: boolean};

const sameDer = (a: Certificate, b: Certificate) => a.der.equals(b.der);

function signedBy(subject: Certificate, issuer: Certificate): boolean {
	try {
		return subject.x509.verify(issuer.x509.publicKey);
	} catch {
		return false; // a key type or algorithm OpenSSL cannot use for this signature
	}
}

/** The issuer's key identifier does not contradict the subject's authorityKeyIdentifier. */
function keyIdMatches(subject: Certificate, issuer: Certificate): boolean {
	const akid = subject.fields.authorityKeyId;
	const skid = issuer.fields.subjectKeyId;
	return akid === null || skid === null || akid === skid;
}

function isSelfSigned(c: Certificate): boolean {
	return c.details.selfIssued && keyIdMatches(c, c) && signedBy(c, c);
}

type Built = {path: Node[]; end: Verification['end']};

function buildChain(input: VerifyInput): Built {
	const anchors: Node[] = input.anchors.map((a) => ({...a, trusted: true}));
	const pool: Node[] = [...anchors, ...input.chain.map((c) => ({...c, trusted: false}))];
	const leafAnchor = anchors.find((a) => sameDer(a.cert, input.leaf.cert));
	const path: Node[] = [leafAnchor ?? {...input.leaf, trusted: false}];
	for (;;) {
		const cur = path.at(-1)!;
		if (cur.trusted) return {path, end: 'trust-anchor'};
		const candidates = pool.filter(
			(c) =>
				!path.some((p) => sameDer(p.cert, c.cert)) &&
				c.cert.fields.subject.canonical === cur.cert.fields.issuer.canonical &&
				keyIdMatches(cur.cert, c.cert),
		);
		if (candidates.length === 0 || path.length >= MAX_CHAIN) {
			return {path, end: isSelfSigned(cur.cert) ? 'untrusted-root' : 'missing-issuer'};
		}
		// one whose key verifies the signature, a trusted one before a sent one; else the first by name
		const verified = candidates.find((c) => signedBy(cur.cert, c.cert));
		const next = verified ?? candidates[0]!;
		// the same certificate sent in --chain and given in --ca counts as the trusted one
		const asAnchor = anchors.find((a) => sameDer(a.cert, next.cert));
		path.push(asAnchor ?? next);
	}
}

/** LDH labels (RFC 1123 §2.1; '_' allowed as resolvers do), 1–63 characters each, 253 in all. */
export const isHostName = (host: string) =>
	host.length <= 253 && host.split('.').every((l) => /^[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?$/i.test(l));

const isIp = (host: string) => /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host.includes(':');

function sanList(c: Certificate): string {
	const sans = c.fields.subjectAltNames ?? [];
	return sans.length === 0 ? 'none' : sans.map((s) => `${s.type}:${s.value}`).join(', ');
}

function hostnameStep(c: Certificate, rawHost: string): Step {
	// a trailing dot (absolute name) and [brackets] around an IPv6 literal are not part of the identity
	const host = rawHost.trim().replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '').toLowerCase();
	const sans = c.fields.subjectAltNames ?? [];
	const cn = c.fields.subject.rdns.flat().find((a) => a.type === 'CN')?.value;
	const step = (ok: boolean, detail: string): Step => ({check: 'hostname', cert: 0, ok, detail, error: ok ? null : 'hostname-mismatch'});
	if (isIp(host)) {
		let matched: string | undefined;
		try {
			matched = c.x509.checkIP(host);
		} catch {
			return step(false, `'${rawHost}' is not a valid IP address`);
		}
		if (matched) return step(true, `${host} matches SAN IP:${matched} (IP-ID, RFC 9110 §4.3.4)`);
		return step(false, `no SAN IP address equals ${host} (SANs: ${sanList(c)})`);
	}
	if (!isHostName(host)) return step(false, `'${rawHost}' is not a DNS name or IP address, so nothing can match it`);
	const matched = c.x509.checkHost(host, {subject: 'never', wildcards: true, partialWildcards: false, multiLabelWildcards: false, singleLabelSubdomains: false});
	if (matched) {
		const wild = matched.startsWith('*.') ? ' (a wildcard stands for exactly one left-most label, RFC 6125 §6.4.3, kept by RFC 9525)' : '';
		return step(true, `${host} matches SAN DNS:${matched}${wild}`);
	}
	if (!sans.some((s) => s.type === 'DNS' || s.type === 'IP')) {
		return step(false, `the certificate has no DNS or IP subjectAltName${cn ? `; its CN (${cn}) is not used: clients MUST NOT use a CN-ID (RFC 9110 §4.3.4)` : ''}`);
	}
	const wildcardNote = sans.some((s) => s.type === 'DNS' && s.value.startsWith('*.'))
		? '; a wildcard matches exactly one label, not more and not none (RFC 6125 §6.4.3, kept by RFC 9525)'
		: '';
	return step(false, `${host} is not among the SANs (${sanList(c)})${wildcardNote}`);
}

function validityStep(c: Certificate, i: number, at: Date, trusted: boolean): Step {
	const {notBefore, notAfter} = c.fields;
	const range = `${isoTime(notBefore)} – ${isoTime(notAfter)}`;
	const note = trusted ? ' (the trust anchor is checked too, as OpenSSL does)' : '';
	if (at < notBefore) return {check: 'validity', cert: i, ok: false, detail: `not valid before ${isoTime(notBefore)} (at ${isoTime(at)})${note}`, error: 'not-yet-valid'};
	if (at > notAfter) return {check: 'validity', cert: i, ok: false, detail: `expired ${isoTime(notAfter)} (at ${isoTime(at)})${note}`, error: 'expired'};
	return {check: 'validity', cert: i, ok: true, detail: `valid ${range}, at ${isoTime(at)}${note}`, error: null};
}

/** May certificate i issue certificate i-1? (RFC 5280 §6.1.4 (k), (l)/(m), (n)) */
function issuerSteps(path: Node[], i: number): Step[] {
	const {cert: c, trusted} = path[i]!;
	const steps: Step[] = [];
	const bc = c.fields.basicConstraints;
	const notCa = (check: CheckName, detail: string): Step => ({check, cert: i, ok: false, detail, error: 'issuer-not-ca'});
	if (bc?.ca) {
		steps.push({check: 'ca', cert: i, ok: true, detail: `basicConstraints CA:TRUE${bc.pathLen !== null ? `, pathlen:${bc.pathLen}` : ''}${bc.critical ? ' (critical)' : ''}`, error: null});
	} else if (bc) {
		steps.push(notCa('ca', 'basicConstraints CA:FALSE: this certificate may not issue certificates (RFC 5280 §4.2.1.9, §6.1.4 (k))'));
	} else if (trusted && c.fields.version === 1) {
		steps.push({check: 'ca', cert: i, ok: true, detail: 'a version 1 certificate (no extensions) in --ca: trusted as an issuer by being a trust anchor', error: null});
	} else {
		steps.push(notCa('ca', 'no basicConstraints extension, so it is not a CA (RFC 5280 §6.1.4 (k))'));
	}
	const ku = c.fields.keyUsage;
	if (!ku) {
		steps.push({check: 'key-usage', cert: i, ok: true, detail: 'no keyUsage extension: key use not restricted (RFC 5280 §4.2.1.3)', error: null});
	} else if (ku.usages.includes('keyCertSign')) {
		steps.push({check: 'key-usage', cert: i, ok: true, detail: `keyUsage ${ku.usages.join(', ')} includes keyCertSign`, error: null});
	} else {
		steps.push(notCa('key-usage', `keyUsage ${ku.usages.join(', ') || '(none)'} lacks keyCertSign (RFC 5280 §6.1.4 (n))`));
	}
	if (bc?.ca && bc.pathLen !== null) {
		// intermediates below this one that are not self-issued (§6.1.4 (l)); the leaf does not count
		const below = path.slice(1, i).filter((n) => !n.cert.details.selfIssued).length;
		const ok = below <= bc.pathLen;
		steps.push({
			check: 'path-length',
			cert: i,
			ok,
			detail: `pathlen:${bc.pathLen} allows ${bc.pathLen} intermediate CA${bc.pathLen === 1 ? '' : 's'} below it; there ${below === 1 ? 'is' : 'are'} ${below}${ok ? '' : ' (RFC 5280 §6.1.4 (l), (m))'}`,
			error: ok ? null : 'issuer-not-ca',
		});
	}
	return steps;
}

function signatureStep(path: Node[], i: number): Step {
	const c = path[i]!.cert;
	const issuer = path[i + 1]!.cert;
	const alg = c.fields.signatureAlgorithm;
	const by = issuer.details.subject;
	if (!signedBy(c, issuer)) {
		return {check: 'signature', cert: i, ok: false, detail: `the ${alg.name} signature does not verify with the public key of ${by}: the certificate was altered or signed by another key`, error: 'bad-signature'};
	}
	if (alg.hash === 'MD5' || alg.hash === 'SHA-1') {
		return {
			check: 'signature',
			cert: i,
			ok: false,
			detail: `signed by ${by}, but with ${alg.name}: ${alg.hash} signatures are rejected (RFC 8446 §4.4.2.4; OpenSSL at security level 1: "CA signature digest algorithm too weak")`,
			error: 'bad-signature',
		};
	}
	return {check: 'signature', cert: i, ok: true, detail: `signed by ${by} (${alg.name})`, error: null};
}

function linkStep(path: Node[], i: number, end: Built['end']): Step | null {
	const here = path[i]!;
	const last = i === path.length - 1;
	if (!last) {
		const up = path[i + 1]!;
		const where = up.trusted ? `in --ca (${up.source})` : `in --chain (${up.source})`;
		return {check: 'issuer', cert: i, ok: true, detail: `issued by ${here.cert.details.issuer}: found ${where}`, error: null};
	}
	if (end === 'trust-anchor') {
		return {check: 'trust', cert: i, ok: true, detail: `in --ca (${here.source}): a trust anchor, where the chain ends; its own signature is not checked (RFC 5280 §6.1: the anchor is an input)`, error: null};
	}
	if (end === 'untrusted-root') {
		return {check: 'trust', cert: i, ok: false, detail: `self-signed and not in --ca: a root this client does not trust`, error: 'untrusted-root'};
	}
	return {check: 'issuer', cert: i, ok: false, detail: `no certificate named ${here.cert.details.issuer}${here.cert.fields.authorityKeyId ? ` with key id ${here.cert.fields.authorityKeyId}` : ''} in --chain or --ca`, error: 'missing-issuer'};
}

export function verifyChain(input: VerifyInput): Verification {
	const {path, end} = buildChain(input);
	const host = input.host?.trim() ? input.host.trim() : null;
	const steps: Step[] = [];
	path.forEach((node, i) => {
		if (i > 0) steps.push(...issuerSteps(path, i));
		const link = linkStep(path, i, end);
		if (link) steps.push(link);
		if (i < path.length - 1) steps.push(signatureStep(path, i));
		steps.push(validityStep(node.cert, i, input.at, node.trusted));
		if (i === 0 && host !== null) steps.push(hostnameStep(node.cert, host));
	});
	const found = new Set(steps.flatMap((s) => (s.error ? [s.error] : [])));
	const errors = ERROR_ORDER.filter((e) => found.has(e));
	const chain: ChainEntry[] = path.map((n, i) => ({
		...n.cert.details,
		role: i === 0 ? 'leaf' : i === path.length - 1 && (end === 'trust-anchor' || end === 'untrusted-root') ? 'root' : 'intermediate',
		trusted: n.trusted,
		source: n.source,
	}));
	return {ok: errors.length === 0, result: errors[0] ?? 'ok', errors, at: isoTime(input.at), host, chain, steps, end};
}
