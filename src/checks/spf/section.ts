import { z } from 'zod';
import type { SpfAnalysis, SpfNode } from '../../spf/types.js';
import { SPF_ALL_VALUES } from '../../spf/types.js';

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

// The tree's TypeScript type is SpfNode (src/spf/types.ts); the schema states the same shape for JSON.
const spfNodeSchema: z.ZodType<SpfNode> = z.object({
  domain: z.string(),
  record: z.string().nullable(),
  get terms() {
    return z.array(spfTermSchema);
  },
});

export const spfSectionSchema = z.object({
  status: z.enum(['valid', 'missing', 'invalid', 'error']),
  record: z.string().nullable(),
  dnsLookups: z.number().int(),
  voidLookups: z.number().int(),
  all: z.enum(SPF_ALL_VALUES).nullable(),
  truncated: z.boolean().describe('A safety cap stopped the walk: dnsLookups and voidLookups are lower bounds'),
  tree: spfNodeSchema.nullable(),
});

export type SpfSection = z.infer<typeof spfSectionSchema>;

export function spfSection(s: SpfAnalysis): SpfSection {
  return { status: s.status, record: s.record, dnsLookups: s.dnsLookups, voidLookups: s.voidLookups, all: s.all, truncated: s.truncated, tree: s.tree };
}
