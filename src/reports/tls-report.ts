/** SMTP TLS reports (RFC 8460 §4): JSON, checked against the fields the summary uses. */
import { z } from 'zod';
import { ReportRefused } from './aggregate-xml.js';
import type { TlsReport } from './types.js';

const count = z.number().int().nonnegative();
const text = z.string().max(1024);

// RFC 8460 §4.4; passthrough fields (policy-string, additional-information…) are not kept.
const tlsReportSchema = z.object({
  'organization-name': text,
  'date-range': z.object({ 'start-datetime': text, 'end-datetime': text }),
  'report-id': text.min(1),
  policies: z
    .array(
      z.object({
        policy: z.object({
          'policy-type': text,
          'policy-domain': text,
          'mx-host': z.union([text, z.array(text)]).optional(),
        }),
        summary: z.object({ 'total-successful-session-count': count, 'total-failure-session-count': count }),
        'failure-details': z
          .array(z.object({ 'result-type': text, 'receiving-mx-hostname': text.optional(), 'failed-session-count': count }))
          .optional(),
      }),
    )
    .max(10_000),
});

export function parseTlsReport(json: string): TlsReport {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    throw new ReportRefused(`malformed JSON: ${(error as Error).message}`);
  }
  const parsed = tlsReportSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ReportRefused(`not an SMTP TLS report (RFC 8460): ${issue.path.join('.') || 'the document'}: ${issue.message}`);
  }
  const r = parsed.data;
  return {
    orgName: r['organization-name'],
    reportId: r['report-id'],
    start: r['date-range']['start-datetime'],
    end: r['date-range']['end-datetime'],
    policies: r.policies.map((p) => ({
      policyType: p.policy['policy-type'],
      policyDomain: p.policy['policy-domain'].toLowerCase(),
      mxHosts: [p.policy['mx-host'] ?? []].flat(),
      successfulSessions: p.summary['total-successful-session-count'],
      failedSessions: p.summary['total-failure-session-count'],
      failures: (p['failure-details'] ?? []).map((f) => ({
        resultType: f['result-type'],
        receivingMx: (f['receiving-mx-hostname'] ?? '').toLowerCase(),
        sessions: f['failed-session-count'],
      })),
    })),
  };
}
