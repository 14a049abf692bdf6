import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rsaModulusBits } from '../../src/checks/dkim/rsa-der.js';
import { runs } from './runs.js';

/** What node:crypto says of the same bytes, as key-record.ts asks it: SPKI, else PKCS#1. */
function opensslBits(der: Buffer): number | 'refused' | 'not rsa' {
  for (const type of ['spki', 'pkcs1'] as const) {
    try {
      const key = createPublicKey({ key: der, format: 'der', type });
      return key.asymmetricKeyType === 'rsa' ? (key.asymmetricKeyDetails?.modulusLength ?? 'refused') : 'not rsa';
    } catch {
      // try the other form
    }
  }
  return 'refused';
}

const KEYS = [1024, 2048, 1031].map((bits) => generateKeyPairSync('rsa', { modulusLength: bits }).publicKey);
const SPKI = KEYS.map((k) => k.export({ type: 'spki', format: 'der' }));
const PKCS1 = KEYS.map((k) => k.export({ type: 'pkcs1', format: 'der' }));

const length = (n: number): number[] => (n < 0x80 ? [n] : n < 0x100 ? [0x81, n] : [0x82, n >> 8, n & 0xff]);
const tlv = (tag: number, content: number[]): number[] => [tag, ...length(content.length), ...content];
const integer = (bytes: readonly number[]): number[] => tlv(0x02, (bytes[0] as number) >= 0x80 ? [0, ...bytes] : [...bytes]);

describe('rsaModulusBits: the DER reader agrees with node:crypto', () => {
  it('reads generated keys in both forms as node:crypto does', () => {
    for (const der of [...SPKI, ...PKCS1]) expect(rsaModulusBits(der)).toBe(opensslBits(der));
  });

  it('a key it reads, node:crypto reads with the same length: constructed moduli and exponents', () => {
    const modulus = fc.uint8Array({ minLength: 60, maxLength: 600 }).filter((m) => (m[0] ?? 0) !== 0);
    let read = 0;
    const exponent = fc.oneof(fc.constant([1, 0, 1]), fc.constant([3]), fc.uint8Array({ minLength: 1, maxLength: 9 }).map((e) => [...e]));
    fc.assert(
      fc.property(modulus, exponent, fc.boolean(), (n, e, spki) => {
        const body = tlv(0x30, [...integer([...n]), ...integer(e)]);
        const der = Buffer.from(spki ? tlv(0x30, [...tlv(0x30, [0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00]), ...tlv(0x03, [0, ...body])]) : body);
        const ours = rsaModulusBits(der);
        if (ours !== undefined) expect(ours).toBe(opensslBits(der));
        if (ours !== undefined) read++;
      }),
      { numRuns: runs(300) },
    );
    // Most constructed keys are canonical, so most must have been read, not handed on.
    expect(read).toBeGreaterThan(runs(300) / 3);
  });

  it('a damaged key it still reads, node:crypto reads with the same length: flipped bytes, cuts, additions', () => {
    fc.assert(
      fc.property(fc.constantFrom(...SPKI, ...PKCS1), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 4 }), fc.integer({ min: -3, max: 3 }), (key, flips, resize) => {
        const der = Buffer.from(key);
        for (const [at, value] of flips) der[at % der.length] = value;
        const damaged = resize < 0 ? der.subarray(0, der.length + resize) : Buffer.concat([der, Buffer.alloc(resize)]);
        const ours = rsaModulusBits(damaged);
        if (ours !== undefined) expect(ours).toBe(opensslBits(damaged));
      }),
      { numRuns: runs(500) },
    );
  });

  it('leaves other keys to node:crypto: Ed25519, EC, RSA-PSS, garbage', () => {
    const others = [
      generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'der' }),
      generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ type: 'spki', format: 'der' }),
      generateKeyPairSync('rsa-pss', { modulusLength: 1024 }).publicKey.export({ type: 'spki', format: 'der' }),
      Buffer.from('not a key'),
      Buffer.alloc(0),
    ];
    for (const der of others) expect(rsaModulusBits(der)).toBeUndefined();
  });
});
