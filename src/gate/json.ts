import { safeJson } from '../render/escape.js';
import { reportOf } from '../report/report.js';
import { wordsOf, type GateOutcome } from './evaluate.js';
import { resultId, ruleRef } from './rules.js';

/**
 * The gate outcome as JSON (README "Output"): per domain its status, profile, location, every rule
 * result in words, and the full audit report.
 */
export function renderGateJson(outcome: GateOutcome): string {
  const domains = outcome.domains.map(({ audit, results, ...domain }) => ({
    ...domain,
    results: results.map((result) => {
      const { message, fix, ref } = wordsOf(result);
      const id = resultId(result);
      return {
        rule: result.rule,
        ...(id !== result.rule ? { code: id } : {}),
        status: result.status,
        message,
        fix: result.status === 'pass' ? '' : fix,
        ref: result.status === 'pass' ? ruleRef(result.rule) : ref,
        ...(result.sameAs ? { sameAs: result.sameAs } : {}),
        ...(result.ignored ? { ignored: result.ignored } : {}),
      };
    }),
    report: reportOf(audit),
  }));
  return `${safeJson({ status: outcome.status, domains, counts: outcome.counts, expiredIgnores: outcome.expiredIgnores }, 2)}\n`;
}
