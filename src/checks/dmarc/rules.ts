/**
 * The gate's DMARC rules. They read the discovery, parsed record included, so no rule parses a record
 * again; every judgement is a finding (words in the catalog). A lookup that failed leaves a rule
 * undetermined with the DNS error behind it, never passed.
 */
import { z } from 'zod';
import { POLICY_LEVELS, POLICY_RANK } from '../../dmarc/policy-rank.js';
import type { DmarcDiscovery, DmarcPolicy, DmarcRecord } from '../../dmarc/types.js';
import type { FindingData } from '../../findings/types.js';
import type { CoreCode, CoreRuleCode } from '../../findings/core-catalog.js';
import type { RuleCheck } from '../types.js';
import type { DmarcCode, DmarcRuleCode } from './catalog.js';

type Outcome = RuleCheck;
/** The codes these rules report: their own judgements, and audit findings they stand for. */
type Code = DmarcCode | DmarcRuleCode | CoreCode | CoreRuleCode;

const policy = z.enum(POLICY_LEVELS);
const passed = (): Outcome => ({ status: 'pass', finding: { code: 'GATE_PASSED' } });
const failed = (finding: FindingData<Code>, covers?: Code[]): Outcome => ({ status: 'fail', finding, ...(covers ? { covers } : {}) });

/** Where to edit: the record's own name, which is a parent's when the policy is inherited. */
const recordName = (d: DmarcDiscovery, domain: string): string => d.source ?? `_dmarc.${domain}`;

/** Undetermined, with the DNS failure that hid the record (the first DNS_ERROR of the discovery). */
function unknown(d: DmarcDiscovery): Outcome {
  return { status: 'undetermined', finding: d.findings.find((f) => f.code === 'DNS_ERROR') ?? { code: 'GATE_DMARC_UNKNOWN' } };
}

/** No usable record: one finding for every rule that needs one, covering the audit's own account of why. */
const noRecord = (d: DmarcDiscovery, domain: string): Outcome =>
  failed({ code: 'GATE_NO_DMARC_RECORD', args: { domain, status: d.status } }, ['DMARC_MISSING', 'DMARC_INVALID', 'DMARC_MULTIPLE_RECORDS']);

type WithRecord = { d: DmarcDiscovery; record: DmarcRecord; p: DmarcPolicy; domain: string };

/**
 * A rule about the applying record: undetermined after a DNS failure; `absent` when no usable record applies
 * (a fail for "require" rules, a pass for "forbid" rules).
 */
function dmarcRule(absent: 'fail' | 'pass', check: (facts: WithRecord) => Outcome) {
  return (d: DmarcDiscovery, domain: string): Outcome => {
    if (d.status === 'error') return unknown(d);
    if (!d.parsed || d.policy === null) return absent === 'fail' ? noRecord(d, domain) : passed();
    return check({ d, record: d.parsed, p: d.policy, domain });
  };
}

/** A policy tag that falls back to others when absent (np → sp → p, RFC 9989 §4.7). */
function minimumTag(tag: 'sp' | 'np', min: DmarcPolicy, d: DmarcDiscovery, domain: string): Outcome {
  return dmarcRule('fail', ({ record, p }) => {
    const value = record[tag] ?? record.sp ?? p;
    if (POLICY_RANK[value] >= POLICY_RANK[min]) return passed();
    const fallback = record[tag] ? '' : tag === 'np' && record.sp ? 'sp' : 'p';
    return failed({ code: 'GATE_TAG_TOO_WEAK', args: { tag, value, fallback, min, source: recordName(d, domain) } }, ['DMARC_SUBDOMAIN_POLICY_WEAKER']);
  })(d, domain);
}

export const DMARC_RULES = {
  minPolicy: {
    schema: policy.describe(
      'Lowest effective DMARC policy allowed: what receivers apply to this domain after sp/np, t=y and legacy pct=0. "none" still requires a usable record.',
    ),
    title: 'Minimum effective DMARC policy',
    ref: 'RFC 9989 §4.7',
    check: (min: DmarcPolicy, d: DmarcDiscovery, domain: string): Outcome =>
      dmarcRule('fail', ({ record }) => {
        const { effectivePolicy, appliedTag } = d;
        if (effectivePolicy === null) return unknown(d);
        if (POLICY_RANK[effectivePolicy] >= POLICY_RANK[min]) return passed();
        const published = appliedTag ? (record[appliedTag] ?? d.policy) : null;
        const args = {
          effective: effectivePolicy,
          tag: appliedTag ?? '',
          min,
          source: recordName(d, domain),
          removeTesting: record.t === 'y' ? 1 : 0,
          removePct: record.pct === 0 ? 1 : 0,
          set: !published || POLICY_RANK[published] < POLICY_RANK[min] ? `${appliedTag ?? 'p'}=${min}` : '',
        };
        return failed({ code: 'GATE_POLICY_TOO_WEAK', args }, ['DMARC_POLICY_NONE']);
      })(d, domain),
  },
  minSubdomainPolicy: {
    schema: policy.describe('Lowest sp allowed (p when the record has no sp).'),
    title: 'Minimum subdomain policy (sp)',
    ref: 'RFC 9989 §4.7',
    check: (min: DmarcPolicy, d: DmarcDiscovery, domain: string) => minimumTag('sp', min, d, domain),
  },
  minNonexistentPolicy: {
    schema: policy.describe('Lowest np allowed (sp, then p, when the record has no np).'),
    title: 'Minimum non-existent subdomain policy (np)',
    ref: 'RFC 9989 §4.7',
    check: (min: DmarcPolicy, d: DmarcDiscovery, domain: string) => minimumTag('np', min, d, domain),
  },
  forbidTestingMode: {
    schema: z.boolean().describe('Fail a record with t=y.'),
    title: 'No testing mode (t=y)',
    ref: 'RFC 9989 §4.7',
    check: (_on: boolean, d: DmarcDiscovery, domain: string) =>
      dmarcRule('pass', ({ record, p }) =>
        record.t === 'y' ? failed({ code: 'GATE_TESTING_MODE', args: { source: recordName(d, domain), p } }, ['DMARC_TESTING_MODE']) : passed(),
      )(d, domain),
  },
  forbidPartialPct: {
    schema: z.boolean().describe('Fail a record with the legacy pct below 100.'),
    title: 'No partial pct (legacy)',
    ref: 'RFC 7489 §6.3',
    check: (_on: boolean, d: DmarcDiscovery, domain: string) =>
      dmarcRule('pass', ({ record }) =>
        record.pct !== undefined && record.pct < 100
          ? failed({ code: 'GATE_PARTIAL_PCT', args: { pct: record.pct, source: recordName(d, domain) } }, ['DMARC_PCT_PARTIAL'])
          : passed(),
      )(d, domain),
  },
  requireRua: {
    schema: z.boolean().describe('Require at least one aggregate report address (rua).'),
    title: 'Aggregate reports requested (rua)',
    ref: 'RFC 9989 §4.7',
    check: (_on: boolean, d: DmarcDiscovery, domain: string) =>
      dmarcRule('fail', ({ record }) =>
        record.rua.length > 0 ? passed() : failed({ code: 'GATE_NO_RUA', args: { source: recordName(d, domain) } }, ['DMARC_NO_RUA']),
      )(d, domain),
  },
  requiredRua: {
    schema: z
      .array(z.string().regex(/^mailto:[^@\s]+@[^@\s]+$/i, 'expected a mailto: URI'))
      .min(1)
      .describe('rua URIs the record must include, e.g. "mailto:reports@dmarc.cyber.dhs.gov" (compared case-insensitively).'),
    title: 'Required rua addresses',
    ref: 'RFC 9989 §4.7',
    check: (required: string[], d: DmarcDiscovery, domain: string) =>
      dmarcRule('fail', ({ record }) => {
        const mailbox = (uri: string): string => uri.trim().toLowerCase();
        const present = new Set(record.rua.map((uri) => mailbox(uri.uri)));
        const missing = required.filter((uri) => !present.has(mailbox(uri)));
        return missing.length === 0 ? passed() : failed({ code: 'GATE_RUA_MISSING', args: { missing: missing.join(','), source: recordName(d, domain) } });
      })(d, domain),
  },
};
