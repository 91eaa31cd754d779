/**
 * Building TLS messages and the symbolic values in them. A secret is a string naming how it
 * was made (`ms(pre_master|client_random|server_random)`): two ends hold the same secret
 * exactly when they derived it from the same inputs, which is what every real check relies on.
 */
import {AEAD_12, AEAD_13, RECORD_HEADER, type Message, type MessageName, type Side, type Version} from './types.js';

/**
 * Bytes on the wire per message: the handshake message lengths OpenSSL 3.0.19 printed
 * (`s_client -msg`) for this lab's PKI, plus the record header and, for protected records,
 * the AEAD expansion. 1.3: TLS_AES_256_GCM_SHA384 (P-256 chain); 1.2 ECDHE:
 * ECDHE-ECDSA-AES128-GCM-SHA256 (P-256 chain); 1.2 RSA: AES128-GCM-SHA256 (RSA-2048 chain).
 */
const HANDSHAKE_LENGTH: Record<Version, Partial<Record<MessageName, number>>> = {
	'1.3': {ClientHello: 220, ServerHello: 122, EncryptedExtensions: 6, Certificate: 880, CertificateVerify: 80, Finished: 52},
	'1.2-ecdhe': {ClientHello: 131, ServerHello: 65, Certificate: 875, ServerKeyExchange: 115, ServerHelloDone: 4, ClientKeyExchange: 37, ChangeCipherSpec: 1, Finished: 16},
	'1.2-rsa': {ClientHello: 107, ServerHello: 57, Certificate: 1483, ServerHelloDone: 4, ClientKeyExchange: 262, ChangeCipherSpec: 1, Finished: 16},
};

/** An HTTP request or response line and headers: the application data of `s`. */
export const APP_DATA_PLAINTEXT = 78;
const ALERT_PLAINTEXT = 2;

export function wireBytes(version: Version, name: MessageName, sealed: boolean): number {
	const body = name === 'ApplicationData' ? APP_DATA_PLAINTEXT : name === 'Alert' ? ALERT_PLAINTEXT : (HANDSHAKE_LENGTH[version][name] ?? 0);
	if (!sealed) return RECORD_HEADER + body;
	return RECORD_HEADER + body + (version === '1.3' ? AEAD_13 : AEAD_12);
}

export function message(
	version: Version,
	name: MessageName,
	from: Side,
	key: string | null,
	fields: Omit<Partial<Message>, 'name' | 'from' | 'key' | 'bytes'> = {},
): Message {
	return {name, from, carries: {}, key, bytes: wireBytes(version, name, key !== null), mark: null, ...fields};
}

// ---------------------------------------------------------------- symbolic values

/** The public half of a private key. */
export const pub = (priv: string): string => `pub(${priv})`;
const privOf = (pubKey: string): string => (pubKey.startsWith('pub(') && pubKey.endsWith(')') ? pubKey.slice(4, -1) : `?${pubKey}`);

/** (EC)DH: my private key with the peer's public key. dh(a, pub(b)) = dh(b, pub(a)). */
export function dh(myPriv: string, peerPub: string): string {
	const pair = [myPriv, privOf(peerPub)].sort();
	return `dh(${pair.join(',')})`;
}

/** 32-bit FNV-1a, for a short transcript hash that changes when any message changes. */
function fnv(text: string): string {
	let h = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) {
		h ^= text.charCodeAt(i);
		h = Math.imul(h, 0x01000193) >>> 0;
	}
	return h.toString(16).padStart(8, '0');
}

/** What a message contributes to the transcript: its name and everything it carries (not who touched it). */
export function digest(m: Message): string {
	return `${m.name}:${JSON.stringify([m.carries, m.chain ?? null, m.sig ?? null, m.enc ?? null, m.verify ?? null])}`;
}

export const transcriptHash = (t: readonly string[]): string => `th:${fnv(t.join('\n'))}`;

/** RFC 5246 §8.1: master_secret = PRF(pre_master_secret, "master secret", client_random + server_random). */
export const masterSecret = (pm: string, cr: string, sr: string): string => `ms(${pm}|${cr}|${sr})`;
/** RFC 5246 §6.3: the key block from the master secret (both directions' keys, one symbol here). */
export const keyBlock = (ms: string): string => `keys(${ms})`;
/** RFC 5246 §7.4.9: verify_data = PRF(master_secret, finished_label, Hash(handshake_messages)). */
export const finished12 = (ms: string, label: 'client finished' | 'server finished', th: string): string => `prf(${ms}|${label}|${th})`;

/** RFC 8446 §7.1: the handshake secret from the (EC)DHE secret and the transcript through ServerHello. */
export const handshakeSecret = (dhe: string, th: string): string => `hs(${dhe}|${th})`;
export const handshakeKeys = (hs: string): string => `hk(${hs})`;
/** RFC 8446 §7.1: application traffic keys from the master secret and the transcript through server Finished. */
export const applicationKeys = (hs: string, th: string): string => `ak(${hs}|${th})`;
/** RFC 8446 §4.4.4: HMAC(finished_key, Transcript-Hash). */
export const finished13 = (hs: string, who: 'client' | 'server', th: string): string => `hmac(${hs}|${who} finished|${th})`;
/** RFC 8446 §4.4.3: what CertificateVerify signs: 64 spaces, the context string, 0, the transcript hash. */
export const cvContent = (th: string): string => `TLS 1.3, server CertificateVerify|${th}`;
/** RFC 5246 §7.4.3: the ServerKeyExchange signature covers client_random + server_random + params. */
export const skeContent = (cr: string, sr: string, params: string): string => `${cr}|${sr}|${params}`;

/** The same message as recorded in an earlier session: every value tied to that session is the old one. */
export function oldCopy(m: Message): Message {
	const old = (v: string) => `${v}@old`;
	const carries: Record<string, string> = {};
	for (const [k, v] of Object.entries(m.carries)) carries[k] = SESSION_FIELDS.has(k) ? old(v) : v;
	return {
		...m,
		carries,
		...(m.sig ? {sig: {signer: m.sig.signer, over: old(m.sig.over)}} : {}),
		...(m.enc ? {enc: {to: m.enc.to, secret: old(m.enc.secret)}} : {}),
		...(m.verify ? {verify: old(m.verify)} : {}),
		key: m.key === null ? null : old(m.key),
		mark: 'replay',
	};
}

/** Fields whose value belongs to one session (randoms, key shares, secrets); the rest (suites, names, certificates) do not. */
const SESSION_FIELDS = new Set(['random', 'key_share', 'params', 'pre_master']);
