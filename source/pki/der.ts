/**
 * A small DER reader (ITU-T X.690 §8, §10): enough of ASN.1 to read an X.509 certificate's
 * fields that node:crypto does not expose (basicConstraints, keyUsage, the signature
 * algorithm, the raw names used for issuer matching). Pure: no I/O.
 */

export class DerError extends Error {}

export type Tlv = {
	/** tag class: 0 universal, 1 application, 2 context-specific, 3 private */
	cls: number;
	constructed: boolean;
	/** tag number within its class */
	tag: number;
	/** the whole element, header included (what a byte-for-byte comparison needs) */
	bytes: Uint8Array;
	/** the contents octets */
	value: Uint8Array;
};

export const UNIVERSAL = {
	BOOLEAN: 1,
	INTEGER: 2,
	BIT_STRING: 3,
	OCTET_STRING: 4,
	NULL: 5,
	OID: 6,
	UTF8String: 12,
	SEQUENCE: 16,
	SET: 17,
	NumericString: 18,
	PrintableString: 19,
	TeletexString: 20,
	IA5String: 22,
	UTCTime: 23,
	GeneralizedTime: 24,
	VisibleString: 26,
	UniversalString: 28,
	BMPString: 30,
} as const;

/** Read one element starting at `offset`; `end` is where the enclosing contents stop. */
export function readTlv(buf: Uint8Array, offset = 0, end = buf.length): Tlv & {next: number} {
	let p = offset;
	if (p >= end) throw new DerError(`DER: element expected at offset ${offset}, got the end of the data`);
	const first = buf[p++]!;
	const cls = first >> 6;
	const constructed = (first & 0x20) !== 0;
	let tag = first & 0x1f;
	if (tag === 0x1f) {
		tag = 0;
		let b: number;
		do {
			if (p >= end) throw new DerError(`DER: truncated tag at offset ${offset}`);
			b = buf[p++]!;
			tag = tag * 128 + (b & 0x7f);
		} while (b & 0x80);
	}
	if (p >= end) throw new DerError(`DER: truncated length at offset ${offset}`);
	let length = buf[p++]!;
	if (length === 0x80) throw new DerError(`DER: indefinite length at offset ${offset} (BER, not DER)`);
	if (length > 0x80) {
		const n = length & 0x7f;
		if (n > 4) throw new DerError(`DER: length of ${n} bytes at offset ${offset} is too large`);
		length = 0;
		for (let i = 0; i < n; i++) {
			if (p >= end) throw new DerError(`DER: truncated length at offset ${offset}`);
			length = length * 256 + buf[p++]!;
		}
	}
	const next = p + length;
	if (next > end) throw new DerError(`DER: element at offset ${offset} claims ${length} bytes, only ${end - p} left`);
	return {cls, constructed, tag, bytes: buf.subarray(offset, next), value: buf.subarray(p, next), next};
}

/** The elements inside a constructed element, in order. */
export function children(tlv: Tlv): Tlv[] {
	if (!tlv.constructed) throw new DerError('DER: a primitive element has no children');
	const out: Tlv[] = [];
	let p = 0;
	while (p < tlv.value.length) {
		const child = readTlv(tlv.value, p);
		out.push(child);
		p = child.next;
	}
	return out;
}

/** Parse a whole buffer that must hold exactly one element. */
export function parseDer(buf: Uint8Array): Tlv {
	const tlv = readTlv(buf, 0);
	if (tlv.next !== buf.length) throw new DerError(`DER: ${buf.length - tlv.next} bytes after the end of the element`);
	return tlv;
}

export function isUniversal(tlv: Tlv | undefined, tag: number): tlv is Tlv {
	return tlv !== undefined && tlv.cls === 0 && tlv.tag === tag;
}

export function isContext(tlv: Tlv | undefined, tag: number): tlv is Tlv {
	return tlv !== undefined && tlv.cls === 2 && tlv.tag === tag;
}

export function expectUniversal(tlv: Tlv | undefined, tag: number, what: string): Tlv {
	if (!isUniversal(tlv, tag)) throw new DerError(`DER: ${what} expected`);
	return tlv;
}

/** OBJECT IDENTIFIER contents → dotted text (X.690 §8.19). */
export function decodeOid(value: Uint8Array): string {
	if (value.length === 0) throw new DerError('DER: empty OBJECT IDENTIFIER');
	const arcs: bigint[] = [];
	let acc = 0n;
	for (const b of value) {
		acc = (acc << 7n) | BigInt(b & 0x7f);
		if ((b & 0x80) === 0) {
			arcs.push(acc);
			acc = 0n;
		}
	}
	if ((value[value.length - 1]! & 0x80) !== 0) throw new DerError('DER: truncated OBJECT IDENTIFIER');
	const head = arcs[0]!;
	const first = head < 40n ? 0n : head < 80n ? 1n : 2n;
	return [first, head - first * 40n, ...arcs.slice(1)].join('.');
}

/** INTEGER contents → unsigned hex as OpenSSL prints serial numbers (upper case, even length). */
export function integerHex(value: Uint8Array): string {
	let hex = Buffer.from(value).toString('hex').toUpperCase();
	while (hex.length > 2 && hex.startsWith('00')) hex = hex.slice(2);
	return hex;
}

export function integerValue(value: Uint8Array): bigint {
	if (value.length === 0) return 0n;
	let n = 0n;
	for (const b of value) n = (n << 8n) | BigInt(b);
	if (value[0]! & 0x80) n -= 1n << BigInt(value.length * 8);
	return n;
}

export function booleanValue(value: Uint8Array): boolean {
	if (value.length !== 1) throw new DerError('DER: BOOLEAN of the wrong length');
	return value[0] !== 0;
}

/** A character string's text (UTF8String, PrintableString, IA5String, BMPString, ...). */
export function decodeString(tlv: Tlv): string {
	const v = Buffer.from(tlv.value);
	switch (tlv.tag) {
		case UNIVERSAL.UTF8String:
			return v.toString('utf8');
		case UNIVERSAL.BMPString: {
			let s = '';
			for (let i = 0; i + 1 < v.length; i += 2) s += String.fromCharCode(v.readUInt16BE(i));
			return s;
		}
		case UNIVERSAL.UniversalString: {
			let s = '';
			for (let i = 0; i + 3 < v.length; i += 4) s += String.fromCodePoint(v.readUInt32BE(i));
			return s;
		}
		case UNIVERSAL.TeletexString:
			return v.toString('latin1');
		default:
			return v.toString('latin1');
	}
}

/** UTCTime / GeneralizedTime (RFC 5280 §4.1.2.5: always in Z, seconds present). */
export function decodeTime(tlv: Tlv): Date {
	const text = Buffer.from(tlv.value).toString('latin1');
	let m: RegExpMatchArray | null;
	let year: number;
	if (tlv.tag === UNIVERSAL.UTCTime && (m = text.match(/^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/))) {
		const yy = Number(m[1]);
		year = yy >= 50 ? 1900 + yy : 2000 + yy; // RFC 5280 §4.1.2.5.1
	} else if (tlv.tag === UNIVERSAL.GeneralizedTime && (m = text.match(/^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/))) {
		year = Number(m[1]);
	} else {
		throw new DerError(`DER: '${text}' is not a UTCTime or GeneralizedTime as RFC 5280 §4.1.2.5 allows`);
	}
	const [, , mo, d, h, mi, s] = m.map(Number) as number[];
	return new Date(Date.UTC(year, mo! - 1, d, h, mi, s));
}

/** BIT STRING contents → the bits, first bit = bit 0 (X.690 §8.6). */
export function bitStringBits(value: Uint8Array): boolean[] {
	if (value.length === 0) throw new DerError('DER: empty BIT STRING');
	const unused = value[0]!;
	const bits: boolean[] = [];
	for (let i = 1; i < value.length; i++) {
		for (let b = 7; b >= 0; b--) bits.push(((value[i]! >> b) & 1) === 1);
	}
	return bits.slice(0, bits.length - unused);
}
