/**
 * The reports of one saved NDJSON input in domain order, without holding the input: an external merge
 * sort. Lines are read and checked against the schema once (a bad line is named by its line number,
 * which sorting would lose), gathered up to `runBytes`, sorted and written to a run file; the runs are
 * then merged, reading one line of each at a time. Memory is the last run's lines and a read buffer per run file.
 */
import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { readLines } from '../input/read-lines.js';
import { MAX_REPORT_LINE, parseSavedReport } from '../report/saved-reports.js';
import { MemoryBound } from '../reports/memory-bound.js';

/** A report line with its sort key (the domain) and where it was read. */
export interface KeyedLine {
  key: string;
  line: number;
  text: string;
}

export interface SortOptions {
  /** A folder of its own for the run files (the caller removes it). */
  tempDir: string;
  /** A name for this input's run files. */
  prefix: string;
  /** Characters of lines gathered before a run is sorted and written. */
  runBytes: number;
  onBadLine(line: number, reason: string): void;
}

const byKey = (a: KeyedLine, b: KeyedLine): number => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.line - b.line);

/** A run file line: the key and line number as JSON (which holds no raw tab), a tab, the report as read. */
const runLine = (entry: KeyedLine): string => `${JSON.stringify([entry.key, entry.line])}\t${entry.text}\n`;

function parseRunLine(text: string): KeyedLine {
  const tab = text.indexOf('\t');
  const [key, line] = JSON.parse(text.slice(0, tab)) as [string, number];
  return { key, line, text: text.slice(tab + 1) };
}

async function writeRun(path: string, entries: KeyedLine[]): Promise<void> {
  const out = createWriteStream(path);
  const closed = once(out, 'close');
  let chunk = '';
  for (const entry of entries) {
    chunk += runLine(entry);
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await closed;
}

/** One run file, read a chunk of lines at a time. */
class RunReader {
  private readonly chunks: AsyncIterator<{ text: string }[]>;
  private buffered: { text: string }[] = [];
  private index = 0;

  constructor(path: string) {
    this.chunks = readLines(createReadStream(path), MAX_REPORT_LINE + 1024)[Symbol.asyncIterator]();
  }

  async next(): Promise<KeyedLine | undefined> {
    while (this.index >= this.buffered.length) {
      const chunk = await this.chunks.next();
      if (chunk.done) return undefined;
      this.buffered = chunk.value;
      this.index = 0;
    }
    return parseRunLine((this.buffered[this.index++] as { text: string }).text);
  }
}

/** The valid report lines of `bytes`, in domain order (then input order). */
export async function* sortedByDomain(bytes: AsyncIterable<Uint8Array>, options: SortOptions): AsyncGenerator<KeyedLine> {
  const runs: string[] = [];
  let buffer: KeyedLine[] = [];
  let size = 0;
  // Checking each line against the schema leaves much short-lived garbage: keep the heap near its live size.
  const memory = new MemoryBound();
  for await (const lines of readLines(bytes, MAX_REPORT_LINE)) {
    for (const { number, text, truncated } of lines) {
      memory.read(text.length);
      if (truncated) {
        options.onBadLine(number, `a line over ${MAX_REPORT_LINE / 1024 / 1024} MiB is not a report`);
        continue;
      }
      if (text.trim() === '') continue;
      const parsed = parseSavedReport(text);
      if (!('report' in parsed)) {
        options.onBadLine(number, parsed.reason);
        continue;
      }
      buffer.push({ key: parsed.report.domain, line: number, text });
      size += text.length;
      if (size >= options.runBytes) {
        const path = join(options.tempDir, `${options.prefix}-${runs.length}.run`);
        await writeRun(path, buffer.sort(byKey));
        runs.push(path);
        buffer = [];
        size = 0;
      }
    }
  }
  buffer.sort(byKey);
  if (runs.length === 0) {
    yield* buffer;
    return;
  }
  // The last run stays in memory; the others are merged with it, the smallest head first.
  const readers = runs.map((path) => new RunReader(path));
  const heads: (KeyedLine | undefined)[] = await Promise.all(readers.map((reader) => reader.next()));
  let memoryIndex = 0;
  for (;;) {
    let best = -1;
    let bestEntry: KeyedLine | undefined = buffer[memoryIndex];
    heads.forEach((head, i) => {
      if (head && (!bestEntry || byKey(head, bestEntry) < 0)) {
        best = i;
        bestEntry = head;
      }
    });
    if (!bestEntry) return;
    memory.read(bestEntry.text.length);
    yield bestEntry;
    if (best === -1) memoryIndex++;
    else heads[best] = await (readers[best] as RunReader).next();
  }
}
