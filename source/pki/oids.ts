/** Object identifiers the certificate walk-through names (RFC 5280, RFC 4519, RFC 3279/4055/5758/8410). */

/** Attribute types in names, with the short labels OpenSSL prints (RFC 4519 §2). */
export const NAME_ATTRIBUTES: Record<string, string> = {
	'2.5.4.3': 'CN',
	'2.5.4.4': 'SN',
	'2.5.4.5': 'serialNumber',
	'2.5.4.6': 'C',
	'2.5.4.7': 'L',
	'2.5.4.8': 'ST',
	'2.5.4.9': 'street',
	'2.5.4.10': 'O',
	'2.5.4.11': 'OU',
	'2.5.4.12': 'title',
	'2.5.4.42': 'GN',
	'2.5.4.97': 'organizationIdentifier',
	'0.9.2342.19200300.100.1.25': 'DC',
	'0.9.2342.19200300.100.1.1': 'UID',
	'1.2.840.113549.1.9.1': 'emailAddress',
};

export type SignatureAlgorithm = {name: string; hash: string | null};

/** Signature algorithms (RFC 3279 §2.2, RFC 4055 §5, RFC 5758 §3.2, RFC 8410 §3). */
export const SIGNATURE_ALGORITHMS: Record<string, SignatureAlgorithm> = {
	'1.2.840.113549.1.1.4': {name: 'md5WithRSAEncryption', hash: 'MD5'},
	'1.2.840.113549.1.1.5': {name: 'sha1WithRSAEncryption', hash: 'SHA-1'},
	'1.2.840.113549.1.1.14': {name: 'sha224WithRSAEncryption', hash: 'SHA-224'},
	'1.2.840.113549.1.1.11': {name: 'sha256WithRSAEncryption', hash: 'SHA-256'},
	'1.2.840.113549.1.1.12': {name: 'sha384WithRSAEncryption', hash: 'SHA-384'},
	'1.2.840.113549.1.1.13': {name: 'sha512WithRSAEncryption', hash: 'SHA-512'},
	'1.2.840.113549.1.1.10': {name: 'rsassaPss', hash: null},
	'1.2.840.10040.4.3': {name: 'dsa-with-SHA1', hash: 'SHA-1'},
	'2.16.840.1.101.3.4.3.2': {name: 'dsa-with-SHA256', hash: 'SHA-256'},
	'1.2.840.10045.4.1': {name: 'ecdsa-with-SHA1', hash: 'SHA-1'},
	'1.2.840.10045.4.3.1': {name: 'ecdsa-with-SHA224', hash: 'SHA-224'},
	'1.2.840.10045.4.3.2': {name: 'ecdsa-with-SHA256', hash: 'SHA-256'},
	'1.2.840.10045.4.3.3': {name: 'ecdsa-with-SHA384', hash: 'SHA-384'},
	'1.2.840.10045.4.3.4': {name: 'ecdsa-with-SHA512', hash: 'SHA-512'},
	'1.3.101.112': {name: 'ED25519', hash: null},
	'1.3.101.113': {name: 'ED448', hash: null},
};

/** Hash OIDs inside RSASSA-PSS parameters (RFC 4055 §2.1); SHA-1 is PSS's default. */
export const HASHES: Record<string, string> = {
	'1.3.14.3.2.26': 'SHA-1',
	'2.16.840.1.101.3.4.2.4': 'SHA-224',
	'2.16.840.1.101.3.4.2.1': 'SHA-256',
	'2.16.840.1.101.3.4.2.2': 'SHA-384',
	'2.16.840.1.101.3.4.2.3': 'SHA-512',
	'1.2.840.113549.2.5': 'MD5',
};

/** Certificate extensions (RFC 5280 §4.2). */
export const EXTENSIONS: Record<string, string> = {
	'2.5.29.14': 'subjectKeyIdentifier',
	'2.5.29.15': 'keyUsage',
	'2.5.29.17': 'subjectAltName',
	'2.5.29.18': 'issuerAltName',
	'2.5.29.19': 'basicConstraints',
	'2.5.29.30': 'nameConstraints',
	'2.5.29.31': 'cRLDistributionPoints',
	'2.5.29.32': 'certificatePolicies',
	'2.5.29.33': 'policyMappings',
	'2.5.29.35': 'authorityKeyIdentifier',
	'2.5.29.36': 'policyConstraints',
	'2.5.29.37': 'extKeyUsage',
	'2.5.29.54': 'inhibitAnyPolicy',
	'1.3.6.1.5.5.7.1.1': 'authorityInfoAccess',
	'1.3.6.1.4.1.11129.2.4.2': 'signedCertificateTimestampList',
};

/** KeyUsage bits in order (RFC 5280 §4.2.1.3). */
export const KEY_USAGE_BITS = [
	'digitalSignature',
	'nonRepudiation',
	'keyEncipherment',
	'dataEncipherment',
	'keyAgreement',
	'keyCertSign',
	'cRLSign',
	'encipherOnly',
	'decipherOnly',
] as const;

/** Extended key usages (RFC 5280 §4.2.1.12). */
export const EXT_KEY_USAGES: Record<string, string> = {
	'1.3.6.1.5.5.7.3.1': 'serverAuth',
	'1.3.6.1.5.5.7.3.2': 'clientAuth',
	'1.3.6.1.5.5.7.3.3': 'codeSigning',
	'1.3.6.1.5.5.7.3.4': 'emailProtection',
	'1.3.6.1.5.5.7.3.8': 'timeStamping',
	'1.3.6.1.5.5.7.3.9': 'OCSPSigning',
	'2.5.29.37.0': 'anyExtendedKeyUsage',
};

/** Named curves as node:crypto reports them → the name TLS people use, and the key size in bits. */
export const CURVES: Record<string, {name: string; bits: number}> = {
	prime256v1: {name: 'P-256', bits: 256},
	secp384r1: {name: 'P-384', bits: 384},
	secp521r1: {name: 'P-521', bits: 521},
	secp256k1: {name: 'secp256k1', bits: 256},
	secp224r1: {name: 'P-224', bits: 224},
};
