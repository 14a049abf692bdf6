/** The gate's MTA-STS rule (RFC 8461): a usable policy of at least the given mode, covering every MX host. */
import { z } from 'zod';
import { failed, passed, undetermined } from '../judge.js';
import type { RuleCheck } from '../types.js';
import type { MtaStsResult } from './analyze.js';

const problems = (r: MtaStsResult) => r.findings.filter((f) => f.code !== 'MTA_STS_NOT_ENFORCED' && f.code !== 'MTA_STS_MAX_AGE_SHORT' && f.code !== 'MTA_STS_MISSING');

export const MTA_STS_RULES = {
  requireMtaSts: {
    schema: z.enum(['testing', 'enforce']).describe('Require an MTA-STS policy senders can fetch, in at least this mode, whose mx patterns cover every MX host.'),
    title: 'An MTA-STS policy',
    ref: 'RFC 8461 §3, §5',
    check: (min: 'testing' | 'enforce', r: MtaStsResult, domain: string): RuleCheck => {
      // A DNS or HTTPS failure hid the answer: never a pass.
      if (r.status === 'error') return undetermined(problems(r)[0] ?? { code: 'GATE_MTA_STS_MISSING', args: { domain, status: r.status } });
      if (r.status === 'invalid') return failed(problems(r)[0] ?? { code: 'GATE_MTA_STS_MISSING', args: { domain, status: r.status } });
      if (r.status === 'missing' || r.status === 'none') return failed({ code: 'GATE_MTA_STS_MISSING', args: { domain, status: r.status } }, ['MTA_STS_MISSING']);
      if (r.status === 'testing' && min === 'enforce') return failed({ code: 'GATE_MTA_STS_TOO_WEAK', args: { mode: r.status, min } });
      const uncovered = r.findings.find((f) => f.code === 'MTA_STS_MX_NOT_COVERED');
      if (uncovered) return failed(uncovered);
      // The MX lookup behind the coverage failed: coverage is unknown.
      const dnsError = r.findings.find((f) => f.code === 'DNS_ERROR');
      return dnsError ? undetermined(dnsError) : passed();
    },
  },
};
