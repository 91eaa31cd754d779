/** The plain-text report of `synack cert verify`: the chain, every check with ✓/✗, the verdict. */
import type {ChainEntry, Verification} from '../pki/verify.js';

const day = (iso: string) => iso.slice(0, 10);

function keyText(c: ChainEntry): string {
	const k = c.publicKey;
	if (k.curve) return `${k.type} ${k.curve}`;
	return k.bits ? `${k.type} ${k.bits}` : k.type;
}

function roleText(c: ChainEntry): string {
	if (c.role === 'root') return c.trusted ? 'root, trusted (--ca)' : 'root, NOT trusted';
	return c.trusted ? `${c.role}, trusted (--ca)` : c.role;
}

/** One certificate of the chain as a few lines of text (also the TUI walk-through's card). */
export function describeCertificate(c: ChainEntry, i: number): string[] {
	const sans = c.subjectAltNames.map((s) => `${s.type}:${s.value}`).join(', ');
	const ca = c.basicConstraints ? `CA:${c.basicConstraints.ca ? 'TRUE' : 'FALSE'}${c.basicConstraints.pathLen !== null ? ` pathlen:${c.basicConstraints.pathLen}` : ''}` : 'no basicConstraints';
	const lines = [
		`  #${i}  ${c.subject}   [${roleText(c)}]`,
		`      issuer ${c.issuer} · serial ${c.serialNumber} · ${day(c.notBefore)} → ${day(c.notAfter)}`,
		`      ${keyText(c)} key · ${c.signatureAlgorithm} · ${ca}${c.keyUsage ? ` · keyUsage ${c.keyUsage.join(', ')}` : ''}`,
	];
	if (sans) lines.push(`      SAN ${sans}`);
	lines.push(`      from ${c.source}`);
	return lines;
}

export const VERDICT: Record<string, string> = {
	'untrusted-root': 'the chain ends in a self-signed certificate that is not in --ca',
	'missing-issuer': 'an issuer certificate could not be found (send the intermediates with --chain)',
	'bad-signature': 'a signature does not verify, or uses a hash TLS clients reject',
	'issuer-not-ca': 'an issuing certificate is not allowed to act as a CA',
	expired: 'a certificate has expired',
	'not-yet-valid': 'a certificate is not valid yet',
	'hostname-mismatch': 'the leaf does not name the host',
};

export function renderCertText(v: Verification): string {
	const out: string[] = [];
	out.push(`Certificate chain, leaf first (at ${v.at}${v.host ? `, host ${v.host}` : ''})`);
	v.chain.forEach((c, i) => out.push(...describeCertificate(c, i)));
	out.push('', 'Checks');
	const width = Math.max(...v.steps.map((s) => s.check.length));
	let last = -1;
	for (const s of v.steps) {
		if (s.cert !== last && last !== -1) out.push('');
		last = s.cert;
		out.push(`  ${s.ok ? '✓' : '✗'} #${s.cert} ${s.check.padEnd(width)}  ${s.detail}${s.ok ? '' : `  → ${s.error}`}`);
	}
	out.push('');
	if (v.ok) {
		out.push('✓ ok: the chain verifies');
	} else {
		out.push(`✗ ${v.result}: ${VERDICT[v.result] ?? ''}`);
		if (v.errors.length > 1) out.push(`  all errors: ${v.errors.join(', ')}`);
	}
	return `${out.join('\n')}\n`;
}
