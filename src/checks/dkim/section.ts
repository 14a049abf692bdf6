import { z } from 'zod';
import type { DkimResult } from './probe.js';

export const dkimSectionSchema = z.object({
  status: z.enum(['found', 'not-found', 'error']).describe('found: a key verifiers accept; not-found: none under the selectors probed (not proof of absence); error: a probe failed'),
  selectors: z
    .array(
      z.object({
        selector: z.string(),
        status: z.enum(['valid', 'revoked', 'invalid']),
        keyType: z.string().nullable().describe('k=: rsa or ed25519'),
        keyBits: z.number().int().nullable().describe('RSA modulus length; 256 for Ed25519'),
        testing: z.boolean().describe('t=y'),
        hashAlgorithms: z.array(z.string()).nullable().describe('h=; null when absent (every algorithm)'),
        record: z.string(),
      }),
    )
    .describe('Each probed selector that answered with a key record'),
  probedSelectors: z.array(z.string()).describe('The selectors asked for'),
  probed: z.number().int().describe('DNS names asked (_domainkey and each selector)'),
});

export type DkimSection = z.infer<typeof dkimSectionSchema>;

export function dkimSection(d: DkimResult): DkimSection {
  return {
    status: d.status,
    selectors: d.selectors.map(({ selector, status, keyType, keyBits, testing, hashAlgorithms, record }) => ({ selector, status, keyType, keyBits, testing, hashAlgorithms, record })),
    probedSelectors: d.probedSelectors,
    probed: d.probed,
  };
}
