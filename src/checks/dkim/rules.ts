/** The gate's DKIM rules: a key verifiers accept among the selectors probed, and a minimum RSA key size. */
import { z } from 'zod';
import type { CoreCode, CoreRuleCode } from '../../findings/core-catalog.js';
import type { FindingData } from '../../findings/types.js';
import type { RuleCheck } from '../types.js';
import type { DkimCode, DkimRuleCode } from './catalog.js';
import { isUsable, type DkimResult } from './probe.js';

type Code = DkimCode | DkimRuleCode | CoreCode | CoreRuleCode;

const passed = (): RuleCheck => ({ status: 'pass', finding: { code: 'GATE_PASSED' } });
const failed = (finding: FindingData<Code>, covers?: readonly Code[]): RuleCheck => ({ status: 'fail', finding, ...(covers ? { covers } : {}) });
/** A probe that failed hides what it would have found: undetermined, never a pass. */
const unknown = (d: DkimResult): RuleCheck => ({ status: 'undetermined', finding: d.findings.find((f) => f.code === 'DNS_ERROR') ?? { code: 'GATE_CHECK_NOT_RUN' } });

export const DKIM_RULES = {
  requireDkim: {
    schema: z.boolean().describe('Require a DKIM key verifiers accept under one of the probed selectors (dkimSelectors, or the built-in list).'),
    title: 'A DKIM key',
    ref: 'RFC 6376 §3.6.2.1',
    check: (_on: boolean, d: DkimResult): RuleCheck => {
      if (d.status === 'found') return passed();
      if (d.status === 'error') return unknown(d);
      return failed(d.findings.find((f) => f.code === 'DKIM_NOT_FOUND') ?? { code: 'DKIM_NOT_FOUND' }, ['DKIM_NOT_FOUND', 'DKIM_KEY_INVALID']);
    },
  },
  minDkimKeyBits: {
    schema: z.number().int().min(1024).max(16384).describe('Smallest RSA key allowed among the keys found, e.g. 2048 (RFC 8301 §3.2).'),
    title: 'Minimum DKIM RSA key size',
    ref: 'RFC 8301 §3.2',
    check: (min: number, d: DkimResult): RuleCheck => {
      const short = d.selectors.find((key) => key.status === 'valid' && key.keyType === 'rsa' && (key.keyBits ?? 0) < min);
      if (short) return failed({ code: 'GATE_DKIM_KEY_TOO_SHORT', args: { selector: short.selector, bits: short.keyBits ?? 0, min } }, ['DKIM_KEY_WEAK']);
      // Keys a failed probe hid may be short too.
      if (d.status === 'error' && !d.selectors.some(isUsable)) return unknown(d);
      return passed();
    },
  },
};
