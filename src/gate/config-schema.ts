import { z } from 'zod';
import { FINDING_CODES } from '../findings/catalog.js';

import { PROFILE_NAMES } from './names.js';

export { PROFILE_NAMES, type ProfileName } from './names.js';

const POLICY_LEVELS = ['none', 'quarantine', 'reject'] as const;
const SPF_ALL = ['-all', '~all', '?all', '+all'] as const;

/**
 * A strict object whose unknown-key error lists the keys it does allow: a typo in a CI policy must
 * stop the pipeline with a message that says what was meant, not silently weaken the policy.
 */
function strictObject<Shape extends z.ZodRawShape>(shape: Shape) {
  const allowed = Object.keys(shape).join(', ');
  return z.strictObject(shape, {
    error: (issue) => (issue.code === 'unrecognized_keys' ? `unknown key — allowed: ${allowed}` : undefined),
  });
}

// Every rule may be null: a config (or an override) switches off a rule its profile sets.
const off = <T extends z.ZodType>(schema: T) => schema.nullable().optional();

export const rulesSchema = strictObject({
  minPolicy: off(z.enum(POLICY_LEVELS)).describe(
    'Lowest effective DMARC policy allowed: what receivers apply to this domain after sp/np, t=y and legacy pct=0. "none" still requires a usable record.',
  ),
  minSubdomainPolicy: off(z.enum(POLICY_LEVELS)).describe('Lowest sp allowed (p when the record has no sp).'),
  minNonexistentPolicy: off(z.enum(POLICY_LEVELS)).describe('Lowest np allowed (sp, then p, when the record has no np).'),
  forbidTestingMode: off(z.boolean()).describe('Fail a record with t=y.'),
  forbidPartialPct: off(z.boolean()).describe('Fail a record with the legacy pct below 100.'),
  requireRua: off(z.boolean()).describe('Require at least one aggregate report address (rua).'),
  requiredRua: off(z.array(z.string().regex(/^mailto:[^@\s]+@[^@\s]+$/i, 'expected a mailto: URI')).min(1)).describe(
    'rua URIs the record must include, e.g. "mailto:reports@dmarc.cyber.dhs.gov" (compared case-insensitively).',
  ),
  requireSpf: off(z.boolean()).describe('Require one valid SPF record.'),
  allowedSpfAll: off(z.array(z.enum(SPF_ALL)).min(1)).describe('The all qualifiers the SPF record may end in (after redirect).'),
  maxSpfLookups: off(z.number().int().min(0).max(10)).describe('Most DNS-querying SPF terms allowed across the include tree (RFC 7208 caps it at 10).'),
  spfNoSenders: off(z.boolean()).describe('Require the SPF record to authorize no host: exactly "v=spf1 -all" (for domains that send no mail).'),
  noErrorFindings: off(z.boolean()).describe('Fail every audit finding of severity error (each by its finding code).'),
});

export type Rules = z.infer<typeof rulesSchema>;
export type RuleName = keyof Rules;
export const RULE_NAMES = Object.keys(rulesSchema.shape) as RuleName[];

const profileSchema = z.enum(PROFILE_NAMES);

const isoDate = z.iso.date('expected a date as YYYY-MM-DD');

const ignoreSchema = strictObject({
  code: z.enum([...FINDING_CODES, ...RULE_NAMES] as [string, ...string[]]).describe('A finding code (e.g. DMARC_NO_RUA) or a rule name (e.g. requireRua).'),
  reason: z.string().trim().min(1, 'a reason is required').describe('Why this is accepted; shown in reports.'),
  expires: isoDate.optional().describe('YYYY-MM-DD; from the day after, the finding counts again.'),
  domains: z.array(z.string()).min(1).optional().describe('Only for these domains (default: all).'),
});

export type IgnoreEntry = z.infer<typeof ignoreSchema>;

const overrideSchema = strictObject({
  profile: profileSchema.optional().describe('Profile for this domain instead of the top-level one.'),
  rules: rulesSchema.optional().describe('Rules for this domain, over the profile and the top-level rules.'),
});

export type DomainOverride = z.infer<typeof overrideSchema>;

export const configSchema = strictObject({
  $schema: z.string().optional().describe('Path or URL of this JSON Schema, for editors.'),
  domains: z.array(z.string()).optional().describe('Domains to check.'),
  domainList: z
    .string()
    .min(1)
    .optional()
    .describe('Path of a domain list (one per line, # comments, CSV first column), relative to this file.'),
  profile: profileSchema.default('enforce').describe('Built-in rule set the rules below refine.'),
  rules: rulesSchema.optional().describe('Rules over the profile; null switches a rule off.'),
  overrides: z.record(z.string(), overrideSchema).optional().describe('Per-domain profile and rules, keyed by domain.'),
  ignore: z.array(ignoreSchema).optional().describe('Findings or rules not to fail on, each with a reason and an optional expiry.'),
});

export type GateConfig = z.infer<typeof configSchema>;

/** The config file as JSON Schema (draft 2020-12), for `dmarc-audit schema --config` and editor completion. */
export function configJsonSchema(): unknown {
  return z.toJSONSchema(configSchema, { target: 'draft-2020-12', io: 'input' });
}
