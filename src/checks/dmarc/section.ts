import { z } from 'zod';
import type { DmarcDiscovery } from '../../dmarc/types.js';
import { POLICY_LEVELS } from '../../dmarc/policy-rank.js';

const policy = z.enum(POLICY_LEVELS);

export const dmarcSectionSchema = z.object({
  status: z.enum(['valid', 'missing', 'invalid', 'error']),
  record: z.string().nullable(),
  source: z.string().nullable().describe('DNS name the record came from'),
  inherited: z.boolean().describe('True when the record was found at a parent'),
  organizationalDomain: z.string().nullable(),
  policy: policy.nullable().describe("The record's p"),
  appliedTag: z.enum(['p', 'sp', 'np']).nullable(),
  effectivePolicy: policy.nullable().describe('What receivers apply after sp/np, t=y and legacy pct=0'),
  enforcing: z.boolean(),
  walk: z.array(z.object({ name: z.string(), outcome: z.enum(['record', 'none', 'multiple', 'error']), record: z.string().optional() })),
});

export type DmarcSection = z.infer<typeof dmarcSectionSchema>;

/** The report's view of a discovery: what receivers apply and why, without the parsed record. */
export function dmarcSection(d: DmarcDiscovery): DmarcSection {
  return {
    status: d.status,
    record: d.record,
    source: d.source,
    inherited: d.inherited,
    organizationalDomain: d.organizationalDomain,
    policy: d.policy,
    appliedTag: d.appliedTag,
    effectivePolicy: d.effectivePolicy,
    enforcing: d.enforcing,
    walk: d.walk,
  };
}
