import { z } from 'zod';
import { CHECK_IDS, CHECKS, type CheckId, type CheckSections } from '../checks/registry.js';
import { RECORD_TYPES } from '../dns/recording-format.js';
import { FINDING_CODES } from '../findings/catalog.js';

const findingCodeSchema = z.enum(FINDING_CODES as [string, ...string[]]);

export const findingSchema = z.object({
  code: findingCodeSchema,
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
  checks: z.array(z.enum(CHECK_IDS as [CheckId, ...CheckId[]])).describe('The checks that ran; the sections of the others are null'),
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

/**
 * One report as JSON Schema (draft 2020-12), for `dmarc-audit schema`: an NDJSON line, or an item of
 * the JSON array. Forward compatible, as fields are only ever added: objects allow properties they do
 * not list (zod's input view leaves out additionalProperties: false), and finding codes are any code
 * of the catalog's form, as later versions add codes. Every listed field stays required with its type,
 * and every other enumeration (verdict, grade, status, policy, severity) stays closed.
 */
export function reportJsonSchema(): unknown {
  return z.toJSONSchema(auditReportSchema, {
    target: 'draft-2020-12',
    io: 'input',
    override: ({ zodSchema, jsonSchema }) => {
      if (zodSchema !== findingCodeSchema) return;
      delete jsonSchema.enum;
      Object.assign(jsonSchema, { pattern: '^[A-Z][A-Z0-9_]*$', description: `A finding code; today: ${FINDING_CODES.join(', ')}` });
    },
  });
}
