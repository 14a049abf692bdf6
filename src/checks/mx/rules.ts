/** The gate's MX rules (RFC 7505): a null MX where the domain receives no mail, and never one beside real hosts. */
import { z } from 'zod';
import type { CoreCode, CoreRuleCode } from '../../findings/core-catalog.js';
import type { FindingData } from '../../findings/types.js';
import type { RuleCheck } from '../types.js';
import type { MxResult } from './analyze.js';
import type { MxCode, MxRuleCode } from './catalog.js';

type Code = MxCode | MxRuleCode | CoreCode | CoreRuleCode;

const passed = (): RuleCheck => ({ status: 'pass', finding: { code: 'GATE_PASSED' } });
const unknown = (mx: MxResult): RuleCheck => ({ status: 'undetermined', finding: mx.findings.find((f) => f.code === 'DNS_ERROR') ?? { code: 'GATE_CHECK_NOT_RUN' } });
const failed = (finding: FindingData<Code>, covers?: readonly Code[]): RuleCheck => ({ status: 'fail', finding, ...(covers ? { covers } : {}) });

export const MX_RULES = {
  requireNullMx: {
    schema: z.boolean().describe('Require exactly the null MX "0 ." (RFC 7505): the domain receives no mail.'),
    title: 'A null MX (receives no mail)',
    ref: 'RFC 7505 §3',
    check: (_on: boolean, mx: MxResult, domain: string): RuleCheck => {
      if (mx.status === 'error') return unknown(mx);
      if (mx.status === 'null') return passed();
      const mixed = mx.findings.find((f) => f.code === 'MX_NULL_MIXED');
      return mixed ? failed(mixed) : failed({ code: 'GATE_NULL_MX_MISSING', args: { domain, status: mx.status } }, ['MX_MISSING']);
    },
  },
  forbidNullMxMixed: {
    schema: z.boolean().describe('Fail a null MX published beside other MX records (RFC 7505 §3 forbids it).'),
    title: 'No null MX beside other MX records',
    ref: 'RFC 7505 §3',
    check: (_on: boolean, mx: MxResult): RuleCheck => {
      if (mx.status === 'error') return unknown(mx);
      const mixed = mx.findings.find((f) => f.code === 'MX_NULL_MIXED');
      return mixed ? failed(mixed) : passed();
    },
  },
};
