/**
 * `reports --format html`: the readiness analysis as one self-contained page (src/render/html/page.ts):
 * an overview of the verdicts, what enforcement would block and the probable spoofing, then every From
 * domain with its blocking senders, fixes, services and sources. Report contents are written by
 * strangers and reach the page only as text.
 */
import { TONES } from '../render/html/audit-page.js';
import { barChart, PALETTE, tile, type Bar } from '../render/html/charts.js';
import { escapeForTerminal } from '../render/escape.js';
import { untrustedHtml } from '../render/html/escape.js';
import { factList } from '../render/html/overview.js';
import { pageEnd, pageStart, type PageSpec } from '../render/html/page.js';
import { PageDataEncoder, type DetailBlock, type ListEntry } from '../render/html/page-data.js';
import type { DomainAnalysis, ReportsOutput } from './output-schema.js';

/** Sources listed in a domain's details; JSON and CSV have them all. */
const SOURCES_SHOWN = 50;
const CHART_DOMAINS = 15;

const SPEC: PageSpec = {
  title: 'dmarc-audit reports',
  subtitle: 'DMARC aggregate reports (RFC 9990): for each From domain, what p=quarantine or p=reject would block, who sends, and what to fix first.',
  subject: 'domains',
  columns: [
    { name: 'Domain' },
    { name: 'Verdict', filter: true, badge: true },
    { name: 'Messages' },
    { name: 'DMARC pass %' },
    { name: 'Legitimate mail blocked %' },
    { name: 'Spoofing %' },
    { name: 'Blocking senders' },
    { name: 'Next step', filter: true },
    { name: 'Policy', filter: true },
    { name: 'Reports' },
  ],
  lists: [{ title: 'Blocking senders', empty: 'No legitimate sender would be blocked.', filter: 'Blocking sender' }],
  tones: { ...TONES, blocking: 'bad' },
};

const pct = (share: number): number => Math.round(share * 10_000) / 100;
const many = (n: number, word: string): string => `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;

function blockerEntries(d: DomainAnalysis): ListEntry[] {
  return d.blockers.map((b) => {
    const fixed = b.fixedNow === 'not-checked' ? '' : `; fixed in today's DNS: ${b.fixedNow}`;
    return [b.name, 'blocking', `${many(b.messages, 'message')} (${pct(b.share)}%) from ${many(b.ips.length, 'IP')}: ${b.ips.slice(0, 10).join(', ')}${b.ips.length > 10 ? ', …' : ''}${fixed}`, b.fix, b.docs ?? ''];
  });
}

function blocks(d: DomainAnalysis): DetailBlock[] {
  const tags = [`p=${d.policy.p || 'none'}`, d.policy.sp && `sp=${d.policy.sp}`, d.policy.np && `np=${d.policy.np}`, d.policy.testing === 'y' && 't=y'].filter(Boolean).join(' ');
  const policy = [
    `policy: ${tags} (${d.policy.source === 'dns' ? "today's DNS" : 'latest report'})${d.policy.note ? `; ${d.policy.note}` : ''}`,
    ...(d.policy.record ? [`record: ${d.policy.record}`] : []),
    `next step: ${d.nextStep.change ?? d.nextStep.action}: ${d.nextStep.why}`,
    ...(d.period ? [`period: ${d.period.begin} to ${d.period.end}, ${many(d.reports, 'report')} from ${d.reporters.join(', ')}`] : []),
    `spoofing: ${many(d.spoofing.messages, 'message')} (${pct(d.spoofing.share)}%); forwarded or mailing lists: ${many(d.forwarded.messages, 'message')}`,
  ];
  const services = d.services.map((s) => `${s.name} (${s.kind}${s.legitimate ? ', legitimate' : ''}): ${many(s.messages, 'message')}, ${s.dmarcPass.toLocaleString('en-US')} pass, ${s.blocking.toLocaleString('en-US')} would be blocked, ${many(s.ips.length, 'IP')}`);
  const sources = d.sources.slice(0, SOURCES_SHOWN).map((s) => {
    const ptr = s.ptr.status === 'confirmed' ? ` ${s.ptr.name}` : '';
    const spf = s.live?.spf ? `; SPF today: ${s.live.spf.result}` : '';
    return `${s.ip}${ptr}: ${many(s.messages, 'message')}, ${s.dmarcPass.toLocaleString('en-US')} pass, ${s.classification} (${s.why})${spf}`;
  });
  // Block lines are shown as they are: report data gets the terminal escape here.
  const safe = (lines: string[]): string[] => lines.map(escapeForTerminal);
  const list: DetailBlock[] = [{ title: 'Policy and next step', lines: safe(policy) }];
  if (services.length > 0) list.push({ title: 'Services', lines: safe(services) });
  if (sources.length > 0) list.push({ title: d.sources.length > SOURCES_SHOWN ? `Sources (largest ${SOURCES_SHOWN} of ${d.sources.length})` : 'Sources', lines: safe(sources) });
  return list;
}

const VERDICT_COLORS: Record<string, string> = { ready: PALETTE.green, 'not-ready': PALETTE.vermillion, 'no-data': PALETTE.grey };

function overview(output: ReportsOutput): string {
  const total = output.domains.length;
  const tally = (count: number, of = total) => ({ count, share: of === 0 ? 0 : Math.round((count / of) * 10_000) / 10_000 });
  const verdicts = (['ready', 'not-ready', 'no-data'] as const).map((v): Bar => ({ label: v, tally: tally(output.domains.filter((d) => d.verdict === v).length), color: VERDICT_COLORS[v] }));
  const i = output.inputs;
  const facts: [string, string][] = [
    ['Generated', output.generatedAt],
    ['Window', output.window.since ? `reports ending after ${output.window.since}` : 'every report read'],
    ['Inputs', `${many(i.reports, 'aggregate report')} analysed, ${i.duplicates} duplicates dropped, ${i.outsideWindow} outside the window, ${many(i.tlsReports, 'TLS report')}, ${i.refused.length} not read, ${i.warnings.length} read with warnings`],
  ];
  const largest = (key: (d: DomainAnalysis) => number, share: (d: DomainAnalysis) => number): Bar[] =>
    [...output.domains].filter((d) => key(d) > 0).sort((a, b) => key(b) - key(a)).slice(0, CHART_DOMAINS).map((d) => ({ label: d.domain, tally: { count: key(d), share: share(d) } }));
  const charts = [
    barChart('chart-verdict', 'Readiness for enforcement', verdicts, { head: 'verdict' }),
    barChart('chart-blocking', 'Legitimate mail enforcement would block', largest((d) => d.legitimate.blocking, (d) => d.legitimate.share), { head: 'domain', note: 'Messages, and their share of the domain’s mail from legitimate sources (largest first).' }),
    barChart('chart-spoofing', 'Probable spoofing (enforcement stops it)', largest((d) => d.spoofing.messages, (d) => d.spoofing.share).map((bar) => ({ ...bar, color: PALETTE.orange })), { head: 'domain', note: 'Failing mail from unidentified sources, and its share of all the domain’s mail.' }),
  ];
  if (output.tls.length > 0) {
    const sessions = output.tls.map((t): Bar => ({ label: t.policyDomain, tally: tally(t.failedSessions, t.failedSessions + t.successfulSessions), color: PALETTE.purple }));
    charts.push(barChart('chart-tls', 'SMTP TLS reports (RFC 8460): failed sessions', sessions, { head: 'policy domain', note: 'Failed sessions, and their share of the sessions reported.' }));
  }
  const problems = [...i.refused.map((r) => `${r.origin}: ${r.reason}`), ...i.warnings.map((w) => `${w.origin}: ${w.message}`)];
  const problemList = problems.length === 0 ? '' : `<details class="numbers"><summary>Inputs not read or read with warnings (${problems.length})</summary><ul>${problems.slice(0, 200).map((p) => `<li>${untrustedHtml(p)}</li>`).join('')}</ul></details>`;
  return `${factList(facts)}${problemList}<h3>Verdicts</h3><ul class="tiles">${verdicts.map((v) => tile(v.label, v.tally, v.color ?? PALETTE.grey)).join('')}</ul><div class="charts">${charts.join('\n')}</div>`;
}

export function renderReportsHtml(output: ReportsOutput): string {
  const data = new PageDataEncoder();
  const parts = [pageStart(SPEC)];
  for (const d of output.domains) {
    const cells = [d.domain, d.verdict, d.messages, pct(d.dmarcPassShare), pct(d.legitimate.share), pct(d.spoofing.share), d.blockers.length, d.nextStep.change ?? d.nextStep.action, d.policy.p || 'none', d.reports];
    parts.push(data.row({ cells, lists: [blockerEntries(d)], blocks: blocks(d) }));
  }
  parts.push(pageEnd(overview(output), `Made by dmarc-audit reports from ${many(output.inputs.reports, 'aggregate report')}. The page loads nothing from the network.`));
  return parts.join('');
}
