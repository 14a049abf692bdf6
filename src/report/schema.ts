import { z } from 'zod';
import { CHECKS, type CheckSections } from '../checks/registry.js';
import { RECORD_TYPES } from '../dns/recording-format.js';
import { FINDING_CODES } from '../findings/catalog.js';

export const findingSchema = z.object({
  code: z.enum(FINDING_CODES as [string, ...string[]]),
  severity: z.enum(['error', 'warning', 'info']),
  message: z.string(),
  fix: z.string(),
  ref: z.string().describe('The standard and section, e.g. "RFC 7208 §4.6.4"'),
});

/** Each check's section, under its id, in registry order; null when the check did not run. */
const sections = Object.fromEntries(CHECKS.map((check) => [check.id, check.section.schema.nullable()])) as unknown as {
  [Id in keyof CheckSections]: z.ZodNullable<z.ZodType<CheckSections[Id]>>;
};

export const auditReportSchema = z.object({
  domain: z.string().describe('Normalized: lower case, no trailing dot, IDN as A-labels'),
  verdict: z.enum(['enforcing', 'monitoring', 'unprotected', 'error']),
  grade: z.enum(['A', 'B', 'C', 'D', 'F']),
  ...sections,
  findings: z.array(findingSchema),
  evidence: z
    .object({
      questions: z.array(z.object({ name: z.string(), type: z.enum(RECORD_TYPES), zone: z.string().optional().describe('The --zone file that answered') })),
      sha256: z.string().optional().describe('--evidence: SHA-256 of the answers as DNS recording lines, in the order of questions'),
    })
    .optional()
    .describe('With --zone or --evidence: the DNS questions this report rests on'),
});

export type AuditReport = z.infer<typeof auditReportSchema>;
export type Verdict = AuditReport['verdict'];
export type Grade = AuditReport['grade'];

/** One report as JSON Schema (draft 2020-12), for `dmarc-audit schema`: an NDJSON line, or an item of the JSON array. */
export function reportJsonSchema(): unknown {
  return z.toJSONSchema(auditReportSchema, { target: 'draft-2020-12' });
}
