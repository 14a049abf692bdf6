/**
 * Golden outputs: fixed reports (golden/reports.ndjson: the demo domains, terminal escapes and HTML in
 * records, a DNS timeout, a bad input line) through each renderer, compared with the expected text byte
 * for byte. After a deliberate change: UPDATE_GOLDEN=1 npx vitest run test/render/golden.test.ts, and
 * read the diff of golden/ before committing it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { DiffTally, joinByDomain } from '../../src/diff/join.js';
import { diffSerializerFor, type DiffFormat } from '../../src/diff/render.js';
import type { KeyedLine } from '../../src/diff/sorted-reports.js';
import { serializerFor, type OutputFormat, type RunInfo } from '../../src/render/formats.js';
import { auditOverview } from '../../src/render/html/overview.js';
import { renderSummaryText } from '../../src/render/summary-text.js';
import type { ReportData } from '../../src/report/report.js';
import { parseSavedReport } from '../../src/report/saved-reports.js';
import { SummaryCollector, summaryTally } from '../../src/report/summary.js';
import { laterRun } from '../diff/support.js';

const golden = (name: string): URL => new URL(`golden/${name}`, import.meta.url);

const REPORTS: ReportData[] = readFileSync(golden('reports.ndjson'), 'utf8')
  .trimEnd()
  .split('\n')
  .map((line) => {
    const parsed = parseSavedReport(line);
    if (!('report' in parsed)) throw new Error(parsed.reason);
    return parsed.report;
  });

const collector = new SummaryCollector();
for (const report of REPORTS) collector.add(summaryTally(report));
const RUN: RunInfo = { summary: collector.summary(1.5, 42), started: '2026-12-01T09:00:00.000Z', checks: ['dmarc', 'spf', 'dkim', 'mx'], dns: ['127.0.0.1:53'] };

function render(format: OutputFormat): string {
  const serializer = serializerFor(format, new Chalk({ level: 0 }));
  return serializer.start + REPORTS.map((report, index) => serializer.item(report, index)).join('') + serializer.end(RUN);
}

function expectGolden(name: string, actual: string): void {
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(golden(name), actual);
  expect(actual).toBe(readFileSync(golden(name), 'utf8'));
}

describe('golden outputs', () => {
  it.each([
    ['text', 'reports.txt'],
    ['csv', 'reports.csv'],
    ['markdown', 'reports.md'],
  ] as const)('%s', (format, file) => {
    expectGolden(file, render(format));
  });

  it('the run summary on stderr', () => {
    expectGolden('summary.txt', renderSummaryText(RUN.summary));
  });

  it('the HTML overview: facts, headline shares and every chart with its numbers', () => {
    expectGolden('overview.html', auditOverview(RUN).replace(/></g, '>\n<'));
  });
});

/** A run's reports as the sorted input of the join (sorting itself is tested in test/diff). */
async function* sorted(reports: readonly ReportData[]): AsyncGenerator<KeyedLine> {
  yield* reports.map((r, i) => ({ key: r.domain, line: i + 1, text: JSON.stringify(r) })).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

async function renderDiff(format: DiffFormat): Promise<string> {
  const serializer = diffSerializerFor(format, 'old.ndjson', 'new.ndjson');
  const tally = new DiffTally();
  let text = serializer.start;
  let index = 0;
  for await (const compared of joinByDomain(sorted(REPORTS), sorted(laterRun()), () => {})) {
    tally.add(compared);
    if (compared.diff) text += serializer.item(compared.diff, index++);
  }
  const none = { old: 0, new: 0 };
  const { regression, improvement, change } = tally.changed;
  return text + serializer.end({ old: 'old.ndjson', new: 'new.ndjson', compared: tally.compared, unchanged: tally.unchanged, regressions: regression, improvements: improvement, changes: change, added: tally.added, removed: tally.removed, badLines: none, duplicates: none });
}

describe('golden diff outputs', () => {
  it.each([
    ['text', 'diff.txt'],
    ['markdown', 'diff.md'],
  ] as const)('%s', async (format, file) => {
    expectGolden(file, await renderDiff(format));
  });
});
