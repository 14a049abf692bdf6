import { z } from 'zod';
import { failed, passed, undetermined } from '../judge.js';
import type { RuleCheck } from '../types.js';
import type { DnssecResult } from './analyze.js';

export const DNSSEC_RULES = {
  requireDnssec: {
    schema: z
      .union([z.literal(true), z.literal('domain')])
      .describe('Require the resolver to have validated (AD) every answer the checks rest on: true for the domain and its MX hosts, "domain" for its own names only.'),
    title: 'DNSSEC-validated answers',
    ref: 'RFC 4035 §3.2.3',
    check: (scope: true | 'domain', r: DnssecResult): RuleCheck => {
      const sets = r.recordSets.filter((set) => scope === true || set.scope === 'domain');
      const list = (status: string): string => sets.filter((set) => set.status === status).map((set) => `${set.name} ${set.type}`).join(', ');
      if (list('insecure')) return failed({ code: 'GATE_DNSSEC_NOT_SECURE', args: { names: list('insecure') } }, ['DNSSEC_INSECURE', 'DNSSEC_PARTIAL']);
      if (list('error')) return undetermined({ code: 'GATE_DNSSEC_UNKNOWN', args: { names: list('error') } });
      return passed();
    },
  },
};
