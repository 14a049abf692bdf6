import { z } from 'zod';
import { failed, passed, undetermined } from '../judge.js';
import type { RuleCheck } from '../types.js';
import type { DaneResult } from './analyze.js';

export const DANE_RULES = {
  requireDane: {
    schema: z.boolean().describe('Require usable, DNSSEC-validated TLSA records (usage 2 or 3) for every MX host.'),
    title: 'DANE for every MX host',
    ref: 'RFC 7672 §2.2',
    check: (_on: boolean, r: DaneResult): RuleCheck => {
      const lacking = r.hosts.filter((h) => h.status !== 'valid' && h.status !== 'error').map((h) => h.host);
      // A definite gap outranks a lookup that failed elsewhere.
      if (lacking.length > 0) return failed({ code: 'GATE_DANE_MISSING', args: { hosts: lacking.join(', ') } }, ['DANE_MISSING', 'DANE_NOT_SECURE', 'DANE_RECORD_INVALID', 'DANE_USAGE_UNSUITABLE']);
      if (r.status === 'error') return undetermined(r.findings.find((f) => f.code === 'DNS_ERROR') ?? { code: 'GATE_DANE_MISSING', args: { hosts: '' } });
      return r.hosts.length > 0 ? passed() : failed({ code: 'GATE_DANE_MISSING', args: { hosts: '' } });
    },
  },
};
