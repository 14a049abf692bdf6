import { CHECK_IDS } from '../checks/registry.js';
import { serializerFor } from '../render/formats.js';
import { renderSummaryText } from '../render/summary-text.js';
import { chalkFor } from './colors.js';
import { UsageError } from './errors.js';
import { openOutput } from './output-target.js';
import type { ReportOptions } from './report-command.js';
import { ReportOutput, writeSummaryFile } from './report-output.js';
import { InputNotes, openSavedInputs, savedItems } from './saved-input.js';
import { ChunkedOutput } from './write.js';

/** Where a report was first read: input index and line, packed in one number so a million domains stay cheap to remember. */
const at = (input: number, line: number): number => input * 2 ** 32 + line;

/** `dmarc-audit report`: saved reports in, every output of audit out, each domain counted once. */
export async function runReport(files: string[], options: ReportOptions): Promise<void> {
  if (files.filter((file) => file === '-').length > 1) throw new UsageError('standard input (-) can be read once');
  const inputs = await openSavedInputs(files, 'saved reports');
  const output = await openOutput('--output', options.output);
  const summaryOutput = options.summary === undefined ? undefined : await openOutput('--summary', options.summary).catch(async (error: unknown) => {
    await output.discard();
    throw error;
  });
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const out = new ChunkedOutput(output.stream);
  const reports = new ReportOutput(out, serializerFor(options.format, chalkFor(options.output === undefined ? process.stdout : process.stderr, options.output === undefined ? options.color : false)), options.failOn);
  const notes = new InputNotes();
  const firstSeen = new Map<string, number>();
  const checks = new Set<string>();
  let lines = 0;
  try {
    await reports.start();
    for (const [index, input] of inputs.entries()) {
      for await (const items of savedItems(input)) {
        for (const item of items) {
          lines++;
          const where = `${input.name}:${item.line}`;
          if (item.kind === 'bad') {
            notes.note('bad lines', `${where}: ${item.reason}; the line is skipped`);
            continue;
          }
          const { report } = item;
          // An input line that was not a domain has no name to be a duplicate of: each is its own report.
          if (report.checks.length > 0) {
            const first = firstSeen.get(report.domain);
            if (first !== undefined) {
              const firstInput = inputs[Math.floor(first / 2 ** 32)]?.name ?? '?';
              notes.note('duplicates', `${where}: ${report.domain} was read before, at ${firstInput}:${first % 2 ** 32}; counted once (the first)`);
              continue;
            }
            firstSeen.set(report.domain, at(index, item.line));
          }
          for (const id of report.checks) checks.add(id);
          const wait = reports.add(report);
          if (wait) await wait;
        }
      }
    }
    const summary = reports.summary((performance.now() - started) / 1000, 0);
    const ran = [...CHECK_IDS.filter((id) => checks.has(id)), ...[...checks].filter((id) => !(CHECK_IDS as readonly string[]).includes(id))];
    await reports.end({ summary, started: startedAt, checks: ran, inputs: inputs.map((input) => input.name) });
    await output.commit();
    notes.finish();
    const read = { files: inputs.length, lines, reports: reports.count, badLines: notes.count('bad lines'), duplicates: notes.count('duplicates') };
    if (summaryOutput) await writeSummaryFile(summaryOutput, { ...summary, read }, false);
    if (!options.quiet) {
      process.stderr.write(renderSummaryText(summary));
      process.stderr.write(`  read          ${read.reports} reports from ${read.files} file${read.files === 1 ? '' : 's'}; ${read.badLines} bad lines skipped, ${read.duplicates} duplicates counted once\n`);
    }
  } catch (error) {
    await out.flush().catch(() => {});
    await Promise.all([output.discard(), summaryOutput?.discard()]);
    throw error;
  }
  reports.throwForFailOn();
}
