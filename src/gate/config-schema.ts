import { z } from 'zod';
import { ALL_CHECKS, type CheckRules } from '../checks/registry.js';
import { FINDING_CODES } from '../findings/catalog.js';

import { PROFILE_NAMES } from './names.js';

export { PROFILE_NAMES, type ProfileName } from './names.js';


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

type CheckRuleShape = { [K in keyof CheckRules]: z.ZodOptional<z.ZodNullable<CheckRules[K]['schema']>> };

/** Every check's rules (their value schemas live with the rules, src/checks/<id>/rules.ts), then the general one. */
const checkRuleShape = Object.fromEntries(
  ALL_CHECKS.flatMap((check) => Object.entries(check.rules).map(([name, rule]) => [name, off(rule.schema).describe(rule.schema.description ?? '')])),
) as CheckRuleShape;

export const rulesSchema = strictObject({
  ...checkRuleShape,
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
