/**
 * The fields of an X.509 v3 certificate (RFC 5280 §4.1, §4.2) read from its DER, for what
 * node:crypto's X509Certificate does not give: basicConstraints with its path length,
 * keyUsage (node's `keyUsage` property is the *extended* key usage list), the signature
 * algorithm, the names as structures, the key identifiers. Pure: node:crypto only.
 */
import type {X509Certificate} from 'node:crypto';
import {
	bitStringBits,
	booleanValue,
	children,
	decodeOid,
	decodeString,
	decodeTime,
	DerError,
	expectUniversal,
	integerHex,
	integerValue,
	isContext,
	isUniversal,
	parseDer,
	type Tlv,
	UNIVERSAL,
} from './der.js';
import {CURVES, EXT_KEY_USAGES, EXTENSIONS, HASHES, KEY_USAGE_BITS, NAME_ATTRIBUTES, SIGNATURE_ALGORITHMS} from './oids.js';

export type NameAttribute = {oid: string; type: string; value: string};

export type DistinguishedName = {
	/** relative distinguished names in DER order, each a set of attributes */
	rdns: NameAttribute[][];
	/** `O=Synack Test PKI, CN=Example Root CA`: DER order, as `openssl x509 -subject` prints it */
	text: string;
	/** for comparing names the way RFC 5280 §7.1 / OpenSSL do: case and spaces folded in strings */
	canonical: string;
};

export type AltName = {type: 'DNS' | 'IP' | 'email' | 'URI' | 'dirName' | 'other'; value: string};

export type Extension = {oid: string; name: string; critical: boolean};

export type CertificateFields = {
	version: number;
	/** hex, upper case, as OpenSSL prints it */
	serialNumber: string;
	signatureAlgorithm: {oid: string; name: string; hash: string | null};
	issuer: DistinguishedName;
	subject: DistinguishedName;
	notBefore: Date;
	notAfter: Date;
	extensions: Extension[];
	/** null when the extension is absent (RFC 5280 §4.2.1.9) */
	basicConstraints: {critical: boolean; ca: boolean; pathLen: number | null} | null;
	/** null when the extension is absent (RFC 5280 §4.2.1.3) */
	keyUsage: {critical: boolean; usages: string[]} | null;
	extKeyUsage: string[] | null;
	subjectAltNames: AltName[] | null;
	subjectKeyId: string | null;
	authorityKeyId: string | null;
};

export type PublicKeyInfo = {type: string; bits: number | null; curve: string | null};

/** What a walk-through shows about one certificate. Dates are ISO 8601 in UTC. */
export type CertificateDetails = {
	subject: string;
	issuer: string;
	serialNumber: string;
	notBefore: string;
	notAfter: string;
	subjectAltNames: AltName[];
	/** basicConstraints cA; false when the extension is absent */
	ca: boolean;
	basicConstraints: CertificateFields['basicConstraints'];
	keyUsage: string[] | null;
	extKeyUsage: string[] | null;
	signatureAlgorithm: string;
	publicKey: PublicKeyInfo;
	subjectKeyId: string | null;
	authorityKeyId: string | null;
	selfIssued: boolean;
	fingerprint256: string;
};

/** A parsed certificate: node's object for the cryptography, our fields for the rest. */
export type Certificate = {x509: X509Certificate; fields: CertificateFields; details: CertificateDetails; der: Buffer};

/** ISO 8601 in UTC, without milliseconds when they are zero (certificate times have none). */
export const isoTime = (d: Date) => d.toISOString().replace('.000Z', 'Z');

const hexColons = (b: Uint8Array) => [...b].map((x) => x.toString(16).padStart(2, '0').toUpperCase()).join(':');

function readName(tlv: Tlv): DistinguishedName {
	expectUniversal(tlv, UNIVERSAL.SEQUENCE, 'Name (SEQUENCE)');
	const rdns = children(tlv).map((set) => {
		expectUniversal(set, UNIVERSAL.SET, 'RelativeDistinguishedName (SET)');
		return children(set).map((atv) => {
			const [type, value] = children(expectUniversal(atv, UNIVERSAL.SEQUENCE, 'AttributeTypeAndValue'));
			const oid = decodeOid(expectUniversal(type, UNIVERSAL.OID, 'attribute type').value);
			if (!value) throw new DerError('DER: attribute without a value');
			return {oid, type: NAME_ATTRIBUTES[oid] ?? oid, value: value.constructed ? `#${Buffer.from(value.bytes).toString('hex')}` : decodeString(value)};
		});
	});
	const text = rdns.map((rdn) => rdn.map((a) => `${a.type}=${a.value}`).join(' + ')).join(', ');
	// RFC 5280 §7.1 (RFC 4518 preparation, simplified as OpenSSL's x509_name_canon does it):
	// case folded, leading/trailing spaces removed, inner runs of spaces made one.
	const fold = (s: string) => s.trim().replace(/\s+/g, ' ').toLowerCase();
	const canonical = JSON.stringify(rdns.map((rdn) => rdn.map((a) => `${a.oid}=${fold(a.value)}`).sort()));
	return {rdns, text, canonical};
}

/** RFC 5952 text for an IPv6 address: lower case, the longest run of zero groups as ::. */
function ipText(bytes: Uint8Array): string {
	if (bytes.length === 4) return [...bytes].join('.');
	if (bytes.length !== 16) return `#${hexColons(bytes)}`;
	const groups: number[] = [];
	for (let i = 0; i < 16; i += 2) groups.push((bytes[i]! << 8) | bytes[i + 1]!);
	let best = -1;
	let bestLen = 0;
	for (let i = 0; i < 8; ) {
		if (groups[i] !== 0) {
			i++;
			continue;
		}
		let j = i;
		while (j < 8 && groups[j] === 0) j++;
		if (j - i > bestLen && j - i >= 2) {
			best = i;
			bestLen = j - i;
		}
		i = j;
	}
	const hex = groups.map((g) => g.toString(16));
	if (best < 0) return hex.join(':');
	return `${hex.slice(0, best).join(':')}::${hex.slice(best + bestLen).join(':')}`;
}

function readAltNames(value: Uint8Array): AltName[] {
	const seq = expectUniversal(parseDer(value), UNIVERSAL.SEQUENCE, 'GeneralNames');
	return children(seq).map((gn): AltName => {
		if (gn.cls !== 2) return {type: 'other', value: `#${Buffer.from(gn.bytes).toString('hex')}`};
		switch (gn.tag) {
			case 1:
				return {type: 'email', value: Buffer.from(gn.value).toString('latin1')};
			case 2:
				return {type: 'DNS', value: Buffer.from(gn.value).toString('latin1')};
			case 4: {
				const [inner] = children(gn);
				return {type: 'dirName', value: inner ? readName(inner).text : ''};
			}
			case 6:
				return {type: 'URI', value: Buffer.from(gn.value).toString('latin1')};
			case 7:
				return {type: 'IP', value: ipText(gn.value)};
			default:
				return {type: 'other', value: `[${gn.tag}]#${Buffer.from(gn.value).toString('hex')}`};
		}
	});
}

function readSignatureAlgorithm(tlv: Tlv): CertificateFields['signatureAlgorithm'] {
	const [oidTlv, params] = children(expectUniversal(tlv, UNIVERSAL.SEQUENCE, 'AlgorithmIdentifier'));
	const oid = decodeOid(expectUniversal(oidTlv, UNIVERSAL.OID, 'algorithm').value);
	const known = SIGNATURE_ALGORITHMS[oid];
	if (!known) return {oid, name: oid, hash: null};
	if (known.name === 'rsassaPss') {
		// RSASSA-PSS-params (RFC 4055 §3.1): hashAlgorithm [0] DEFAULT sha1
		let hash = 'SHA-1';
		const hashField = isUniversal(params, UNIVERSAL.SEQUENCE) ? children(params).find((c) => isContext(c, 0)) : undefined;
		if (hashField) {
			const [alg] = children(hashField);
			const [hashOid] = alg ? children(alg) : [];
			if (hashOid) {
				const h = decodeOid(hashOid.value);
				hash = HASHES[h] ?? h;
			}
		}
		return {oid, name: `rsassaPss (${hash})`, hash};
	}
	return {oid, ...known};
}

/** Parse a certificate's DER (RFC 5280 §4.1). Throws DerError when it is not one. */
export function parseCertificateDer(der: Uint8Array): CertificateFields {
	const cert = expectUniversal(parseDer(der), UNIVERSAL.SEQUENCE, 'Certificate (SEQUENCE)');
	const [tbs, outerAlg] = children(cert);
	const tbsItems = children(expectUniversal(tbs, UNIVERSAL.SEQUENCE, 'TBSCertificate (SEQUENCE)'));
	let i = 0;
	let version = 1;
	if (isContext(tbsItems[0], 0)) {
		const [v] = children(tbsItems[0]);
		version = Number(integerValue(expectUniversal(v, UNIVERSAL.INTEGER, 'version').value)) + 1;
		i++;
	}
	const serial = expectUniversal(tbsItems[i++], UNIVERSAL.INTEGER, 'serialNumber');
	i++; // TBSCertificate.signature: must equal the outer signatureAlgorithm (§4.1.1.2); node's verify checks it
	const issuer = readName(tbsItems[i++]!);
	const validity = children(expectUniversal(tbsItems[i++], UNIVERSAL.SEQUENCE, 'Validity'));
	const subject = readName(tbsItems[i++]!);
	expectUniversal(tbsItems[i++], UNIVERSAL.SEQUENCE, 'SubjectPublicKeyInfo');
	const [notBefore, notAfter] = validity;
	if (!notBefore || !notAfter) throw new DerError('DER: Validity needs notBefore and notAfter');

	const fields: CertificateFields = {
		version,
		serialNumber: integerHex(serial.value),
		signatureAlgorithm: readSignatureAlgorithm(outerAlg!),
		issuer,
		subject,
		notBefore: decodeTime(notBefore),
		notAfter: decodeTime(notAfter),
		extensions: [],
		basicConstraints: null,
		keyUsage: null,
		extKeyUsage: null,
		subjectAltNames: null,
		subjectKeyId: null,
		authorityKeyId: null,
	};

	const extWrapper = tbsItems.slice(i).find((t) => isContext(t, 3));
	const extList = extWrapper ? children(extWrapper)[0] : undefined;
	for (const ext of extList ? children(expectUniversal(extList, UNIVERSAL.SEQUENCE, 'Extensions')) : []) {
		const parts = children(expectUniversal(ext, UNIVERSAL.SEQUENCE, 'Extension'));
		const oid = decodeOid(expectUniversal(parts[0], UNIVERSAL.OID, 'extnID').value);
		const critical = isUniversal(parts[1], UNIVERSAL.BOOLEAN) ? booleanValue(parts[1].value) : false;
		const value = expectUniversal(parts.at(-1), UNIVERSAL.OCTET_STRING, 'extnValue').value;
		const name = EXTENSIONS[oid] ?? oid;
		fields.extensions.push({oid, name, critical});
		switch (name) {
			case 'basicConstraints': {
				const items = children(expectUniversal(parseDer(value), UNIVERSAL.SEQUENCE, 'BasicConstraints'));
				const ca = isUniversal(items[0], UNIVERSAL.BOOLEAN) ? booleanValue(items[0].value) : false;
				const len = items.find((t) => isUniversal(t, UNIVERSAL.INTEGER));
				fields.basicConstraints = {critical, ca, pathLen: len ? Number(integerValue(len.value)) : null};
				break;
			}
			case 'keyUsage': {
				const bits = bitStringBits(expectUniversal(parseDer(value), UNIVERSAL.BIT_STRING, 'KeyUsage').value);
				fields.keyUsage = {critical, usages: KEY_USAGE_BITS.filter((_, n) => bits[n] === true)};
				break;
			}
			case 'extKeyUsage':
				fields.extKeyUsage = children(parseDer(value)).map((o) => {
					const id = decodeOid(o.value);
					return EXT_KEY_USAGES[id] ?? id;
				});
				break;
			case 'subjectAltName':
				fields.subjectAltNames = readAltNames(value);
				break;
			case 'subjectKeyIdentifier':
				fields.subjectKeyId = hexColons(expectUniversal(parseDer(value), UNIVERSAL.OCTET_STRING, 'SubjectKeyIdentifier').value);
				break;
			case 'authorityKeyIdentifier': {
				const keyId = children(expectUniversal(parseDer(value), UNIVERSAL.SEQUENCE, 'AuthorityKeyIdentifier')).find((t) => isContext(t, 0));
				fields.authorityKeyId = keyId ? hexColons(keyId.value) : null;
				break;
			}
		}
	}
	return fields;
}

export function publicKeyInfo(x509: X509Certificate): PublicKeyInfo {
	const key = x509.publicKey;
	const type = key.asymmetricKeyType ?? 'unknown';
	const d = key.asymmetricKeyDetails ?? {};
	if (type === 'rsa' || type === 'rsa-pss' || type === 'dsa') return {type: type.toUpperCase(), bits: d.modulusLength ?? null, curve: null};
	if (type === 'ec') {
		const curve = d.namedCurve ? (CURVES[d.namedCurve] ?? {name: d.namedCurve, bits: null}) : null;
		return {type: 'EC', bits: curve?.bits ?? null, curve: curve?.name ?? null};
	}
	if (type === 'ed25519') return {type: 'Ed25519', bits: 256, curve: null};
	if (type === 'ed448') return {type: 'Ed448', bits: 456, curve: null};
	return {type, bits: null, curve: null};
}

/** Wrap node's X509Certificate with the fields read from its DER. Throws DerError if they cannot be read. */
export function certificateFrom(x509: X509Certificate): Certificate {
	const der = x509.raw;
	const fields = parseCertificateDer(der);
	const details: CertificateDetails = {
		subject: fields.subject.text,
		issuer: fields.issuer.text,
		serialNumber: fields.serialNumber,
		notBefore: isoTime(fields.notBefore),
		notAfter: isoTime(fields.notAfter),
		subjectAltNames: fields.subjectAltNames ?? [],
		ca: fields.basicConstraints?.ca === true,
		basicConstraints: fields.basicConstraints,
		keyUsage: fields.keyUsage?.usages ?? null,
		extKeyUsage: fields.extKeyUsage,
		signatureAlgorithm: fields.signatureAlgorithm.name,
		publicKey: publicKeyInfo(x509),
		subjectKeyId: fields.subjectKeyId,
		authorityKeyId: fields.authorityKeyId,
		selfIssued: fields.subject.canonical === fields.issuer.canonical,
		fingerprint256: x509.fingerprint256,
	};
	return {x509, fields, details, der};
}
