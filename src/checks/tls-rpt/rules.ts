import { z } from 'zod';
import { failed, passed, undetermined } from '../judge.js';
import type { RuleCheck } from '../types.js';
import type { TlsRptResult } from './analyze.js';

export const TLS_RPT_RULES = {
  requireTlsRpt: {
    schema: z.boolean().describe('Require one TLS-RPT record with a usable mailto: or https: destination.'),
    title: 'A TLS-RPT record',
    ref: 'RFC 8460 §3',
    check: (_on: boolean, r: TlsRptResult, domain: string): RuleCheck => {
      const missing = { code: 'GATE_TLSRPT_MISSING', args: { domain, status: r.status } };
      if (r.status === 'error') return undetermined(r.findings[0] ?? missing);
      if (r.status === 'valid') return passed();
      const invalid = r.findings.find((f) => f.code === 'TLSRPT_INVALID' || f.code === 'TLSRPT_MULTIPLE_RECORDS');
      return invalid ? failed(invalid) : failed(missing, ['TLSRPT_MISSING']);
    },
  },
};
