/**
 * `synack cert verify --cert LEAF.pem [--chain PEM ...] --ca ROOT.pem [--host NAME] [--at ISO-TIME] [--json]`
 *
 * Reads the PEM files (each may hold several certificates), walks the chain with
 * source/pki/verify.ts and prints every check. Exit 0 when the chain verifies, 1 when it
 * does not, 2 for unreadable input (the message names the file or flag).
 */
import {readFileSync} from 'node:fs';
import {isIP} from 'node:net';
import {certificatesFromPem, PemError} from '../pki/pem.js';
import {isHostName, type SourcedCertificate, type Verification, verifyChain} from '../pki/verify.js';
import {renderCertText} from './cert-text.js';

export type CertIo = {stdout: (s: string) => void; stderr: (s: string) => void};

export type CertVerifyOptions = {
	cert?: string | undefined;
	chain?: string[] | undefined;
	ca?: string[] | undefined;
	host?: string | undefined;
	at?: string | undefined;
	json: boolean;
};

class InputError extends Error {}

/**
 * An ISO 8601 date or date-time: `2026-06-01`, `2026-06-01T12:00`, `2026-06-01T12:00:00Z`,
 * `2026-06-01T20:00:00+08:00`. Without an offset the time is UTC (certificate times are).
 */
export function parseAt(text: string): Date | null {
	const m = text.trim().match(/^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/i);
	if (!m) return null;
	const [, y, mo, d, h = '00', mi = '00', s = '00', frac = '', zone = 'Z'] = m;
	const fields = [Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)] as const;
	// reject what Date would roll over (February 30th, 24:00, minute 60)
	const check = new Date(Date.UTC(...fields));
	if (
		check.getUTCFullYear() !== fields[0] ||
		check.getUTCMonth() !== fields[1] ||
		check.getUTCDate() !== fields[2] ||
		check.getUTCHours() !== fields[3] ||
		check.getUTCMinutes() !== fields[4] ||
		check.getUTCSeconds() !== fields[5]
	) {
		return null;
	}
	const offset = zone.toUpperCase() === 'Z' ? 'Z' : zone.replace(/^([+-]\d{2}):?(\d{2})$/, '$1:$2');
	const iso = `${y}-${mo}-${d}T${h}:${mi}:${s}${frac}${offset}`;
	const ms = Date.parse(iso);
	return Number.isNaN(ms) ? null : new Date(ms);
}

function readCertificates(file: string, flag: string): SourcedCertificate[] {
	let text: string;
	try {
		text = readFileSync(file, 'utf8');
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'a directory, not a file' : (code ?? (error as Error).message);
		throw new InputError(`${flag} ${file}: cannot read it (${why})`);
	}
	try {
		const certs = certificatesFromPem(text, file);
		return certs.map((cert, i) => ({cert, source: certs.length > 1 ? `${file} #${i + 1}` : file}));
	} catch (error) {
		if (error instanceof PemError) throw new InputError(`${flag} ${error.message}`);
		throw error;
	}
}

/** Parse the inputs and run the verification; throws InputError for what exits 2. */
export function runCertVerify(opts: CertVerifyOptions, now: () => Date = () => new Date()): Verification {
	if (!opts.cert) throw new InputError('--cert is required: the leaf certificate to verify (PEM)');
	const caFiles = (opts.ca ?? []).filter((f) => f !== '');
	if (caFiles.length === 0) throw new InputError('--ca is required: the trusted root certificate(s) (PEM)');
	const {at} = runCertVerifyWith(opts, now);
	const leafFile = readCertificates(opts.cert, '--cert');
	const leaf = leafFile[0]!;
	// a --cert bundle is what a server sends: the leaf first, then its intermediates
	const chain = [...leafFile.slice(1), ...(opts.chain ?? []).flatMap((f) => readCertificates(f, '--chain'))];
	const anchors = caFiles.flatMap((f) => readCertificates(f, '--ca'));
	return verifyChain({leaf, chain, anchors, host: opts.host ?? null, at});
}

/**
 * `synack cert inspect CHAIN.pem [--ca ROOT.pem ...] [--host NAME] [--at ISO-TIME]`: the chain
 * file as a server sends it (leaf first, then intermediates). Without --ca the trust anchors
 * are the Mozilla roots built into Node (`tls.rootCertificates`), as a client's store would be.
 */
export function runCertInspect(file: string, opts: Omit<CertVerifyOptions, 'cert' | 'chain' | 'json'>, now: () => Date = () => new Date()): {verification: Verification; store: 'ca' | 'node'} {
	const caFiles = (opts.ca ?? []).filter((f) => f !== '');
	if (caFiles.length > 0) return {verification: runCertVerify({...opts, cert: file, json: false}, now), store: 'ca'};
	// Looked up, not imported: a static import of node:tls would load OpenSSL into every start of the tutor (pki/pem.ts).
	const {rootCertificates} = process.getBuiltinModule('node:tls');
	const anchors = rootCertificates.flatMap((pem, i) => certificatesFromPem(pem, `Node's root store #${i + 1}`).map((cert) => ({cert, source: `Node's root store`})));
	// Everything but the anchors is checked exactly as cert verify does.
	const leafFile = readCertificates(file, 'CHAIN');
	const base = runCertVerifyWith(opts, now);
	return {verification: verifyChain({leaf: leafFile[0]!, chain: leafFile.slice(1), anchors, host: base.host, at: base.at}), store: 'node'};
}

/** The --at and --host checks of cert verify, on their own. */
function runCertVerifyWith(opts: Pick<CertVerifyOptions, 'at' | 'host'>, now: () => Date): {at: Date; host: string | null} {
	let at = now();
	if (opts.at !== undefined) {
		const parsed = parseAt(opts.at);
		if (!parsed) throw new InputError(`--at '${opts.at}' is not an ISO 8601 time (for example 2026-06-01 or 2026-06-01T12:00:00Z)`);
		at = parsed;
	}
	if (opts.host !== undefined) {
		const host = opts.host.trim().replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '');
		if (host === '') throw new InputError('--host needs a name, for example --host shop.example.test');
		if (!isHostName(host) && !isIP(host)) throw new InputError(`--host '${opts.host}' is not a DNS name or an IP address`);
	}
	return {at, host: opts.host ?? null};
}

export {InputError as CertInputError};

export function certCommand(sub: string | undefined, rest: string[], opts: CertVerifyOptions, io: CertIo, now?: () => Date): number {
	if (sub !== 'verify') {
		io.stderr(
			`synack cert: ${sub ? `no '${sub}' command` : 'needs a command'}: synack cert verify --cert LEAF.pem [--chain PEM ...] --ca ROOT.pem [--host NAME] [--at ISO-TIME] [--json], or synack cert inspect CHAIN.pem [--ca ROOT.pem] [--host NAME] [--at ISO-TIME]\n`,
		);
		return 2;
	}
	if (rest.length > 0) {
		io.stderr(`synack cert verify: unexpected argument '${rest[0]}' (files go after --cert, --chain and --ca)\n`);
		return 2;
	}
	let result: Verification;
	try {
		result = runCertVerify(opts, now);
	} catch (error) {
		if (error instanceof InputError) {
			io.stderr(`synack cert verify: ${error.message}\n`);
			return 2;
		}
		throw error;
	}
	io.stdout(opts.json ? `${JSON.stringify(result, null, 2)}\n` : renderCertText(result));
	return result.ok ? 0 : 1;
}
