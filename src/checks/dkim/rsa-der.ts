/**
 * The modulus length of an RSA public key, read from its DER without node:crypto. Decoding a key with
 * createPublicKey costs about half a millisecond (OpenSSL's decoder framework), more than the rest of a
 * domain's audit; a batch meets thousands of keys. Only the two canonical forms are read here —
 * SubjectPublicKeyInfo with rsaEncryption and NULL parameters (RFC 5280 §4.1, RFC 3279 §2.3.1) and a
 * bare RSAPublicKey (RFC 8017 §A.1.1) — in strict DER (minimal lengths and integers, nothing left over).
 * Anything else gives undefined and the caller asks node:crypto, whose verdict stands: this reader may
 * refuse a key OpenSSL takes, never the reverse (test/properties/rsa-der.property.test.ts checks it against node:crypto).
 */

/** 1.2.840.113549.1.1.1 rsaEncryption, then NULL parameters. */
const RSA_ALGORITHM = [0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00];

/** Moduli outside this range are left to node:crypto. */
const MIN_BITS = 512;
const MAX_BITS = 16384;

interface Element {
  /** Offset of the content. */
  start: number;
  /** Offset just past the content. */
  end: number;
}

/** The element of `tag` at `at` (within `limit`), with a minimal DER length; undefined otherwise. */
function element(der: Uint8Array, at: number, limit: number, tag: number): Element | undefined {
  if (at + 2 > limit || der[at] !== tag) return undefined;
  const first = der[at + 1] as number;
  let start = at + 2;
  let length = first;
  if (first >= 0x80) {
    const bytes = first & 0x7f;
    if (bytes === 0 || bytes > 2 || start + bytes > limit) return undefined;
    length = 0;
    for (let i = 0; i < bytes; i++) length = length * 256 + (der[start + i] as number);
    start += bytes;
    if (length < 0x80 || (bytes === 2 && length < 0x100)) return undefined;
  }
  const end = start + length;
  return end <= limit ? { start, end } : undefined;
}

/** A positive INTEGER's content in minimal form: the index of its first significant byte, or undefined. */
function positiveInteger(der: Uint8Array, int: Element): number | undefined {
  const length = int.end - int.start;
  if (length === 0) return undefined;
  const first = der[int.start] as number;
  if (first >= 0x80) return undefined;
  if (first !== 0) return int.start;
  // A leading zero is allowed only to keep the next byte's high bit from reading as a sign.
  return length > 1 && (der[int.start + 1] as number) >= 0x80 ? int.start + 1 : undefined;
}

/** RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER } filling [at, limit) exactly. */
function rsaPublicKey(der: Uint8Array, at: number, limit: number): number | undefined {
  const sequence = element(der, at, limit, 0x30);
  if (!sequence || sequence.end !== limit) return undefined;
  const modulus = element(der, sequence.start, sequence.end, 0x02);
  if (!modulus) return undefined;
  const exponent = element(der, modulus.end, sequence.end, 0x02);
  if (!exponent || exponent.end !== sequence.end) return undefined;
  const n = positiveInteger(der, modulus);
  const e = positiveInteger(der, exponent);
  // An odd exponent of at least 3 in at most 8 bytes, as every real key has.
  if (n === undefined || e === undefined || exponent.end - e > 8 || ((der[exponent.end - 1] as number) & 1) === 0) return undefined;
  if (exponent.end - e === 1 && (der[e] as number) < 3) return undefined;
  const bits = (modulus.end - n - 1) * 8 + (32 - Math.clz32(der[n] as number));
  return bits >= MIN_BITS && bits <= MAX_BITS ? bits : undefined;
}

export function rsaModulusBits(der: Uint8Array): number | undefined {
  if (der[0] !== 0x30) return undefined;
  const outer = element(der, 0, der.length, 0x30);
  if (!outer || outer.end !== der.length) return undefined;
  const algorithm = element(der, outer.start, outer.end, 0x30);
  if (!algorithm) return rsaPublicKey(der, 0, der.length);
  if (algorithm.end - algorithm.start !== RSA_ALGORITHM.length) return undefined;
  for (let i = 0; i < RSA_ALGORITHM.length; i++) if (der[algorithm.start + i] !== RSA_ALGORITHM[i]) return undefined;
  const bitString = element(der, algorithm.end, outer.end, 0x03);
  if (!bitString || bitString.end !== outer.end || bitString.end - bitString.start < 2 || der[bitString.start] !== 0) return undefined;
  return rsaPublicKey(der, bitString.start + 1, bitString.end);
}
