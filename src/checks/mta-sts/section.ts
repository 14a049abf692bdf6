import { z } from 'zod';
import type { MtaStsResult } from './analyze.js';
import { STS_MODES } from './parse.js';

export const mtaStsSectionSchema = z.object({
  status: z
    .enum(['enforce', 'testing', 'none', 'missing', 'invalid', 'error'])
    .describe('The policy mode; missing: no _mta-sts record; invalid: senders can use no policy (record, policy host, HTTPS, syntax); error: a DNS or HTTPS failure, so unknown'),
  record: z.string().nullable().describe('The _mta-sts TXT record'),
  id: z.string().nullable(),
  policy: z
    .object({ version: z.string(), mode: z.enum(STS_MODES), mx: z.array(z.string()), maxAge: z.number().int() })
    .nullable()
    .describe('The policy fetched from https://mta-sts.<domain>/.well-known/mta-sts.txt'),
  mxCovered: z.array(z.object({ host: z.string(), covered: z.boolean() })).nullable().describe('Whether each MX host matches an mx pattern; null without a policy'),
});

export type MtaStsSection = z.infer<typeof mtaStsSectionSchema>;

export const mtaStsSection = (r: MtaStsResult): MtaStsSection => ({ status: r.status, record: r.record, id: r.id, policy: r.policy, mxCovered: r.mxCovered });
