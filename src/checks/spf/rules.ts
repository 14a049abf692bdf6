/**
 * The gate's SPF rules, over the analysis (never the record text again). Each judgement is a finding:
 * where the audit already has one for the problem (SPF_MISSING, a permerror), the rule reports that
 * one, so two rules that see one problem show one line with one fix.
 */
import { z } from 'zod';
import type { CoreCode, CoreRuleCode } from '../../findings/core-catalog.js';
import type { FindingData } from '../../findings/types.js';
import { PERMERROR_CODES } from '../../spf/analyze.js';
import { SPF_LOOKUP_LIMIT } from '../../spf/lookup-count.js';
import { SPF_ALL_VALUES, type SpfAll, type SpfAnalysis, type SpfFinding } from '../../spf/types.js';
import type { RuleCheck } from '../types.js';
import type { SpfCode, SpfRuleCode } from './catalog.js';

/** The codes these rules report: their own judgements, and audit findings they stand for. */
type Code = SpfCode | SpfRuleCode | CoreCode | CoreRuleCode;

const passed = (): RuleCheck => ({ status: 'pass', finding: { code: 'GATE_PASSED' } });
const failed = (finding: FindingData<Code>, covers?: readonly Code[]): RuleCheck => ({ status: 'fail', finding, ...(covers ? { covers } : {}) });
const first = (s: SpfAnalysis, test: (code: string) => boolean): FindingData<Code> | undefined => s.findings.find((f) => test(f.code));

/** A rule over a usable analysis: undetermined with the DNS failure behind it; missing and permerror told as the audit tells them. */
function spfRule(check: (s: SpfAnalysis) => RuleCheck, onInvalid: 'permerror' | 'check' = 'permerror') {
  return (s: SpfAnalysis, domain: string): RuleCheck => {
    if (s.status === 'error') return { status: 'undetermined', finding: first(s, (code) => code === 'DNS_ERROR') ?? { code: 'GATE_SPF_UNKNOWN' } };
    if (s.status === 'missing') return failed(first(s, (code) => code === 'SPF_MISSING') ?? { code: 'SPF_MISSING', args: { domain } }, ['SPF_MISSING']);
    if (s.status === 'invalid' && onInvalid === 'permerror') {
      // A permerror ends evaluation before any all or sender is reached (RFC 7208 §2.6.7): it protects nothing.
      return failed(first(s, (code) => PERMERROR_CODES.has(code as SpfFinding['code'])) ?? { code: 'GATE_SPF_PERMERROR' }, [...PERMERROR_CODES]);
    }
    return check(s);
  };
}

const isNoSenders = (record: string | null): boolean => record?.trim().toLowerCase().split(/[ \t]+/).join(' ') === 'v=spf1 -all';

export const SPF_RULES = {
  requireSpf: {
    schema: z.boolean().describe('Require one valid SPF record.'),
    title: 'A valid SPF record',
    ref: 'RFC 7208 §3',
    check: (_on: boolean, s: SpfAnalysis, domain: string) => spfRule(() => passed())(s, domain),
  },
  allowedSpfAll: {
    schema: z.array(z.enum(SPF_ALL_VALUES)).min(1).describe('The all qualifiers the SPF record may end in (after redirect).'),
    title: 'Allowed SPF all qualifiers',
    ref: 'RFC 7208 §5.1',
    check: (allowed: SpfAll[], s: SpfAnalysis, domain: string) =>
      spfRule(({ all }) =>
        all && allowed.includes(all)
          ? passed()
          : failed({ code: 'GATE_SPF_ALL_NOT_ALLOWED', args: { all: all ?? '', allowed: allowed.join(' or '), domain } }, ['SPF_NO_ALL', 'SPF_NEUTRAL_ALL', 'SPF_PASS_ALL']),
      )(s, domain),
  },
  maxSpfLookups: {
    schema: z.number().int().min(0).max(SPF_LOOKUP_LIMIT).describe('Most DNS-querying SPF terms allowed across the include tree (RFC 7208 caps it at 10).'),
    title: 'Maximum SPF DNS lookups',
    ref: 'RFC 7208 §4.6.4',
    check: (max: number, s: SpfAnalysis, domain: string) =>
      spfRule(({ dnsLookups, truncated }) => {
        const overLimit = first(s, (code) => code === 'SPF_TOO_MANY_LOOKUPS');
        if (dnsLookups > max) {
          return overLimit ? failed(overLimit) : failed({ code: 'GATE_SPF_TOO_MANY_LOOKUPS', args: { count: dnsLookups, max, atLeast: truncated ? 1 : 0 } });
        }
        // A capped walk counted only part of the tree: the true count could still exceed the maximum.
        if (truncated) return { status: 'undetermined', finding: { code: 'GATE_SPF_TRUNCATED', args: { count: dnsLookups } } };
        return passed();
      }, 'check')(s, domain),
  },
  spfNoSenders: {
    schema: z.boolean().describe('Require the SPF record to authorize no host: exactly "v=spf1 -all" (for domains that send no mail).'),
    title: 'SPF authorizes no sender',
    ref: 'RFC 7208 §5.1',
    check: (_on: boolean, s: SpfAnalysis, domain: string) =>
      spfRule(({ record }) => (isNoSenders(record) ? passed() : failed({ code: 'GATE_SPF_AUTHORIZES_SENDERS', args: { domain } })), 'check')(s, domain),
  },
};
