/**
 * The JSON contract of `dmarc-audit reports --format json`: the zod schema is the one source of the
 * output types and of the published JSON Schema (`dmarc-audit schema --reports`). The analysis hands
 * out the coded form (`Coded*`: advice as { code, args }); src/reports/word.ts adds the words beside
 * each code at output time (`ReportsOutput`), from the one catalog.
 */
import { z } from 'zod';
import { REPORTS_CODES } from './catalog.js';

const count = z.number().int().nonnegative();
const share = z.number().min(0).max(1).describe('A fraction, 0–1');
const counts = z.record(z.string(), count);
const time = z.string().describe('ISO 8601, UTC');

const checkStatus = z.enum(['yes', 'no', 'unknown', 'not-checked']);

const codeSchema = z.string();
/** The code behind a worded field and its facts: `fix` has `fixCode`, `why` has `whyCode`, and so on. */
const coded = z
  .object({ code: codeSchema, args: z.record(z.string(), z.union([z.string(), z.number()])) })
  .describe('The catalog code the words beside it come from, and its facts (README "Reports codes")');

const liveDkimCoded = z.object({
  domain: z.string(),
  selector: z.string(),
  status: z.enum(['published', 'missing', 'error']).describe('published: a key verifiers accept (key: usable); missing: none they accept; error: the lookup failed'),
  key: z
    .enum(['usable', 'weak', 'revoked', 'invalid', 'missing', 'error'])
    .describe("Today's key as the DKIM check judges it; weak: valid but refused by verifiers (RSA under 1024 bits, or SHA-1 only)"),
  detailCode: coded,
});
const liveDkim = liveDkimCoded.extend({ detail: z.string() });
const liveSpf = z.object({ domain: z.string(), result: z.string(), mechanism: z.string().nullable(), reason: z.string() }).nullable();
const LIVE = "Today's DNS for a failing source: check_host() against the SPF domain, DKIM keys of the selectors seen; null when not checked";

const sourceCoded = z.object({
  ip: z.string(),
  ptr: z.object({
    status: z.enum(['confirmed', 'unconfirmed', 'none', 'error', 'not-checked']).describe('confirmed: a PTR name whose A/AAAA records include the IP (forward-confirmed)'),
    name: z.string().nullable(),
  }),
  service: z.string().describe('id of the service this source is grouped into (services[].id)'),
  classification: z.enum(['legitimate', 'forwarded', 'unidentified']),
  whyCode: coded,
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
  live: z.object({ spf: liveSpf, dkim: z.array(liveDkimCoded) }).nullable().describe(LIVE),
});
export const sourceSchema = sourceCoded.extend({
  why: z.string().describe('What identified it, or why nothing did'),
  live: z.object({ spf: liveSpf, dkim: z.array(liveDkim) }).nullable().describe(LIVE),
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

const blockerCoded = z.object({
  service: z.string(),
  name: z.string(),
  messages: count.describe('Messages enforcement would block'),
  share: share.describe('Of the mail from legitimate sources'),
  ips: z.array(z.string()),
  fixCode: coded,
  fixedNow: checkStatus.describe("yes: today's SPF authorizes every IP for the aligned MAIL FROM domain it used"),
  docs: z.string().nullable(),
});
export const blockerSchema = blockerCoded.extend({ fix: z.string() });

const policyStepCoded = z.object({
  action: z.enum(['collect-reports', 'fix-senders', 'np', 'quarantine', 'reject', 'sp', 'testing-off', 'done']),
  change: z.string().nullable().describe('The tag to set in the DMARC record, e.g. "p=quarantine"'),
  whyCode: coded,
});
export const policyStepSchema = policyStepCoded.extend({ why: z.string() });

const policyCoded = z.object({
  source: z.enum(['dns', 'reports']),
  p: z.string(),
  sp: z.string(),
  np: z.string(),
  testing: z.string(),
  record: z.string().nullable(),
  noteCode: coded.nullable(),
});
const policySchema = policyCoded.extend({ note: z.string().nullable() });

const domainCoded = z.object({
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
  policy: policyCoded,
  nextStep: policyStepCoded,
  blockers: z.array(blockerCoded),
  services: z.array(serviceSchema),
  sources: z.array(sourceCoded),
});
export const domainAnalysisSchema = domainCoded.extend({
  policy: policySchema,
  nextStep: policyStepSchema,
  blockers: z.array(blockerSchema),
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

const reportsCoded = z.object({
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
  domains: z.array(domainCoded),
  tls: z.array(tlsSummarySchema),
});
export const reportsOutputSchema = reportsCoded.extend({ domains: z.array(domainAnalysisSchema) });

export type Coded = z.infer<typeof coded>;
export type CodedLiveDkim = z.infer<typeof liveDkimCoded>;
export type CodedSource = z.infer<typeof sourceCoded>;
export type CodedBlocker = z.infer<typeof blockerCoded>;
export type CodedPolicyStep = z.infer<typeof policyStepCoded>;
export type CodedPolicy = z.infer<typeof policyCoded>;
export type CodedDomain = z.infer<typeof domainCoded>;
export type CodedReports = z.infer<typeof reportsCoded>;
export type SourceAnalysis = z.infer<typeof sourceSchema>;
export type ServiceAnalysis = z.infer<typeof serviceSchema>;
export type Blocker = z.infer<typeof blockerSchema>;
export type PolicyStep = z.infer<typeof policyStepSchema>;
export type DomainAnalysis = z.infer<typeof domainAnalysisSchema>;
export type TlsSummary = z.infer<typeof tlsSummarySchema>;
export type ReportsOutput = z.infer<typeof reportsOutputSchema>;
export type CheckStatus = z.infer<typeof checkStatus>;

/**
 * The contract as JSON Schema (draft 2020-12). Forward compatible as the audit's report schema is
 * (src/report/schema.ts): objects allow properties they do not list, since fields are only ever added,
 * and a code is any code of the catalog's form, as codes are added; every other enumeration is closed.
 */
export function reportsJsonSchema(): unknown {
  return z.toJSONSchema(reportsOutputSchema, {
    target: 'draft-2020-12',
    io: 'input',
    override: ({ zodSchema, jsonSchema }) => {
      if (zodSchema !== codeSchema) return;
      Object.assign(jsonSchema, { pattern: '^[A-Z][A-Z0-9_]*$', description: `A catalog code; today: ${[...REPORTS_CODES, 'DNS_ERROR'].join(', ')}` });
    },
  });
}
