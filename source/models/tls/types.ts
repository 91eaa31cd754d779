/**
 * Names and numbers of the TLS lab (PROTOCOL-TRUTH §4; docs/tls-lab-vocabulary.md).
 * Values are symbolic strings: `client_random`, `pub(c_eph)`, `ms(pre_master|…)`. Two values
 * are the same secret exactly when their strings are equal, which is all a check needs.
 */
import type {Side} from '../tcp/types.js';

export type {Side};

export const VERSIONS = ['1.3', '1.2-ecdhe', '1.2-rsa'] as const;
export type Version = (typeof VERSIONS)[number];

export const CERT_SCENARIOS = [
	'valid',
	'expired',
	'not-yet-valid',
	'wrong-host',
	'self-signed',
	'untrusted-root',
	'tampered',
	'intermediate-not-ca',
] as const;
export type CertScenario = (typeof CERT_SCENARIOS)[number];

/** What an attacker key arms: a man in the middle on the keys, or a certificate of its own. */
export const ATTACKS = ['swap-key', 'swap-cert', 'forge-cert'] as const;
export type Attack = (typeof ATTACKS)[number];

export const MESSAGE_NAMES = [
	'ClientHello',
	'ServerHello',
	'EncryptedExtensions',
	'Certificate',
	'CertificateVerify',
	'ServerKeyExchange',
	'ServerHelloDone',
	'ClientKeyExchange',
	'ChangeCipherSpec',
	'Finished',
	'ApplicationData',
	'Alert',
] as const;
export type MessageName = (typeof MESSAGE_NAMES)[number];

/** Fatal alerts the lab's ends send, with their codes (RFC 8446 §6.2; RFC 5246 §7.2.2). */
export const ALERT_CODES = {
	unexpected_message: 10,
	bad_record_mac: 20,
	handshake_failure: 40,
	bad_certificate: 42,
	certificate_expired: 45,
	unknown_ca: 48,
	decrypt_error: 51,
} as const;
export type AlertName = keyof typeof ALERT_CODES;
export const ALERT_NAMES = Object.keys(ALERT_CODES) as AlertName[];

/** Lane states. TLS 1.3: RFC 8446 Appendix A.1 / A.2. TLS 1.2: readable names for RFC 5246 §7.3. */
export const STATES_13_CLIENT = ['START', 'WAIT_SH', 'WAIT_EE', 'WAIT_CERT_CR', 'WAIT_CV', 'WAIT_FINISHED', 'CONNECTED'] as const;
export const STATES_13_SERVER = ['START', 'RECVD_CH', 'NEGOTIATED', 'WAIT_FLIGHT2', 'WAIT_FINISHED', 'CONNECTED'] as const;
export const STATES_12_CLIENT = [
	'START',
	'WAIT_SERVER_HELLO',
	'WAIT_CERTIFICATE',
	'WAIT_SERVER_KEY_EXCHANGE',
	'WAIT_SERVER_HELLO_DONE',
	'WAIT_CHANGE_CIPHER_SPEC',
	'WAIT_FINISHED',
	'CONNECTED',
] as const;
export const STATES_12_SERVER = ['START', 'WAIT_CLIENT_KEY_EXCHANGE', 'WAIT_CHANGE_CIPHER_SPEC', 'WAIT_FINISHED', 'CONNECTED'] as const;
export const TLS_STATES = [
	...new Set<string>([...STATES_13_CLIENT, ...STATES_13_SERVER, ...STATES_12_CLIENT, ...STATES_12_SERVER, 'FAILED']),
] as readonly string[];

/** The cipher suite each version negotiates in the lab (what OpenSSL 3.0 picked for this PKI). */
export const SUITES: Record<Version, string> = {
	'1.3': 'TLS_AES_256_GCM_SHA384, x25519',
	'1.2-ecdhe': 'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256',
	'1.2-rsa': 'TLS_RSA_WITH_AES_128_GCM_SHA256',
};

/** A signature: who signed, over what. Valid for a verifier iff the signer holds the key it expects and `over` is what it computes. */
export type Signature = {signer: string; over: string};

/** Who touched a message on the way: the attacker's swaps, or a replay of an old copy. */
export type Mark = 'swap-key' | 'swap-cert' | 'forge-cert' | 'replay' | 'reseal';

/** One certificate of a chain (RFC 5280 §4.1), reduced to what path validation reads. */
export type Cert = {
	subject: string;
	/** subjectAltName dNSName entries (RFC 9110 §4.3.4: the only names a client matches). */
	san: string[];
	issuer: string;
	notBefore: string;
	notAfter: string;
	/** The private key that matches the subject public key. */
	key: string;
	/** basicConstraints cA. */
	ca: boolean;
	/** Whose key made the signature on this certificate, and whether its bytes are intact. */
	signedBy: string;
	intact: boolean;
};

export type Message = {
	name: MessageName;
	from: Side;
	/** What it carries, as shown to the learner (field → symbolic value). */
	carries: Record<string, string>;
	chain?: Cert[];
	sig?: Signature;
	/** RSA ClientKeyExchange: a secret encrypted to the holder of `to`. */
	enc?: {to: string; secret: string};
	/** Finished verify_data. */
	verify?: string;
	alert?: AlertName;
	/** Record protection: the key it is sealed with, or null (plaintext). */
	key: string | null;
	/** Bytes on the wire: record header, handshake header, AEAD expansion included. */
	bytes: number;
	mark: Mark | null;
};

/** Record overhead on the wire (RFC 8446 §5.2 TLSInnerPlaintext + 16-byte tag; RFC 5288 GCM explicit nonce + tag). */
export const RECORD_HEADER = 5;
export const AEAD_13 = 1 + 16;
export const AEAD_12 = 8 + 16;
