/** `dmarc-audit diff` output: text (a block per changed domain), JSON (streamed) or Markdown (summary first). */
import { escapeForTerminal as esc, safeJson } from '../render/escape.js';
import type { FormatOf } from '../render/format-names.js';
import { markdownCell, markdownCode } from '../render/markdown-escape.js';
import type { Change, DomainDiff } from './compare.js';

export type DiffFormat = FormatOf<'diff'>;

export interface DiffSummary {
  old: string;
  new: string;
  /** Domains in both runs, and how many of them changed, by their worst change. */
  compared: number;
  unchanged: number;
  regressions: number;
  improvements: number;
  changes: number;
  added: number;
  removed: number;
  /** Lines that were not reports, and reports of a domain already read, per input. */
  badLines: { old: number; new: number };
  duplicates: { old: number; new: number };
}

export interface DiffSerializer {
  start: string;
  item(diff: DomainDiff, index: number): string;
  end(summary: DiffSummary): string;
}

const shown = (value: Change['old']): string => (value === null ? '—' : String(value));

/** What changed, in words: "verdict: enforcing → monitoring", "finding DMARC_POLICY_NONE appeared: …". */
export function changeWords(change: Change): string {
  if (change.field === 'finding') {
    if (change.finding === 'appeared') return `finding ${change.code} appeared: ${shown(change.new)}`;
    if (change.finding === 'disappeared') return `finding ${change.code} disappeared: ${shown(change.old)}`;
    return `finding ${change.code} reworded: ${shown(change.old)} → ${shown(change.new)}`;
  }
  if (change.field === 'domain') return change.new === null ? `removed (was ${shown(change.old)})` : `added: ${shown(change.new)}`;
  return `${change.field}: ${shown(change.old)} → ${shown(change.new)}`;
}

const plural = (n: number, one: string, many = `${one}s`): string => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

export function summaryWords(s: DiffSummary): string[] {
  const lines = [
    `${plural(s.compared, 'domain')} in both runs: ${s.unchanged.toLocaleString('en-US')} unchanged, ${plural(s.regressions, 'regression')}, ${plural(s.improvements, 'improvement')}, ${s.changes.toLocaleString('en-US')} changed otherwise; ${s.added.toLocaleString('en-US')} added, ${s.removed.toLocaleString('en-US')} removed`,
  ];
  const skipped = s.badLines.old + s.badLines.new + s.duplicates.old + s.duplicates.new;
  if (skipped > 0) lines.push(`skipped: ${s.badLines.old} bad lines in the old run, ${s.badLines.new} in the new; ${s.duplicates.old} and ${s.duplicates.new} repeated domains (the first report of each counts)`);
  return lines;
}

function textSerializer(old: string, now: string): DiffSerializer {
  return {
    start: `dmarc-audit diff: ${esc(old)} → ${esc(now)}\n`,
    item: (diff) => {
      if (diff.status !== 'changed') return `${esc(diff.domain)}  ${esc(changeWords(diff.changes[0]!))}\n`;
      return `${esc(diff.domain)}\n${diff.changes.map((change) => `  ${change.class.padEnd(12)} ${esc(changeWords(change))}\n`).join('')}`;
    },
    end: (summary) => `\n${summaryWords(summary).join('\n')}\n`,
  };
}

function jsonSerializer(old: string, now: string): DiffSerializer {
  return {
    start: `{"version":1,"old":${safeJson(old)},"new":${safeJson(now)},"domains":[`,
    item: (diff, index) => `${index === 0 ? '\n' : ',\n'}${safeJson(diff)}`,
    end: (summary) => `\n],"summary":${safeJson(summary)}}\n`,
  };
}

/** The summary comes first, so the rows wait until the end (held as their Markdown lines). */
function markdownSerializer(old: string, now: string): DiffSerializer {
  const rows: string[] = [];
  return {
    start: '',
    item: (diff) => {
      for (const change of diff.changes) {
        const what = change.field === 'finding' ? `${markdownCode(change.code ?? '')} ${change.finding}` : markdownCode(change.field);
        rows.push(`| ${markdownCell(diff.domain)} | ${change.class} | ${what} | ${markdownCell(shown(change.old))} | ${markdownCell(shown(change.new))} |`);
      }
      return '';
    },
    end: (summary) =>
      [
        `## dmarc-audit diff`,
        '',
        `${markdownCell(old)} → ${markdownCell(now)}`,
        '',
        ...summaryWords(summary).map(markdownCell),
        '',
        '| Domain | Class | What | Old | New |',
        '|---|---|---|---|---|',
        ...rows,
        '',
      ].join('\n'),
  };
}

export function diffSerializerFor(format: DiffFormat, old: string, now: string): DiffSerializer {
  switch (format) {
    case 'text':
      return textSerializer(old, now);
    case 'json':
      return jsonSerializer(old, now);
    case 'markdown':
      return markdownSerializer(old, now);
  }
}
