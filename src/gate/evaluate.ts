import { DEFAULT_CHECKS } from '../checks/plan.js';
import type { CheckId } from '../checks/registry.js';
import type { DomainAudit } from '../engine/audit.js';
import type { DomainOverride, IgnoreEntry, ProfileName, Rules } from './config-schema.js';
import { describe, type Described } from '../findings/describe.js';
import { ignoreFor, sortIgnores } from './ignores.js';
import { PROFILES } from './profiles.js';
import { CHECK_RULES, evaluateRules, type RuleResult } from './rules.js';

/** Where a domain was named, for SARIF locations and annotations. */
export interface SourceLocation {
  /** Path as given (relative to the working directory when it was relative). */
  file: string;
  line: number;
}

export interface GateTarget {
  /** Normalized domain name. */
  domain: string;
  location?: SourceLocation;
}

/** A validated config with domains read and normalized: everything the gate needs besides DNS. */
export interface GatePlan {
  targets: GateTarget[];
  profile: ProfileName;
  rules: Rules;
  /** Keyed by normalized domain. */
  overrides: Record<string, DomainOverride>;
  /** The config's `checks` (undefined: the default checks). */
  checks?: CheckId[];
  /** The config's check options (e.g. dkimSelectors), keyed by CheckOptionSpec.key. */
  checkOptions?: Record<string, unknown>;
  ignore: IgnoreEntry[];
  /** The file that configured the gate, if any. */
  configFile?: string;
}

export type GateStatus = 'pass' | 'fail' | 'undetermined';

export interface GateResult extends RuleResult {
  /** Set when a failure is accepted by an ignore entry; the result then does not fail the gate. */
  ignored?: { reason: string; expires?: string };
}

export interface DomainOutcome extends GateTarget {
  status: GateStatus;
  profile: ProfileName;
  results: GateResult[];
  audit: DomainAudit;
}

export interface GateOutcome {
  /** fail when any domain fails; else undetermined when any could not be judged; else pass. */
  status: GateStatus;
  domains: DomainOutcome[];
  counts: Record<GateStatus, number>;
  expiredIgnores: IgnoreEntry[];
}

/** The rules for one domain: its profile (an override's or the config's), then the config's rules, then the override's. */
export function rulesFor(plan: GatePlan, domain: string): { profile: ProfileName; rules: Rules } {
  const override = plan.overrides[domain];
  const profile = override?.profile ?? plan.profile;
  return { profile, rules: { ...PROFILES[profile].rules, ...plan.rules, ...override?.rules } };
}

/**
 * The checks a domain's audit runs when neither the config nor the command line lists them: the default
 * checks, every check a switched-on rule reads (requireMtaSts runs mtaSts…), and those its profile runs
 * for advice. With a list, a rule of a check left out stays undetermined (GATE_CHECK_NOT_RUN).
 */
export function checksFor(plan: GatePlan, domain: string): CheckId[] {
  const { profile, rules } = rulesFor(plan, domain);
  const read: CheckId[] = [];
  for (const [name, value] of Object.entries(rules)) {
    const rule = CHECK_RULES.get(name);
    if (rule && value !== undefined && value !== null && value !== false) read.push(rule.check as CheckId);
  }
  return [...new Set([...DEFAULT_CHECKS, ...read, ...(PROFILES[profile].advises ?? [])])];
}

/** A definite violation outranks an unknown: a domain with both fails, and so does the gate. */
function worst(statuses: GateStatus[]): GateStatus {
  if (statuses.includes('fail')) return 'fail';
  return statuses.includes('undetermined') ? 'undetermined' : 'pass';
}

export function evaluateDomain(plan: GatePlan, target: GateTarget, audit: DomainAudit, activeIgnores: readonly IgnoreEntry[]): DomainOutcome {
  const { profile, rules } = rulesFor(plan, target.domain);
  const results = evaluateRules(audit, rules).map((result): GateResult => {
    const entry = ignoreFor(activeIgnores, target.domain, result);
    if (!entry) return result;
    return { ...result, ignored: entry.expires === undefined ? { reason: entry.reason } : { reason: entry.reason, expires: entry.expires } };
  });
  const status = worst(results.filter((r) => !r.ignored).map((r) => r.status));
  return { ...target, status, profile, results, audit };
}

/** The whole gate over audits (in target order). Pure: `today` is YYYY-MM-DD. */
export function evaluateGate(plan: GatePlan, audits: readonly DomainAudit[], today: string): GateOutcome {
  const { active, expired } = sortIgnores(plan.ignore, today);
  const domains = plan.targets.map((target, index) => evaluateDomain(plan, target, audits[index] as DomainAudit, active));
  const counts: Record<GateStatus, number> = { pass: 0, fail: 0, undetermined: 0 };
  for (const outcome of domains) counts[outcome.status]++;
  return { status: worst(domains.map((d) => d.status)), domains, counts, expiredIgnores: expired };
}

/** The results a reader acts on: failures (ignored ones too, marked) and undetermined ones, each problem once. */
export function problems(outcome: DomainOutcome): GateResult[] {
  return outcome.results.filter((r) => r.status !== 'pass' && r.sameAs === undefined);
}

/** A result in words (message, fix, reference), from the catalog at render time. */
export function wordsOf(result: GateResult): Described {
  return describe(result.finding);
}
