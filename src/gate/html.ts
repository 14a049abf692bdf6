import { CHECK_IDS } from '../checks/registry.js';
import { FINDINGS_LIST, REPORT_COLUMNS, reportRowParts, TONES } from '../render/html/audit-page.js';
import { barChart, PALETTE } from '../render/html/charts.js';
import { auditOverview } from '../render/html/overview.js';
import { pageEnd, pageStart, type PageSpec } from '../render/html/page.js';
import { PageDataEncoder, type ListEntry } from '../render/html/page-data.js';
import { reportOf } from '../report/report.js';
import { SummaryCollector, summaryTally } from '../report/summary.js';
import type { DomainOutcome, GateOutcome, GateStatus } from './evaluate.js';
import { problems, wordsOf } from './evaluate.js';
import { resultId } from './rules.js';

const SPEC: PageSpec = {
  title: 'dmarc-audit gate',
  subtitle: 'Each domain judged against the committed policy: the rules it fails or that DNS errors left undetermined, with the audit behind them.',
  subject: 'domains',
  columns: [REPORT_COLUMNS[0]!, { name: 'Gate', filter: true, badge: true }, { name: 'Profile', filter: true }, ...REPORT_COLUMNS.slice(1)],
  lists: [{ title: 'Gate rules not passed', empty: 'Every rule passes.', filter: 'Rule not passed' }, FINDINGS_LIST],
  tones: TONES,
};

/** A failed or undetermined rule (or an accepted one, marked ignored with its reason) as a detail entry. */
function problemEntries(domain: DomainOutcome): ListEntry[] {
  return problems(domain).map((result) => {
    const { message, fix, ref } = wordsOf(result);
    const ignored = result.ignored ? ` Ignored${result.ignored.expires ? ` until ${result.ignored.expires}` : ''}: ${result.ignored.reason}` : '';
    return [resultId(result), result.ignored ? 'ignored' : result.status, `${message}${ignored}`, fix, ref];
  });
}

const GATE_COLORS: Record<GateStatus, string> = { pass: PALETTE.green, fail: PALETTE.vermillion, undetermined: PALETTE.purple };

/** What the gate's page says about its run. */
export interface GateRun {
  started: string;
  /** Where the answers came from (name servers, a recording, zone files). */
  dns: readonly string[];
  elapsedSeconds: number;
  dnsQueries: number;
}

/** The gate outcome as one self-contained page (src/render/html/page.ts): the audit page with the gate's verdicts added. */
export function renderGateHtml(outcome: GateOutcome, run: GateRun): string {
  const data = new PageDataEncoder();
  const collector = new SummaryCollector();
  const checks = new Set<string>();
  const parts = [pageStart(SPEC)];
  for (const domain of outcome.domains) {
    const report = reportOf(domain.audit);
    collector.add(summaryTally(report));
    for (const id of report.checks) checks.add(id);
    const { cells, findings, blocks } = reportRowParts(report);
    parts.push(data.row({ cells: [cells[0]!, domain.status, domain.profile, ...cells.slice(1)], lists: [problemEntries(domain), findings], blocks }));
  }
  const total = outcome.domains.length;
  const share = (n: number): number => (total === 0 ? 0 : Math.round((n / total) * 10_000) / 10_000);
  const statuses: GateStatus[] = ['pass', 'fail', 'undetermined'];
  const gateChart = barChart(
    'chart-gate',
    'Gate results',
    statuses.map((status) => ({ label: status, tally: { count: outcome.counts[status], share: share(outcome.counts[status]) }, color: GATE_COLORS[status] })),
    { head: 'result', note: 'Undetermined: DNS errors hid a fact a rule needs; the gate fails closed.' },
  );
  const verdict = { pass: 'passed', fail: 'failed', undetermined: 'failed closed (DNS errors)' }[outcome.status];
  const expired = outcome.expiredIgnores.map((e): [string, string] => ['Expired ignore', `${e.code} (expired ${e.expires ?? ''}): ${e.reason}`]);
  const summary = collector.summary(run.elapsedSeconds, run.dnsQueries);
  const overview = auditOverview(
    { summary, started: run.started, checks: CHECK_IDS.filter((id) => checks.has(id)), dns: run.dns },
    { facts: [['Gate', verdict], ...expired], charts: [gateChart] },
  );
  parts.push(pageEnd(overview, `Made by dmarc-audit gate: ${verdict}, ${outcome.counts.pass} passed, ${outcome.counts.fail} failed, ${outcome.counts.undetermined} undetermined. The page loads nothing from the network.`));
  return parts.join('');
}
