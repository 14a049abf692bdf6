import { z } from 'zod';
import { FAILURE_STATUSES } from '../dns/types.js';
import { FINDING_CODES } from '../findings/catalog.js';

const policy = z.enum(['none', 'quarantine', 'reject']);
const status = z.enum(['valid', 'missing', 'invalid', 'error']);

const findingCodeSchema = z.enum(FINDING_CODES as [string, ...string[]]);

export const findingSchema = z.object({
  code: findingCodeSchema,
  severity: z.enum(['error', 'warning', 'info']),
  message: z.string(),
  fix: z.string(),
  ref: z.string().describe('The standard and section, e.g. "RFC 7208 §4.6.4"'),
});

const spfTermSchema = z.object({
  term: z.string(),
  lookups: z.number().int(),
  cumulativeLookups: z.number().int(),
  void: z.boolean(),
  error: z.string().optional(),
  note: z.string().optional(),
  get child() {
    return spfNodeSchema.optional();
  },
});

const spfNodeSchema: z.ZodType<SpfTree> = z.object({
  domain: z.string(),
  record: z.string().nullable(),
  get terms() {
    return z.array(spfTermSchema);
  },
});

interface SpfTree {
  domain: string;
  record: string | null;
  terms: {
    term: string;
    lookups: number;
    cumulativeLookups: number;
    void: boolean;
    error?: string | undefined;
    note?: string | undefined;
    child?: SpfTree | undefined;
  }[];
}

export const auditReportSchema = z.object({
  domain: z.string().describe('Normalized: lower case, no trailing dot, IDN as A-labels'),
  verdict: z.enum(['enforcing', 'monitoring', 'unprotected', 'error']),
  grade: z.enum(['A', 'B', 'C', 'D', 'F']),
  dmarc: z.object({
    status,
    record: z.string().nullable(),
    source: z.string().nullable().describe('DNS name the record came from'),
    inherited: z.boolean().describe('True when the record was found at a parent'),
    organizationalDomain: z.string().nullable(),
    policy: policy.nullable().describe('The record\'s p'),
    appliedTag: z.enum(['p', 'sp', 'np']).nullable(),
    effectivePolicy: policy.nullable().describe('What receivers apply after sp/np, t=y and legacy pct=0'),
    enforcing: z.boolean(),
    walk: z.array(
      z.object({
        name: z.string().describe('The name queried, e.g. _dmarc.example.com'),
        domain: z.string().describe('The domain the name belongs to (name without "_dmarc.")'),
        outcome: z.enum(['record', 'none', 'multiple', 'error']),
        record: z.string().optional().describe('outcome "record": the DMARC record'),
        count: z.number().int().optional().describe('outcome "multiple": how many DMARC records the name holds'),
        status: z.enum(FAILURE_STATUSES).optional().describe('outcome "error": how the query failed'),
        detail: z.string().optional().describe('outcome "error": what happened, in words'),
      }),
    ),
  }),
  spf: z.object({
    status,
    record: z.string().nullable(),
    dnsLookups: z.number().int(),
    voidLookups: z.number().int(),
    all: z.enum(['-all', '~all', '?all', '+all']).nullable(),
    truncated: z.boolean().describe('A safety cap stopped the walk: dnsLookups and voidLookups are lower bounds'),
    tree: spfNodeSchema.nullable(),
  }),
  findings: z.array(findingSchema),
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
