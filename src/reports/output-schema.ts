/**
 * The JSON contract of `dmarc-audit reports --format json`: the zod schema is the one source of the
 * output types and of the published JSON Schema (`dmarc-audit schema --reports`).
 */
import { z } from 'zod';

const count = z.number().int().nonnegative();
const share = z.number().min(0).max(1).describe('A fraction, 0–1');
const counts = z.record(z.string(), count);
const time = z.string().describe('ISO 8601, UTC');

const checkStatus = z.enum(['yes', 'no', 'unknown', 'not-checked']);

export const sourceSchema = z.object({
  ip: z.string(),
  ptr: z.object({
    status: z.enum(['confirmed', 'unconfirmed', 'none', 'error', 'not-checked']).describe('confirmed: a PTR name whose A/AAAA records include the IP (forward-confirmed)'),
    name: z.string().nullable(),
  }),
  service: z.string().describe('id of the service this source is grouped into (services[].id)'),
  classification: z.enum(['legitimate', 'forwarded', 'unidentified']),
  why: z.string().describe('What identified it, or why nothing did'),
  messages: count,
  dmarcPass: count,
  dkimAlignedPass: count,
  spfAlignedPass: count,
  /** Failing under enforcement: messages − dmarcPass. */
  failing: count,
  forwardedFailing: count.describe('Failing messages the receivers marked forwarded, mailing_list or trusted_forwarder'),
  blocking: count.describe('Failing legitimate messages enforcement would block'),
  dispositions: counts,
  reasons: counts,
  dkim: z.array(z.object({ domain: z.string(), selector: z.string(), result: z.string(), aligned: z.boolean(), messages: count })),
  spf: z.array(z.object({ domain: z.string(), scope: z.string(), result: z.string(), aligned: z.boolean(), messages: count })),
  envelopeFrom: z.array(z.string()),
  reporters: z.array(z.string()),
  live: z
    .object({
      spf: z.object({ domain: z.string(), result: z.string(), mechanism: z.string().nullable(), reason: z.string() }).nullable(),
      dkim: z.array(z.object({ domain: z.string(), selector: z.string(), status: z.enum(['published', 'missing', 'error']), detail: z.string() })),
    })
    .nullable()
    .describe("Today's DNS for a failing source: check_host() against the SPF domain, DKIM keys of the selectors seen; null when not checked"),
});

export const serviceSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(['catalog', 'own', 'ptr', 'address', 'unidentified']),
  docs: z.string().nullable(),
  legitimate: z.boolean(),
  messages: count,
  dmarcPass: count,
  failing: count,
  blocking: count,
  ips: z.array(z.string()),
});

export const blockerSchema = z.object({
  service: z.string(),
  name: z.string(),
  messages: count.describe('Messages enforcement would block'),
  share: share.describe('Of the mail from legitimate sources'),
  ips: z.array(z.string()),
  fix: z.string(),
  fixedNow: checkStatus.describe("yes: today's SPF authorizes every IP for the aligned MAIL FROM domain it used"),
  docs: z.string().nullable(),
});

export const policyStepSchema = z.object({
  action: z.enum(['collect-reports', 'fix-senders', 'np', 'quarantine', 'reject', 'sp', 'testing-off', 'done']),
  change: z.string().nullable().describe('The tag to set in the DMARC record, e.g. "p=quarantine"'),
  why: z.string(),
});

export const domainAnalysisSchema = z.object({
  domain: z.string(),
  verdict: z.enum(['ready', 'not-ready', 'no-data']),
  threshold: share,
  period: z.object({ begin: time, end: time }).nullable(),
  reports: count,
  reporters: z.array(z.string()),
  messages: count,
  dmarcPass: count,
  dmarcPassShare: share,
  dispositions: counts,
  overrideReasons: counts,
  legitimate: z.object({ messages: count, blocking: count, share }),
  spoofing: z.object({ messages: count, share: share.describe('Of all messages') }).describe('Failing mail from unidentified sources: what enforcement would stop'),
  forwarded: z.object({ messages: count }),
  policy: z.object({
    source: z.enum(['dns', 'reports']),
    p: z.string(),
    sp: z.string(),
    np: z.string(),
    testing: z.string(),
    record: z.string().nullable(),
    note: z.string().nullable(),
  }),
  nextStep: policyStepSchema,
  blockers: z.array(blockerSchema),
  services: z.array(serviceSchema),
  sources: z.array(sourceSchema),
});

export const tlsSummarySchema = z.object({
  policyDomain: z.string(),
  reports: count,
  reporters: z.array(z.string()),
  successfulSessions: count,
  failedSessions: count,
  failuresByResultType: counts,
  failuresByMx: counts,
});

export const reportsOutputSchema = z.object({
  version: z.literal(1),
  generatedAt: time,
  window: z.object({ since: time.nullable() }),
  inputs: z.object({
    reports: count.describe('Aggregate reports analysed (after duplicates)'),
    duplicates: count,
    outsideWindow: count,
    tlsReports: count,
    refused: z.array(z.object({ origin: z.string(), reason: z.string() })),
    warnings: z.array(z.object({ origin: z.string(), message: z.string() })),
  }),
  domains: z.array(domainAnalysisSchema),
  tls: z.array(tlsSummarySchema),
});

export type SourceAnalysis = z.infer<typeof sourceSchema>;
export type ServiceAnalysis = z.infer<typeof serviceSchema>;
export type Blocker = z.infer<typeof blockerSchema>;
export type PolicyStep = z.infer<typeof policyStepSchema>;
export type DomainAnalysis = z.infer<typeof domainAnalysisSchema>;
export type TlsSummary = z.infer<typeof tlsSummarySchema>;
export type ReportsOutput = z.infer<typeof reportsOutputSchema>;
export type CheckStatus = z.infer<typeof checkStatus>;

export function reportsJsonSchema(): unknown {
  return z.toJSONSchema(reportsOutputSchema, { target: 'draft-2020-12' });
}
