import { z } from 'zod';
import { RECORD_TYPES } from '../../dns/recording-format.js';
import type { DnssecResult } from './analyze.js';

export const dnssecSectionSchema = z.object({
  status: z.enum(['secure', 'insecure', 'partial', 'error']).describe('Whether the resolver set AD on every answer (secure), none (insecure), some (partial); error: a lookup failed. Only as trustworthy as the path to a validating resolver'),
  recordSets: z
    .array(
      z.object({
        of: z.string().describe('dmarc, spf, mx, mx-host, mta-sts, tls-rpt or tlsa'),
        name: z.string(),
        type: z.enum(RECORD_TYPES),
        status: z.enum(['secure', 'insecure', 'error']),
        scope: z.enum(['domain', 'mx']).describe("The domain's own names, or its MX hosts'"),
      }),
    )
    .describe('The answers the checks that ran rest on, each with its AD status'),
});

export type DnssecSection = z.infer<typeof dnssecSectionSchema>;

export const dnssecSection = (r: DnssecResult): DnssecSection => ({ status: r.status, recordSets: r.recordSets });
