import { z } from 'zod';
import type { DaneResult } from './analyze.js';

export const daneSectionSchema = z.object({
  status: z.enum(['valid', 'partial', 'none', 'error']).describe('valid: every MX host has usable, DNSSEC-secure TLSA records; partial: some do; none: none does; error: a lookup failed'),
  mxSecure: z.boolean().nullable().describe('The resolver set AD on the MX answer'),
  hosts: z
    .array(
      z.object({
        host: z.string(),
        status: z.enum(['valid', 'insecure', 'unusable', 'none', 'error']).describe('insecure: TLSA without DNSSEC (ignored by senders); unusable: only records SMTP cannot use'),
        records: z.array(z.object({ usage: z.number().int(), selector: z.number().int(), matchingType: z.number().int(), certificate: z.string().describe('Hex') })),
      }),
    )
    .describe('Each MX host (at most 10) and its _25._tcp TLSA records'),
});

export type DaneSection = z.infer<typeof daneSectionSchema>;

export const daneSection = (r: DaneResult): DaneSection => ({ status: r.status, mxSecure: r.mxSecure, hosts: r.hosts });
