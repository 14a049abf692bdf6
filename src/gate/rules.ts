import { parseDmarcRecord } from '../dmarc/parse.js';
import type { DmarcPolicy, DmarcRecord } from '../dmarc/types.js';
import type { FindingCode } from '../findings/catalog.js';
import type { AuditReport } from '../report/schema.js';
import type { RuleName, Rules } from './config-schema.js';

export type RuleStatus = 'pass' | 'fail' | 'undetermined';

/** One rule (or, for finding-based rules, one finding code) judged for one domain. */
export interface RuleResult {
  /** The config rule, or "dns" for the DNS-completeness check every domain gets. */
  rule: RuleName | 'dns';
  /** Set when the result stands for a finding of the audit (noErrorFindings, DNS errors). */
  code?: FindingCode;
  status: RuleStatus;
  /** What was seen; may quote DNS data, so writers escape it for their medium. */
  message: string;
  /** What to change; empty when the rule passes. */
  fix: string;
  ref: string;
}

/** A rule's verdict; finding-based rules give one per finding code and name the code and its reference. */
/** The id a result is reported under (SARIF ruleId, JUnit test name): its finding code, else its rule. */
export function resultId(result: Pick<RuleResult, 'rule' | 'code'>): string {
  return result.code ?? result.rule;
}

type Check = { status: RuleStatus; message: string; fix?: string; code?: FindingCode; ref?: string };

interface Facts {
  report: AuditReport;
  /** The applying DMARC record (possibly a parent's), parsed; null without one. */
  record: DmarcRecord | null;
}

interface RuleDefinition<V> {
  title: string;
  ref: string;
  check(value: V, facts: Facts): Check | Check[];
}

type Definitions = { [K in RuleName]: RuleDefinition<NonNullable<Rules[K]>> };

const RANK: Record<DmarcPolicy, number> = { none: 0, quarantine: 1, reject: 2 };

const pass = (message: string): Check => ({ status: 'pass', message });
const fail = (message: string, fix: string): Check => ({ status: 'fail', message, fix });
const undetermined = (message: string): Check => ({ status: 'undetermined', message });

/** Where to edit: the record's own name, which is a parent's when the policy is inherited. */
const recordName = (report: AuditReport): string => report.dmarc.source ?? `_dmarc.${report.domain}`;

/**
 * Rules about the DMARC record: a lookup that failed leaves them undetermined (never passed), and a
 * domain without a usable record gets `absent` (pass for "forbid" rules, fail for "require" rules).
 */
function dmarcRule(absent: (report: AuditReport) => Check, check: (facts: Facts & { record: DmarcRecord; p: DmarcPolicy }) => Check) {
  return (facts: Facts): Check => {
    const { report, record } = facts;
    if (report.dmarc.status === 'error') return undetermined('the DMARC lookup failed, so the record is unknown');
    if (!record || report.dmarc.policy === null) return absent(report);
    return check({ ...facts, record, p: report.dmarc.policy });
  };
}

const noRecord = (report: AuditReport): Check =>
  fail(`no usable DMARC record applies (DMARC ${report.dmarc.status})`, `Publish a valid record at _dmarc.${report.domain}, e.g. "v=DMARC1; p=reject; rua=mailto:…".`);
const nothingToForbid = (): Check => pass('no DMARC record applies');

/** A policy tag that falls back to others when absent (np → sp → p, RFC 9989 §4.7). */
function minimumTag(tag: 'sp' | 'np', min: DmarcPolicy) {
  return dmarcRule(noRecord, ({ report, record, p }) => {
    const fallback = tag === 'np' ? (record.sp ? 'sp' : 'p') : 'p';
    const value = record[tag] ?? record.sp ?? p;
    const written = record[tag] ? `${tag}=${value}` : `no ${tag}, so ${fallback}=${value} applies`;
    if (RANK[value] >= RANK[min]) return pass(written);
    return fail(`${written}; the gate requires ${tag} ${min} or stronger`, `Set ${tag}=${min} in the record at ${recordName(report)}.`);
  });
}

function spfRule(check: (report: AuditReport) => Check) {
  return ({ report }: Facts): Check =>
    report.spf.status === 'error' ? undetermined('an SPF lookup failed, so the SPF policy is unknown') : check(report);
}

const mailbox = (uri: string): string => uri.trim().toLowerCase();

export const RULES: Definitions = {
  minPolicy: {
    title: 'Minimum effective DMARC policy',
    ref: 'RFC 9989 §4.7',
    check: (min, facts) =>
      dmarcRule(noRecord, ({ report, record }) => {
        const { effectivePolicy, appliedTag } = report.dmarc;
        if (effectivePolicy === null) return undetermined('whether the domain exists (sp or np) could not be told');
        if (RANK[effectivePolicy] >= RANK[min]) return pass(`effective policy ${effectivePolicy}`);
        const fixes: string[] = [];
        if (record.t === 'y') fixes.push('remove t=y');
        if (record.pct === 0) fixes.push('remove pct=0');
        const published = appliedTag ? (record[appliedTag] ?? report.dmarc.policy) : null;
        if (!published || RANK[published] < RANK[min]) fixes.push(`set ${appliedTag ?? 'p'}=${min}`);
        return fail(
          `the effective DMARC policy is ${effectivePolicy}${appliedTag ? ` (from ${appliedTag})` : ''}; the gate requires ${min} or stronger`,
          `In the record at ${recordName(report)}: ${fixes.join(', ')}.`,
        );
      })(facts),
  },
  minSubdomainPolicy: { title: 'Minimum subdomain policy (sp)', ref: 'RFC 9989 §4.7', check: (min, facts) => minimumTag('sp', min)(facts) },
  minNonexistentPolicy: { title: 'Minimum non-existent subdomain policy (np)', ref: 'RFC 9989 §4.7', check: (min, facts) => minimumTag('np', min)(facts) },
  forbidTestingMode: {
    title: 'No testing mode (t=y)',
    ref: 'RFC 9989 §4.7',
    check: (_on, facts) =>
      dmarcRule(nothingToForbid, ({ report, record }) =>
        record.t === 'y'
          ? fail('the record has t=y (testing mode): receivers apply a policy one step weaker', `Remove t=y from the record at ${recordName(report)}.`)
          : pass(`t=${record.t ?? 'n'}`),
      )(facts),
  },
  forbidPartialPct: {
    title: 'No partial pct (legacy)',
    ref: 'RFC 7489 §6.3',
    check: (_on, facts) =>
      dmarcRule(nothingToForbid, ({ report, record }) =>
        record.pct !== undefined && record.pct < 100
          ? fail(`the record has pct=${record.pct}: receivers honouring it apply the policy to ${record.pct}% of failing mail`, `Remove pct from the record at ${recordName(report)}.`)
          : pass(record.pct === undefined ? 'no pct' : `pct=${record.pct}`),
      )(facts),
  },
  requireRua: {
    title: 'Aggregate reports requested (rua)',
    ref: 'RFC 9989 §4.7',
    check: (_on, facts) =>
      dmarcRule(noRecord, ({ report, record }) =>
        record.rua.length > 0
          ? pass(`${record.rua.length} rua address(es)`)
          : fail('the DMARC record has no rua, so no aggregate reports are sent', `Add rua=mailto:<a mailbox you read> to the record at ${recordName(report)}.`),
      )(facts),
  },
  requiredRua: {
    title: 'Required rua addresses',
    ref: 'RFC 9989 §4.7',
    check: (required, facts) =>
      dmarcRule(noRecord, ({ report, record }) => {
        const present = new Set(record.rua.map((uri) => mailbox(uri.uri)));
        const missing = required.filter((uri) => !present.has(mailbox(uri)));
        if (missing.length === 0) return pass(`rua includes ${required.join(', ')}`);
        return fail(`rua does not include ${missing.join(', ')}`, `Add ${missing.join(',')} to the rua tag of the record at ${recordName(report)}.`);
      })(facts),
  },
  requireSpf: {
    title: 'A valid SPF record',
    ref: 'RFC 7208 §3',
    check: (_on, facts) =>
      spfRule((report) => {
        if (report.spf.status === 'valid') return pass(`SPF ${report.spf.status}`);
        return report.spf.status === 'missing'
          ? fail('the domain has no SPF record', `Publish TXT "v=spf1 <your senders> -all" at ${report.domain} ("v=spf1 -all" if it sends no mail).`)
          : fail('the SPF record is invalid (permerror)', 'Correct the SPF record; the audit findings say what is wrong.');
      })(facts),
  },
  allowedSpfAll: {
    title: 'Allowed SPF all qualifiers',
    ref: 'RFC 7208 §5.1',
    check: (allowed, facts) =>
      spfRule((report) => {
        const { all } = report.spf;
        // A permerror ends evaluation before any all is reached (RFC 7208 §2.6.7): it protects nothing.
        if (report.spf.status === 'invalid') return fail('the SPF record ends in permerror, so its all is never applied', 'Correct the SPF record; the audit findings say what is wrong.');
        if (all && allowed.includes(all)) return pass(`SPF ends in ${all}`);
        const seen = all ? `the SPF record ends in ${all}` : report.spf.record ? 'the SPF record has no all mechanism' : 'the domain has no SPF record';
        return fail(`${seen}; the gate allows ${allowed.join(' or ')}`, `End the SPF record at ${report.domain} with ${allowed[0]}.`);
      })(facts),
  },
  maxSpfLookups: {
    title: 'Maximum SPF DNS lookups',
    ref: 'RFC 7208 §4.6.4',
    check: (max, facts) =>
      spfRule((report) => {
        const { dnsLookups, truncated } = report.spf;
        if (dnsLookups > max) {
          return fail(
            `the SPF record needs ${truncated ? 'at least ' : ''}${dnsLookups} DNS lookups; the gate allows ${max}`,
            'Remove unused includes, or replace a/mx/include of stable senders with ip4:/ip6: ranges.',
          );
        }
        // A capped walk counted only part of the tree: the true count could still exceed the maximum.
        if (truncated) return undetermined(`the SPF walk was cut short after ${dnsLookups} lookups; the total is unknown`);
        return pass(`${dnsLookups} SPF lookups`);
      })(facts),
  },
  spfNoSenders: {
    title: 'SPF authorizes no sender',
    ref: 'RFC 7208 §5.1',
    check: (_on, facts) =>
      spfRule((report) => {
        const terms = report.spf.record?.trim().toLowerCase().split(/[ \t]+/) ?? [];
        if (terms.length === 2 && terms[0] === 'v=spf1' && terms[1] === '-all') return pass('SPF is "v=spf1 -all"');
        return fail(
          report.spf.record ? 'the SPF record authorizes senders' : 'the domain has no SPF record',
          `Publish exactly TXT "v=spf1 -all" at ${report.domain}: it sends no mail.`,
        );
      })(facts),
  },
  noErrorFindings: {
    title: 'No finding of severity error',
    ref: 'RFC 9989, RFC 7208',
    check: (_on, { report }) => errorFindingChecks(report),
  },
};

/** Every error finding except DNS errors (those make the domain undetermined, not failed), one check per code. */
function errorFindingChecks(report: AuditReport): Check[] {
  const byCode = new Map<FindingCode, AuditReport['findings']>();
  for (const finding of report.findings) {
    if (finding.severity !== 'error' || finding.code === 'DNS_ERROR') continue;
    const code = finding.code as FindingCode;
    byCode.set(code, [...(byCode.get(code) ?? []), finding]);
  }
  if (byCode.size === 0) return [pass('no error finding')];
  return [...byCode].map(([code, findings]) => ({
    status: 'fail',
    code,
    message: findings.map((f) => f.message).join(' '),
    fix: findings[0]?.fix ?? '',
    ref: findings[0]?.ref ?? '',
  }));
}

/**
 * Fail-closed: whatever rules are configured, a domain whose audit met a DNS failure cannot pass,
 * because some fact the report shows may be wrong. One undetermined result per domain, or none.
 */
export function dnsCompleteness(report: AuditReport): RuleResult[] {
  const errors = report.findings.filter((f) => f.code === 'DNS_ERROR');
  if (errors.length === 0 && report.verdict !== 'error') return [];
  return [
    {
      rule: 'dns',
      code: 'DNS_ERROR',
      status: 'undetermined',
      message: errors.length > 0 ? errors.map((f) => f.message).join(' ') : 'the DMARC policy could not be determined',
      fix: errors[0]?.fix ?? "Check the domain's name servers and the resolver, then run the gate again.",
      ref: errors[0]?.ref ?? 'RFC 9989 §4.10.1',
    },
  ];
}

/** Judges one domain's report against the rules that are switched on (null or false is off), in RULES order. Pure. */
export function evaluateRules(report: AuditReport, rules: Rules): RuleResult[] {
  const facts: Facts = { report, record: report.dmarc.record ? parseDmarcRecord(report.dmarc.record).record : null };
  const results: RuleResult[] = [];
  for (const name of Object.keys(RULES) as RuleName[]) {
    const value = rules[name];
    if (value === undefined || value === null || value === false) continue;
    const definition = RULES[name] as RuleDefinition<typeof value>;
    for (const { status, message, fix = '', code, ref = definition.ref } of [definition.check(value, facts)].flat()) {
      results.push({ rule: name, ...(code ? { code } : {}), status, message, fix, ref });
    }
  }
  return [...results, ...dnsCompleteness(report)];
}
