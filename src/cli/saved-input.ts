import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { readSavedReports, type SavedItem } from '../report/saved-reports.js';
import { escapeForTerminal } from '../render/escape.js';
import { UsageError } from './errors.js';

/** A saved NDJSON input, opened: its name as given ("-": standard input) and its bytes. */
export interface SavedInput {
  name: string;
  bytes: AsyncIterable<Uint8Array>;
}

/** Opens every input before anything is read or written: a missing or unreadable file, or a directory, is a usage error. */
export async function openSavedInputs(paths: readonly string[], what: string): Promise<SavedInput[]> {
  const inputs: SavedInput[] = [];
  try {
    for (const path of paths) {
      if (path === '-') {
        inputs.push({ name: '-', bytes: process.stdin });
        continue;
      }
      const handle = await open(path, 'r').catch((error: NodeJS.ErrnoException) => {
        throw new UsageError(`cannot read ${what} ${path}: ${error.code === 'ENOENT' ? 'no such file' : error.message}`);
      });
      if ((await handle.stat()).isDirectory()) {
        await handle.close();
        throw new UsageError(`${what} ${path} is a directory; give NDJSON files (--format ndjson output)`);
      }
      inputs.push({ name: path, bytes: createReadStream('', { fd: handle }) });
    }
  } catch (error) {
    for (const input of inputs) if (input.bytes !== process.stdin) (input.bytes as ReturnType<typeof createReadStream>).destroy();
    throw error;
  }
  return inputs;
}

/** The input's reports and bad lines; a read that fails part-way is a usage error naming the file. */
export async function* savedItems(input: SavedInput): AsyncGenerator<SavedItem[]> {
  try {
    yield* readSavedReports(input.bytes);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== undefined) throw new UsageError(`cannot read ${input.name}: ${(error as Error).message}`);
    throw error;
  }
}

/** Lines on stderr about the inputs (bad lines, duplicates), the first `limit` of each kind, then how many more. */
export class InputNotes {
  private readonly counts = new Map<string, number>();

  constructor(private readonly limit = 100) {}

  note(kind: string, text: string): void {
    const count = (this.counts.get(kind) ?? 0) + 1;
    this.counts.set(kind, count);
    if (count <= this.limit) process.stderr.write(`dmarc-audit: ${escapeForTerminal(text)}\n`);
  }

  count(kind: string): number {
    return this.counts.get(kind) ?? 0;
  }

  /** "… and 12 more bad lines" for each kind past the limit. */
  finish(): void {
    for (const [kind, count] of this.counts) if (count > this.limit) process.stderr.write(`dmarc-audit: … and ${count - this.limit} more ${kind}\n`);
  }
}
