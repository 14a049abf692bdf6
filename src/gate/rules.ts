/**
 * The gate's rules: every check's rules (src/checks/<id>/rules.ts), and two that belong to no check —
 * noErrorFindings, and the DNS completeness every domain gets. A judgement is a finding of the catalog,
 * so one problem seen by several rules is one finding: readers show it once (`sameAs`).
 */
import { ALL_CHECKS } from '../checks/registry.js';
import type { RuleCheck, RuleDefinition, RuleStatus } from '../checks/types.js';
import type { DomainAudit } from '../engine/audit.js';
import type { CatalogCode } from '../findings/catalog.js';
import { severityOf } from '../findings/describe.js';
import type { FindingData } from '../findings/types.js';
import type { RuleName, Rules } from './config-schema.js';

export type { RuleStatus } from '../checks/types.js';

/** One rule (or, for finding-based rules, one finding code) judged for one domain. */
export interface RuleResult {
  /** The config rule, or "dns" for the DNS-completeness check every domain gets. */
  rule: RuleName | 'dns';
  status: RuleStatus;
  /** What was seen, as a finding of the catalog; its words may quote DNS data, so writers escape them. */
  finding: FindingData<CatalogCode>;
  /** An earlier result of this domain reports the same finding: one problem, shown once. */
  sameAs?: RuleName | 'dns';
}

/** Rules that stand for audit findings report under the finding's code; the others under their name. */
const REPORTS_FINDINGS: ReadonlySet<string> = new Set(['noErrorFindings', 'dns']);

/** The id a result is reported under (SARIF ruleId, JUnit test name, ignores): a finding code or a rule name. */
export function resultId(result: Pick<RuleResult, 'rule' | 'finding' | 'status'>): string {
  return REPORTS_FINDINGS.has(result.rule) && result.status !== 'pass' ? result.finding.code : result.rule;
}

interface CheckRule {
  check: string;
  definition: RuleDefinition<unknown, unknown>;
}

/** Every check's rule by name, in registry order. */
export const CHECK_RULES: ReadonlyMap<string, CheckRule> = new Map(
  ALL_CHECKS.flatMap((check) => Object.entries(check.rules).map(([name, definition]) => [name, { check: check.id, definition }] as const)),
);

/** Titles and references of the rules that belong to no check. */
export const GENERAL_RULES = {
  noErrorFindings: { title: 'No finding of severity error', ref: 'RFC 9989, RFC 7208' },
} as const;

/** The reference a rule cites (its own, whatever a particular result says). */
export function ruleRef(rule: RuleName | 'dns'): string {
  if (rule === 'dns') return 'RFC 9989 §4.10.1';
  return CHECK_RULES.get(rule)?.definition.ref ?? (rule in GENERAL_RULES ? GENERAL_RULES[rule as keyof typeof GENERAL_RULES].ref : '');
}

/** Every error finding not already judged by a rule (DNS errors make the domain undetermined instead), one per code. */
function errorFindingChecks(audit: DomainAudit, judged: ReadonlySet<string>): RuleCheck[] {
  const seen = new Set<string>(judged);
  const checks: RuleCheck[] = [];
  for (const finding of audit.findings) {
    if (finding.code === 'DNS_ERROR' || seen.has(finding.code) || severityOf(finding) !== 'error') continue;
    seen.add(finding.code);
    checks.push({ status: 'fail', finding });
  }
  return checks.length > 0 ? checks : [{ status: 'pass', finding: { code: 'GATE_PASSED' } }];
}

/**
 * Fail-closed: whatever rules are configured, a domain whose audit met a DNS failure cannot pass,
 * because some fact the report shows may be wrong. One undetermined result per domain, or none.
 */
export function dnsCompleteness(audit: DomainAudit): RuleResult[] {
  const error = audit.findings.find((f) => f.code === 'DNS_ERROR');
  if (!error && audit.verdict !== 'error') return [];
  return [{ rule: 'dns', status: 'undetermined', finding: error ?? { code: 'GATE_DMARC_UNKNOWN' } }];
}

const findingKey = (finding: FindingData): string => JSON.stringify([finding.code, finding.args ?? {}]);

/** Marks results that repeat an earlier result's finding, so each problem is shown once. */
function markRepeats(results: RuleResult[]): RuleResult[] {
  const first = new Map<string, RuleResult>();
  return results.map((result) => {
    if (result.status === 'pass') return result;
    const key = `${result.status} ${findingKey(result.finding)}`;
    const earlier = first.get(key);
    if (!earlier) {
      first.set(key, result);
      return result;
    }
    return { ...result, sameAs: earlier.rule };
  });
}

/** Judges one domain's audit against the rules that are switched on (null or false is off), in rule order. Pure. */
export function evaluateRules(audit: DomainAudit, rules: Rules): RuleResult[] {
  const results: RuleResult[] = [];
  const judged = new Set<string>();
  const record = (rule: RuleName, checks: RuleCheck | RuleCheck[]): void => {
    for (const check of [checks].flat()) {
      if (check.status !== 'pass') {
        judged.add(check.finding.code);
        for (const code of check.covers ?? []) judged.add(code);
      }
      results.push({ rule, status: check.status, finding: check.finding as FindingData<CatalogCode> });
    }
  };
  for (const [name, rule] of CHECK_RULES) {
    const value = rules[name as RuleName];
    if (value === undefined || value === null || value === false) continue;
    const result = (audit.results as Record<string, unknown>)[rule.check];
    // A rule of a check that did not run cannot be judged: undetermined, never passed.
    if (result === undefined) record(name as RuleName, { status: 'undetermined', finding: { code: 'GATE_CHECK_NOT_RUN', args: { rule: name, check: rule.check } } });
    else record(name as RuleName, rule.definition.check(value, result, audit.domain));
  }
  if (rules.noErrorFindings) record('noErrorFindings', errorFindingChecks(audit, judged));
  return markRepeats([...results, ...dnsCompleteness(audit)]);
}
