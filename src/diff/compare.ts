/**
 * What changed for one domain between two runs, each change classified: a regression (protection
 * got weaker or a problem appeared), an improvement, or a change (a record edited, a lookup count
 * moved, a problem reworded). Built over the registry: every check's CSV columns are compared, so a new
 * check's facts appear in diffs without touching this file.
 */
import { ALL_CHECKS } from '../checks/registry.js';
import type { CsvColumn } from '../checks/types.js';
import { sectionIn, type ReportData } from '../report/report.js';

export type ChangeClass = 'regression' | 'improvement' | 'change';
type Cell = string | number | boolean | null;

export interface Change {
  class: ChangeClass;
  /** `domain`, `verdict`, `grade`, `checks`, a check's CSV column (e.g. `spf_lookups`, `dmarc_record`) or `finding`. */
  field: string;
  /** For `finding`: the code, and whether it `appeared`, `disappeared` or was `reworded`. */
  code?: string;
  finding?: 'appeared' | 'disappeared' | 'reworded';
  old: Cell;
  new: Cell;
}

export interface DomainDiff {
  domain: string;
  status: 'added' | 'removed' | 'changed';
  changes: Change[];
}

const VERDICT_RANK: Record<string, number> = { enforcing: 3, monitoring: 2, unprotected: 1 };
const GRADES = ['A', 'B', 'C', 'D', 'F'];

/** Along a best-first list: later is worse. Values not on it make a plain change. */
function alongOrder(order: readonly Cell[], before: Cell, after: Cell): ChangeClass {
  const from = order.indexOf(before);
  const to = order.indexOf(after);
  if (from === -1 || to === -1) return 'change';
  return to > from ? 'regression' : 'improvement';
}

/** A verdict that can no longer be determined fails closed as a regression; one that now can be is a change, as nothing is known of before. */
function verdictClass(before: string, after: string): ChangeClass {
  if (after === 'error') return 'regression';
  if (before === 'error') return 'change';
  return (VERDICT_RANK[after] ?? 0) < (VERDICT_RANK[before] ?? 0) ? 'regression' : 'improvement';
}

/** Findings by code: a code that appeared (error or warning: a regression), disappeared (an improvement), or whose messages changed. */
function findingChanges(before: ReportData, after: ReportData): Change[] {
  const byCode = (report: ReportData): Map<string, { severity: string; messages: string[] }> => {
    const codes = new Map<string, { severity: string; messages: string[] }>();
    for (const f of report.findings) {
      const entry = codes.get(f.code) ?? { severity: f.severity, messages: [] };
      entry.messages.push(f.message);
      codes.set(f.code, entry);
    }
    return codes;
  };
  const old = byCode(before);
  const now = byCode(after);
  const changes: Change[] = [];
  const serious = (severity: string): boolean => severity === 'error' || severity === 'warning';
  for (const [code, { severity, messages }] of now) {
    const was = old.get(code);
    if (!was) changes.push({ class: serious(severity) ? 'regression' : 'change', field: 'finding', code, finding: 'appeared', old: null, new: messages.join(' | ') });
    else if ([...was.messages].sort().join('\n') !== [...messages].sort().join('\n')) {
      changes.push({ class: 'change', field: 'finding', code, finding: 'reworded', old: was.messages.join(' | '), new: messages.join(' | ') });
    }
  }
  for (const [code, { severity, messages }] of old) {
    if (!now.has(code)) changes.push({ class: serious(severity) ? 'improvement' : 'change', field: 'finding', code, finding: 'disappeared', old: messages.join(' | '), new: null });
  }
  return changes;
}

function columnChanges(before: ReportData, after: ReportData): Change[] {
  const changes: Change[] = [];
  for (const check of ALL_CHECKS) {
    const old = sectionIn(before, check.id);
    const now = sectionIn(after, check.id);
    if (old === undefined && now === undefined) continue;
    for (const column of check.csv as CsvColumn<unknown>[]) {
      const from = old === undefined ? null : column.value(old);
      const to = now === undefined ? null : column.value(now);
      if (from === to) continue;
      changes.push({ class: column.order && old !== undefined && now !== undefined ? alongOrder(column.order, from, to) : 'change', field: column.name, old: from, new: to });
    }
  }
  return changes;
}

/** The changes between a domain's old and new report; null when nothing that is compared changed. */
export function compareReports(before: ReportData | null, after: ReportData | null): DomainDiff | null {
  if (after === null && before !== null) return { domain: before.domain, status: 'removed', changes: [{ class: 'change', field: 'domain', old: `${before.verdict}, grade ${before.grade}`, new: null }] };
  if (before === null && after !== null) return { domain: after.domain, status: 'added', changes: [{ class: 'change', field: 'domain', old: null, new: `${after.verdict}, grade ${after.grade}` }] };
  if (before === null || after === null) return null;
  const changes: Change[] = [];
  if (before.verdict !== after.verdict) changes.push({ class: verdictClass(before.verdict, after.verdict), field: 'verdict', old: before.verdict, new: after.verdict });
  if (before.grade !== after.grade) changes.push({ class: alongOrder(GRADES, before.grade, after.grade), field: 'grade', old: before.grade, new: after.grade });
  const checksBefore = before.checks.join(',');
  const checksAfter = after.checks.join(',');
  if (checksBefore !== checksAfter) changes.push({ class: 'change', field: 'checks', old: checksBefore, new: checksAfter });
  changes.push(...columnChanges(before, after), ...findingChanges(before, after));
  return changes.length === 0 ? null : { domain: after.domain, status: 'changed', changes };
}

/** The worst class among changes: what a domain counts as in the summary. */
export function worstClass(changes: readonly Change[]): ChangeClass {
  if (changes.some((c) => c.class === 'regression')) return 'regression';
  return changes.some((c) => c.class === 'improvement') ? 'improvement' : 'change';
}
