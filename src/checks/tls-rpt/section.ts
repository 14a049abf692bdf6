import { z } from 'zod';
import type { TlsRptResult } from './analyze.js';

export const tlsRptSectionSchema = z.object({
  status: z.enum(['valid', 'missing', 'invalid', 'error']).describe('valid: a record with at least one usable rua; error: the DNS lookup failed'),
  record: z.string().nullable().describe('The _smtp._tls TXT record'),
  rua: z.array(z.string()).describe('The usable report destinations (mailto: and https: URIs)'),
});

export type TlsRptSection = z.infer<typeof tlsRptSectionSchema>;

export const tlsRptSection = (r: TlsRptResult): TlsRptSection => ({ status: r.status, record: r.record, rua: r.rua });
