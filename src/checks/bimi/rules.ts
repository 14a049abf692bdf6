import { z } from 'zod';
import { failed, passed, undetermined } from '../judge.js';
import type { RuleCheck } from '../types.js';
import type { BimiResult } from './analyze.js';

const PREREQUISITES = new Set(['BIMI_DMARC_NOT_ENFORCING', 'BIMI_DMARC_SP_NONE', 'BIMI_DMARC_PCT', 'BIMI_DMARC_TESTING']);

export const BIMI_RULES = {
  requireBimi: {
    schema: z.boolean().describe('Require a BIMI record whose DMARC prerequisites hold, and (with bimiFetch, on in the gate) a valid logo and certificate.'),
    title: 'A BIMI record receivers apply',
    ref: 'draft-brand-indicators-for-message-identification',
    check: (_on: boolean, r: BimiResult, domain: string): RuleCheck => {
      const missing = { code: 'GATE_BIMI_MISSING', args: { domain, status: r.status, selector: r.selector } };
      if (r.status === 'error') return undetermined(r.findings[0] ?? missing);
      if (r.status !== 'valid') return failed(r.findings.find((f) => f.code === 'BIMI_INVALID' || f.code === 'BIMI_MULTIPLE_RECORDS') ?? missing, ['BIMI_MISSING', 'BIMI_DECLINED']);
      const unmet = r.findings.find((f) => PREREQUISITES.has(f.code));
      if (unmet) return failed(unmet);
      const broken = r.findings.find((f) => f.code === 'BIMI_LOGO_INVALID' || f.code === 'BIMI_CERTIFICATE_INVALID');
      if (broken || r.logoStatus === 'invalid' || r.certificateStatus === 'invalid') return failed(broken ?? r.findings.find((f) => f.code === 'BIMI_FETCH_FAILED') ?? missing);
      // DMARC unknown, or a fetch that failed on the way: never a pass.
      if (r.dmarcReady === null || r.logoStatus === 'error' || r.certificateStatus === 'error') return undetermined(r.findings.find((f) => f.code === 'BIMI_FETCH_FAILED') ?? missing);
      return passed();
    },
  },
};
