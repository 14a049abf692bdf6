import { z } from 'zod';
import type { MxResult } from './analyze.js';

export const mxSectionSchema = z.object({
  status: z.enum(['ok', 'null', 'none', 'error']).describe('ok: mail servers; null: only the null MX "0 ." (no mail); none: no MX (mail goes to A/AAAA); error: DNS failed'),
  hosts: z.array(z.object({ preference: z.number().int(), exchange: z.string().describe('The host; "." is the null MX') })).describe('By preference'),
  targets: z
    .array(z.object({ exchange: z.string(), status: z.enum(['ok', 'ip-literal', 'no-address', 'error']) }))
    .nullable()
    .describe('Whether each host has an A or AAAA record; null when not looked up (--mx-targets; the gate always looks)'),
});

export type MxSection = z.infer<typeof mxSectionSchema>;

export const mxSection = (mx: MxResult): MxSection => ({ status: mx.status, hosts: mx.hosts, targets: mx.targets });
