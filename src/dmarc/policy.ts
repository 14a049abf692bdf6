import type { DmarcFinding } from './types.js';
import type { DmarcParseResult } from './parse.js';
import { POLICY_RANK } from './policy-rank.js';
import type { DmarcPolicy } from './types.js';

/** Whether the audited domain exists (RFC 9989 §4.10.1: NXDOMAIN/NODATA for A, AAAA and MX = non-existent). */
export type DomainExistence = 'exists' | 'nonexistent' | 'unknown';

export interface PolicyOutcome {
  /** False when receivers ignore the record (void or disputed, or no valid p/sp/np and no valid rua). */
  applied: boolean;
  /** The record's p, or none when a valid rua rescues a record without a valid policy. */
  policy: DmarcPolicy | null;
  appliedTag: 'p' | 'sp' | 'np' | null;
  /** The value of appliedTag, before t=y and pct. */
  appliedPolicy: DmarcPolicy | null;
  effectivePolicy: DmarcPolicy | null;
  enforcing: boolean;
  /** sp and np disagree and we could not tell whether the domain exists. */
  undetermined: boolean;
  findings: DmarcFinding[];
}

const STEP_DOWN: Record<DmarcPolicy, DmarcPolicy> = { reject: 'quarantine', quarantine: 'none', none: 'none' };

/** A record whose p is missing or invalid, or whose sp/np is invalid (RFC 9989 §4.10.1). */
function lacksValidPolicy(parsed: DmarcParseResult): boolean {
  return (
    parsed.record.p === undefined ||
    parsed.errors.some((e) => e.kind === 'bad-value' && (e.tag === 'sp' || e.tag === 'np'))
  );
}

/** The tag and value for a domain covered by a record published at a parent (RFC 9989 §4.7, §4.10.1). */
function subdomainChoice(parsed: DmarcParseResult, p: DmarcPolicy, exists: boolean): { tag: 'p' | 'sp' | 'np'; value: DmarcPolicy } {
  const { sp, np } = parsed.record;
  if (!exists && np) return { tag: 'np', value: np };
  if (sp) return { tag: 'sp', value: sp };
  return { tag: 'p', value: p };
}

/** True when the record gives existing and non-existent subdomains different policies, so existence must be looked up. */
export function existenceMatters(parsed: DmarcParseResult): boolean {
  const { p } = parsed.record;
  if (parsed.disposition !== 'applies' || !p || lacksValidPolicy(parsed)) return false;
  return subdomainChoice(parsed, p, true).value !== subdomainChoice(parsed, p, false).value;
}

/**
 * What receivers do with a record for the audited domain. Pure. `atDomain` says whether the record was
 * published for the domain itself; otherwise `existence` picks sp or np (unknown is fine when they agree;
 * the choice is then reported as for an existing domain).
 */
export function evaluatePolicy(parsed: DmarcParseResult, atDomain: boolean, existence: DomainExistence): PolicyOutcome {
  const findings: DmarcFinding[] = [];
  const outcome: PolicyOutcome = {
    applied: false,
    policy: null,
    appliedTag: null,
    appliedPolicy: null,
    effectivePolicy: null,
    enforcing: false,
    undetermined: false,
    findings,
  };
  const { record } = parsed;
  if (record.rua.length === 0) findings.push({ code: 'DMARC_NO_RUA' });
  // A void record is ignored by every receiver, a disputed one by some: neither is counted as applied.
  if (parsed.disposition !== 'applies') return outcome;

  if (lacksValidPolicy(parsed)) {
    // RFC 9989 §4.10.1: with at least one valid rua URI receivers act as if p=none, else ignore the record.
    if (record.rua.length === 0) return outcome;
    findings.push({ code: 'DMARC_POLICY_NONE', args: { reason: 'no valid policy; a valid rua makes receivers treat the record as p=none' } });
    return { ...outcome, applied: true, policy: 'none', appliedTag: 'p', appliedPolicy: 'none', effectivePolicy: 'none' };
  }

  const p = record.p as DmarcPolicy; // lacksValidPolicy() ruled out undefined
  for (const tag of ['sp', 'np'] as const) {
    const value = record[tag];
    if (value && POLICY_RANK[value] < POLICY_RANK[p]) findings.push({ code: 'DMARC_SUBDOMAIN_POLICY_WEAKER', args: { tag, value, p } });
  }

  if (!atDomain && existence === 'unknown' && existenceMatters(parsed)) {
    return { ...outcome, applied: true, undetermined: true };
  }
  const choice = atDomain ? { tag: 'p' as const, value: p } : subdomainChoice(parsed, p, existence !== 'nonexistent');

  let effective = choice.value;
  let reason = `${choice.tag}=${choice.value}`;
  if (record.t === 'y' && effective !== 'none') {
    effective = STEP_DOWN[effective];
    findings.push({ code: 'DMARC_TESTING_MODE', args: { applied: effective, published: choice.value } });
    reason = 't=y';
  }
  if (effective !== 'none' && record.pct === 0) {
    // Legacy pct=0 (RFC 7489 §6.3): receivers still honouring it apply the policy to no message.
    effective = 'none';
    reason = 'pct=0';
  } else if (effective !== 'none' && record.pct !== undefined && record.pct < 100) {
    findings.push({ code: 'DMARC_PCT_PARTIAL', args: { pct: record.pct } });
  }
  if (effective === 'none') findings.push({ code: 'DMARC_POLICY_NONE', args: { reason } });

  return {
    ...outcome,
    applied: true,
    policy: p,
    appliedTag: choice.tag,
    appliedPolicy: choice.value,
    effectivePolicy: effective,
    enforcing: effective !== 'none',
  };
}
