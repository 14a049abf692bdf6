/**
 * A DKIM key record (RFC 6376 §3.6.1), parsed and its public key decoded with node:crypto, so a key
 * that does not decode is known as such and an RSA key's strength is measured (RFC 8301 §3.2).
 */
import { createPublicKey, type KeyObject } from 'node:crypto';

export type KeyStatus = 'valid' | 'revoked' | 'invalid';

export interface DkimKey {
  /** valid: verifiers can use it; revoked: empty p= (§3.6.1); invalid: it does not parse or verifiers may not use it. */
  status: KeyStatus;
  /** k= (default rsa), as written when it is not one we know. */
  keyType: string | null;
  /** The RSA modulus length, or 256 for Ed25519 (RFC 8463); null when unknown. */
  keyBits: number | null;
  /** t=y: "This domain is testing DKIM" (§3.6.1). */
  testing: boolean;
  /** h= (acceptable hash algorithms); null when absent, which allows every one. */
  hashAlgorithms: string[] | null;
  /** Why an invalid key is invalid. */
  problem?: string;
}

/** A TXT record at a selector name is a key record if it starts with v=DKIM1 or carries p= (§3.6.1, §3.6.2.2). */
export function isKeyRecord(text: string): boolean {
  return /^[ \t]*v[ \t]*=[ \t]*DKIM1[ \t]*(;|$)/.test(text) || /(^|;)[ \t]*p[ \t]*=/.test(text);
}

/** DER of the largest RSA key worth decoding (32768 bits); larger is refused unread. */
const MAX_KEY_BYTES = 4200;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** RFC 6376 §3.2 tag list; null when a tag repeats ("the entire tag-list is invalid"). */
function tagList(text: string): Map<string, string> | null {
  const tags = new Map<string, string>();
  for (const spec of text.split(';')) {
    if (spec.trim() === '') continue;
    const equals = spec.indexOf('=');
    if (equals < 0) return null;
    const name = spec.slice(0, equals).trim();
    if (tags.has(name)) return null;
    tags.set(name, spec.slice(equals + 1).trim());
  }
  return tags;
}

const list = (value: string): string[] => value.split(':').map((item) => item.trim().toLowerCase()).filter((item) => item !== '');

function decode(keyType: string, der: Buffer): KeyObject {
  if (keyType === 'ed25519') {
    // RFC 8463 §4.2: p= is the raw 32-byte public key.
    if (der.length !== 32) throw new Error(`an Ed25519 key is 32 bytes, this one is ${der.length}`);
    return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: der.toString('base64url') }, format: 'jwk' });
  }
  // RFC 6376 §3.6.1 names RSAPublicKey; keys in the wild are mostly SubjectPublicKeyInfo: verifiers read both.
  try {
    return createPublicKey({ key: der, format: 'der', type: 'spki' });
  } catch {
    return createPublicKey({ key: der, format: 'der', type: 'pkcs1' });
  }
}

/** Parses one key record. Pure (node:crypto decodes in memory); never throws. */
export function parseKeyRecord(text: string): DkimKey {
  const key: DkimKey = { status: 'invalid', keyType: null, keyBits: null, testing: false, hashAlgorithms: null };
  const invalid = (problem: string): DkimKey => ({ ...key, status: 'invalid', problem });
  const tags = tagList(text);
  if (!tags) return invalid('a tag appears twice, or a part is not tag=value (RFC 6376 §3.2)');
  const version = tags.get('v');
  if (version !== undefined && (version !== 'DKIM1' || [...tags.keys()][0] !== 'v')) return invalid('v= must come first and be DKIM1');
  key.keyType = (tags.get('k') ?? 'rsa').toLowerCase();
  const flags = list(tags.get('t') ?? '');
  key.testing = flags.includes('y');
  const hashes = tags.get('h');
  if (hashes !== undefined) key.hashAlgorithms = list(hashes);
  const services = tags.get('s');
  // §3.6.1: "Verifiers for a given service type MUST ignore this record if the appropriate type is not listed."
  if (services !== undefined && !list(services).some((s) => s === '*' || s === 'email')) return invalid(`s=${services} does not list email`);
  if (key.keyType !== 'rsa' && key.keyType !== 'ed25519') return invalid(`k=${key.keyType} is not a key type verifiers know (rsa, ed25519)`);
  const p = tags.get('p');
  if (p === undefined) return invalid('no p= (the public key) tag');
  const base64 = p.replace(/[ \t\r\n]/g, '');
  if (base64 === '') return { ...key, status: 'revoked' };
  if (!BASE64.test(base64)) return invalid('p= is not base64');
  const der = Buffer.from(base64, 'base64');
  if (der.length > MAX_KEY_BYTES) return invalid(`p= holds ${der.length} bytes, more than any real key`);
  let decoded: KeyObject;
  try {
    decoded = decode(key.keyType, der);
  } catch (error) {
    return invalid(`p= does not decode as a ${key.keyType} public key (${(error as Error).message})`);
  }
  if (decoded.asymmetricKeyType !== key.keyType) return invalid(`p= holds a ${decoded.asymmetricKeyType ?? 'different'} key, not ${key.keyType}`);
  key.keyBits = key.keyType === 'ed25519' ? 256 : (decoded.asymmetricKeyDetails?.modulusLength ?? null);
  return { ...key, status: 'valid' };
}
