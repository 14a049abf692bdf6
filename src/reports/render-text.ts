/**
 * The reports analysis as text for a terminal: 80 columns, and everything that came from a report
 * or from DNS escaped (reports are attacker-controlled: a reporter name may hold terminal escapes).
 */
import type { ChalkInstance } from 'chalk';
import { escapeForTerminal } from '../render/escape.js';
import { wrapText } from '../render/wrap.js';
import type { DomainAnalysis, ReportsOutput, TlsSummary } from './output-schema.js';

const WIDTH = 80;
/** Sources listed per domain in text; JSON and CSV have them all. */
const SOURCES_SHOWN = 15;

const esc = escapeForTerminal;
const num = (n: number): string => n.toLocaleString('en-US');
const pct = (share: number): string => `${(share * 100).toFixed(share > 0 && share < 0.001 ? 3 : 1)}%`;
const day = (iso: string): string => iso.slice(0, 10);
const many = (n: number, word: string): string => `${num(n)} ${word}${n === 1 ? '' : 's'}`;

/** `text` wrapped to 80 columns, the first line after `first`, the others indented by `indent`. */
function wrapped(first: string, text: string, indent: string): string[] {
  const visible = first.replace(/\x1b\[[0-9;]*m/g, '').length;
  const lines = wrapText(text, WIDTH - Math.max(visible, indent.length));
  return lines.map((line, i) => (i === 0 ? `${first}${line}` : `${indent}${line}`));
}

export function renderReportsText(output: ReportsOutput, chalk: ChalkInstance): string {
  const parts: string[] = [];
  for (const domain of output.domains) parts.push(renderDomain(domain, chalk));
  if (output.tls.length > 0) parts.push(renderTls(output.tls, chalk));
  if (parts.length === 0) parts.push('No aggregate or TLS report was read.\n');
  return parts.join('\n');
}

const VERDICT_WORDS = { ready: 'READY', 'not-ready': 'NOT READY', 'no-data': 'NO DATA' } as const;

/** The verdict line, wrapped as plain text first so colour codes do not count toward the width. */
function verdictLines(d: DomainAnalysis, chalk: ChalkInstance): string[] {
  const word = VERDICT_WORDS[d.verdict];
  const detail = d.verdict === 'no-data' ? 'no report covers it in the window' : `enforcement would block ${pct(d.legitimate.share)} of legitimate mail (threshold ${pct(d.threshold)})`;
  const color = d.verdict === 'ready' ? chalk.green : d.verdict === 'not-ready' ? chalk.red : chalk.yellow;
  const lines = wrapped('', `${esc(d.domain)}: ${word}: ${detail}`, '  ');
  lines[0] = lines[0]!.replace(`: ${word}:`, `: ${color(word)}:`);
  return lines;
}

function renderDomain(d: DomainAnalysis, chalk: ChalkInstance): string {
  const out: string[] = verdictLines(d, chalk);
  if (d.period) out.push(...wrapped('  ', `${day(d.period.begin)} to ${day(d.period.end)}, ${many(d.reports, 'report')} from ${many(d.reporters.length, 'reporter')}: ${many(d.messages, 'message')}, ${pct(d.dmarcPassShare)} pass DMARC`, '  '));
  const tags = [`p=${d.policy.p || 'none'}`, d.policy.sp && `sp=${d.policy.sp}`, d.policy.np && `np=${d.policy.np}`, d.policy.testing === 'y' && 't=y'].filter(Boolean).join(' ');
  out.push(...wrapped('  policy: ', esc(`${tags} (${d.policy.source === 'dns' ? "today's DNS" : 'latest report'})${d.policy.note ? `; ${d.policy.note}` : ''}`), '    '));
  out.push(...wrapped(`  next step: ${chalk.bold(d.nextStep.change ?? d.nextStep.action)}: `, d.nextStep.why, '    '));
  if (d.blockers.length > 0) {
    out.push('  blocking senders:');
    for (const b of d.blockers) {
      const fixed = b.fixedNow === 'not-checked' ? '' : `; fixed in today's DNS: ${b.fixedNow}`;
      out.push(...wrapped('    ', esc(`${b.name}: ${many(b.messages, 'message')} (${pct(b.share)}) from ${many(b.ips.length, 'IP')}${fixed}`), '      '));
      out.push(...wrapped('      fix: ', esc(b.fix), '        '));
      if (b.docs) out.push(...wrapped('      docs: ', esc(b.docs), '        '));
    }
  }
  if (d.spoofing.messages > 0) out.push(...wrapped('  ', `probable spoofing (enforcement stops it): ${many(d.spoofing.messages, 'message')} (${pct(d.spoofing.share)})`, '    '));
  if (d.forwarded.messages > 0) out.push(`  forwarded or mailing lists (receivers override): ${many(d.forwarded.messages, 'message')}`);
  if (d.services.length > 0) {
    out.push('  services:');
    for (const s of d.services) {
      const label = s.legitimate ? 'legitimate' : s.kind === 'unidentified' ? 'unidentified' : 'not shown to send for it';
      out.push(...wrapped('    ', esc(`${s.name}: ${many(s.messages, 'message')}, ${pct(s.messages === 0 ? 0 : s.dmarcPass / s.messages)} pass, ${many(s.ips.length, 'IP')}, ${label}`), '      '));
    }
  }
  if (d.sources.length > 0) {
    out.push(`  sources${d.sources.length > SOURCES_SHOWN ? ` (${SOURCES_SHOWN} largest of ${num(d.sources.length)})` : ''}:`);
    for (const s of d.sources.slice(0, SOURCES_SHOWN)) {
      const ptr = s.ptr.status === 'confirmed' ? ` ${s.ptr.name}` : '';
      const spf = s.live?.spf ? `; SPF today: ${s.live.spf.result}` : '';
      out.push(...wrapped('    ', esc(`${s.ip}${ptr}: ${many(s.messages, 'message')}, ${num(s.dmarcPass)} pass, ${s.classification}${spf}`), '      '));
    }
  }
  return `${out.join('\n')}\n`;
}

function renderTls(tls: TlsSummary[], chalk: ChalkInstance): string {
  const out = [chalk.bold('SMTP TLS reports (RFC 8460)')];
  for (const t of tls) {
    out.push(...wrapped('  ', esc(`${t.policyDomain}: ${num(t.successfulSessions)} sessions succeeded, ${num(t.failedSessions)} failed (${many(t.reports, 'report')} from ${t.reporters.join(', ')})`), '    '));
    const types = Object.entries(t.failuresByResultType).map(([k, v]) => `${k} ${num(v)}`).join(', ');
    const mx = Object.entries(t.failuresByMx).map(([k, v]) => `${k} ${num(v)}`).join(', ');
    if (types) out.push(...wrapped('    failures by result: ', esc(types), '      '));
    if (mx) out.push(...wrapped('    failures by MX: ', esc(mx), '      '));
  }
  return `${out.join('\n')}\n`;
}
