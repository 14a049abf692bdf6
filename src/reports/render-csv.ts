/** CSV of the analysis: one row per domain × source (RFC 4180, CRLF); report-sourced cells escaped and defused. */
import { csvField, neutralizeFormula } from '../render/csv.js';
import { escapeForTerminal } from '../render/escape.js';
import type { ReportsOutput } from './output-schema.js';

export const REPORTS_CSV_COLUMNS = [
  'domain', 'verdict', 'ip', 'ptr', 'service', 'classification', 'messages', 'dmarc_pass', 'dkim_aligned_pass', 'spf_aligned_pass',
  'blocking', 'forwarded_failing', 'dkim_domains', 'spf_domains', 'spf_today', 'reporters',
] as const;

const untrusted = (text: string): string => csvField(neutralizeFormula(escapeForTerminal(text)));

export function renderReportsCsv(output: ReportsOutput): string {
  const rows = [REPORTS_CSV_COLUMNS.join(',')];
  for (const d of output.domains) {
    for (const s of d.sources) {
      rows.push(
        [
          untrusted(d.domain), d.verdict, untrusted(s.ip), untrusted(s.ptr.name ?? ''), untrusted(s.service), s.classification,
          s.messages, s.dmarcPass, s.dkimAlignedPass, s.spfAlignedPass, s.blocking, s.forwardedFailing,
          untrusted([...new Set(s.dkim.map((k) => k.domain))].join(' ')), untrusted([...new Set(s.spf.map((k) => k.domain))].join(' ')),
          s.live?.spf?.result ?? '', untrusted(s.reporters.join(' ')),
        ].join(','),
      );
    }
  }
  return `${rows.join('\r\n')}\r\n`;
}
