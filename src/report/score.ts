import type { DmarcDiscovery } from '../dmarc/types.js';
import type { Severity } from '../findings/types.js';
import type { SpfAnalysis } from '../spf/types.js';
import type { Grade, Verdict } from './schema.js';

/**
 * enforcing: receivers quarantine or reject failing mail; monitoring: a usable record whose
 * effective policy is none; unprotected: no usable record; error: DNS failures kept us from knowing.
 */
export function verdictOf(dmarc: Pick<DmarcDiscovery, 'status' | 'effectivePolicy'>): Verdict {
  if (dmarc.status === 'error') return 'error';
  if (dmarc.effectivePolicy === 'quarantine' || dmarc.effectivePolicy === 'reject') return 'enforcing';
  if (dmarc.effectivePolicy === 'none') return 'monitoring';
  return 'unprotected';
}

export interface GradeInput {
  verdict: Verdict;
  effectivePolicy: DmarcDiscovery['effectivePolicy'];
  /** Null when the SPF check did not run: its conditions then count as not met. */
  spf: Pick<SpfAnalysis, 'status' | 'all'> | null;
  findings: { code: string; severity: Severity }[];
}

/**
 * The grade rules, first match wins (documented in the README):
 * F  verdict unprotected or error.
 * D  SPF +all (any host passes SPF, so spoofed mail passes DMARC through SPF alignment),
 *    or monitoring without aggregate reports or without a valid SPF record.
 * C  monitoring with aggregate reports and a valid SPF record; or enforcing with an SPF record that ends
 *    in permerror (no mail passes SPF, so DMARC rests on DKIM alone and legitimate mail may be lost).
 * A  effective reject, a valid SPF record ending in -all or ~all, and no error-severity finding.
 * B  any other enforcing domain.
 */
export function gradeOf({ verdict, effectivePolicy, spf, findings }: GradeInput): Grade {
  if (verdict === 'unprotected' || verdict === 'error') return 'F';
  if (spf?.all === '+all') return 'D';
  const spfValid = spf?.status === 'valid';
  if (verdict === 'monitoring') {
    const reportsRequested = !findings.some((f) => f.code === 'DMARC_NO_RUA');
    return reportsRequested && spfValid ? 'C' : 'D';
  }
  if (spf?.status === 'invalid') return 'C';
  const strictAll = spf?.all === '-all' || spf?.all === '~all';
  const clean = !findings.some((f) => f.severity === 'error');
  return effectivePolicy === 'reject' && spfValid && strictAll && clean ? 'A' : 'B';
}
