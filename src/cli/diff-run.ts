import { rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DiffTally, joinByDomain } from '../diff/join.js';
import { diffSerializerFor, summaryWords, type DiffSummary } from '../diff/render.js';
import { sortedByDomain } from '../diff/sorted-reports.js';
import type { DiffOptions } from './diff-command.js';
import { CliError, EXIT, UsageError } from './errors.js';
import { openOutput } from './output-target.js';
import { InputNotes, openSavedInputs, type SavedInput } from './saved-input.js';
import { ChunkedOutput } from './write.js';

/** Characters of report lines one input holds before it sorts them and writes them to a run file. */
const RUN_CHARACTERS = 16 * 1024 * 1024;

/** Removes the run files when the diff is interrupted, then lets the signal end the process as it would have. */
function removeOnSignal(dir: string): () => void {
  const handler = (signal: NodeJS.Signals): void => {
    rmSync(dir, { recursive: true, force: true });
    process.kill(process.pid, signal);
  };
  process.once('SIGINT', handler);
  process.once('SIGTERM', handler);
  return () => {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
  };
}

/** `dmarc-audit diff`: both runs sorted by domain on disk, walked side by side, each change classified. */
export async function runDiff(oldPath: string, newPath: string, options: DiffOptions): Promise<void> {
  if (oldPath === '-' && newPath === '-') throw new UsageError('standard input (-) can be only one of the two runs');
  const [old, now] = (await openSavedInputs([oldPath, newPath], 'run')) as [SavedInput, SavedInput];
  const output = await openOutput('--output', options.output);
  const tempDir = await mkdtemp(join(tmpdir(), 'dmarc-audit-diff-'));
  const stopWatching = removeOnSignal(tempDir);
  const notes = new InputNotes();
  const bad = { old: 0, new: 0 };
  const duplicates = { old: 0, new: 0 };
  const sorted = (input: SavedInput, side: 'old' | 'new') =>
    sortedByDomain(input.bytes, {
      tempDir,
      prefix: side,
      runBytes: RUN_CHARACTERS,
      onBadLine: (line, reason) => {
        bad[side]++;
        notes.note('bad lines', `${input.name}:${line}: ${reason}; the line is skipped`);
      },
    });
  const serializer = diffSerializerFor(options.format, old.name, now.name);
  const out = new ChunkedOutput(output.stream);
  const tally = new DiffTally();
  let summary: DiffSummary;
  try {
    await out.write(serializer.start);
    let index = 0;
    const compared = joinByDomain(sorted(old, 'old'), sorted(now, 'new'), (side, entry, first) => {
      duplicates[side]++;
      const input = side === 'old' ? old : now;
      notes.note('repeated domains', `${input.name}:${entry.line}: ${entry.key} was read before, at line ${first.line}; the first report counts`);
    });
    for await (const domain of compared) {
      tally.add(domain);
      if (domain.diff === null) continue;
      const wait = out.write(serializer.item(domain.diff, index++));
      if (wait) await wait;
    }
    summary = {
      old: old.name,
      new: now.name,
      compared: tally.compared,
      unchanged: tally.unchanged,
      regressions: tally.changed.regression,
      improvements: tally.changed.improvement,
      changes: tally.changed.change,
      added: tally.added,
      removed: tally.removed,
      badLines: bad,
      duplicates,
    };
    await out.write(serializer.end(summary));
    await out.flush();
    await output.commit();
  } catch (error) {
    await out.flush().catch(() => {});
    await output.discard();
    throw error;
  } finally {
    stopWatching();
    rmSync(tempDir, { recursive: true, force: true });
  }
  notes.finish();
  // Text on the terminal ends with the summary already.
  if (!options.quiet && (options.format !== 'text' || options.output !== undefined)) process.stderr.write(`${summaryWords(summary).join('\n')}\n`);
  if (options.failOn === 'regression' && summary.regressions > 0) {
    throw new CliError(`${summary.regressions} of ${summary.compared} domains have a regression`, EXIT.violation);
  }
}
