/**
 * PEM text (RFC 7468) → certificates. A file may hold several (a bundle, as servers send
 * chains and as CA stores are kept). Pure: the caller reads the file.
 */
import type {X509Certificate} from 'node:crypto';
import {DerError} from './der.js';
import {type Certificate, certificateFrom, parseCertificateDer} from './x509.js';

/**
 * node:crypto is looked up when a certificate is read, not imported: in the single-file bundle
 * a static import of it is hoisted to the top and loads OpenSSL's code into every start of the
 * tutor (about 2 MB of resident memory), though only `synack cert` reads certificates.
 */
const crypto = () => process.getBuiltinModule('node:crypto');

export class PemError extends Error {}

export type PemBlock = {label: string; line: number; base64: string};

/** The BEGIN/END blocks of a PEM text, with the line each starts on (1-based). */
export function pemBlocks(text: string, name: string): PemBlock[] {
	const lines = text.split(/\r?\n/);
	const blocks: PemBlock[] = [];
	let open: {label: string; line: number; body: string[]} | null = null;
	lines.forEach((raw, n) => {
		const line = raw.trim();
		const begin = line.match(/^-----BEGIN ([A-Z0-9 ]+)-----$/);
		const end = line.match(/^-----END ([A-Z0-9 ]+)-----$/);
		if (begin) {
			if (open) throw new PemError(`${name}:${open.line}: -----BEGIN ${open.label}----- has no END line before line ${n + 1}`);
			open = {label: begin[1]!, line: n + 1, body: []};
		} else if (end) {
			if (!open) throw new PemError(`${name}:${n + 1}: -----END ${end[1]}----- without a BEGIN line`);
			if (end[1] !== open.label) throw new PemError(`${name}:${n + 1}: -----END ${end[1]}----- closes -----BEGIN ${open.label}-----`);
			blocks.push({label: open.label, line: open.line, base64: open.body.join('')});
			open = null;
		} else if (open && line !== '' && !/^[A-Za-z-]+:/.test(line)) {
			// RFC 1421-style headers ("Proc-Type: ...") are skipped; everything else is the body
			open.body.push(line);
		}
	});
	if (open) {
		const o = open as {label: string; line: number};
		throw new PemError(`${name}:${o.line}: -----BEGIN ${o.label}----- has no END line`);
	}
	return blocks;
}

/**
 * Every certificate in a PEM text, in file order. Blocks of other kinds (a private key
 * next to its certificate) are skipped; a text with no certificate at all is an error.
 */
export function certificatesFromPem(text: string, name: string): Certificate[] {
	if (text.includes('\u0000') || (!text.includes('-----BEGIN') && /[^\x09\x0a\x0d\x20-\x7e]/.test(text))) {
		throw new PemError(`${name}: not a PEM file (binary data; a DER certificate converts with: openssl x509 -inform der -in ${name} -out cert.pem)`);
	}
	const blocks = pemBlocks(text, name);
	if (blocks.length === 0) throw new PemError(`${name}: not a PEM file (no -----BEGIN CERTIFICATE----- line)`);
	const certs = blocks.filter((b) => b.label === 'CERTIFICATE');
	if (certs.length === 0) {
		const kinds = [...new Set(blocks.map((b) => b.label))].join(', ');
		throw new PemError(`${name}: holds ${kinds}, not a certificate (no -----BEGIN CERTIFICATE----- block)`);
	}
	return certs.map((block, i) => {
		const where = `${name}:${block.line}: certificate${certs.length > 1 ? ` #${i + 1}` : ''}`;
		if (!/^[A-Za-z0-9+/]*={0,2}$/.test(block.base64) || block.base64.length % 4 !== 0) {
			throw new PemError(`${where} is not valid base64`);
		}
		const der = Buffer.from(block.base64, 'base64');
		try {
			parseCertificateDer(der); // our reader first: its messages say what is wrong in DER terms
		} catch (error) {
			if (error instanceof DerError) throw new PemError(`${where} is not a valid X.509 certificate (${error.message})`);
			throw error;
		}
		let x509: X509Certificate;
		try {
			x509 = new (crypto().X509Certificate)(der);
		} catch (error) {
			throw new PemError(`${where} is not a valid X.509 certificate (OpenSSL: ${(error as Error).message})`);
		}
		return certificateFrom(x509);
	});
}
