import { z } from 'zod';
import type { BimiResult } from './analyze.js';

const fetched = z.enum(['valid', 'invalid', 'error']).nullable();

export const bimiSectionSchema = z.object({
  status: z.enum(['valid', 'declined', 'missing', 'invalid', 'error']).describe('The assertion record; declined: an empty l= and no a=; error: the DNS lookup failed'),
  selector: z.string(),
  source: z.string().nullable().describe('Where the record was found (the domain, or its organizational domain)'),
  record: z.string().nullable(),
  logo: z.string().nullable().describe('l=: the SVG logo URL'),
  certificate: z.string().nullable().describe('a=: the PEM certificate URL'),
  dmarcReady: z.boolean().nullable().describe('DMARC enforces as BIMI requires (quarantine or reject, no sp=none, no pct below 100, no t=y); null when the DMARC lookup failed or there is no record'),
  logoStatus: fetched.describe('With --bimi-fetch: the logo is SVG Tiny PS (valid), is not (invalid), or could not be fetched (error); null when not fetched'),
  certificateStatus: fetched.describe('With --bimi-fetch: the certificate parses, is current, names the domain and has the logotype extension; its chain is not checked'),
});

export type BimiSection = z.infer<typeof bimiSectionSchema>;

export const bimiSection = ({ findings: _, ...section }: BimiResult): BimiSection => section;
