import { createWriteStream, type WriteStream } from 'node:fs';
import { rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { OutputError } from './errors.js';

export interface OutputTarget {
  stream: NodeJS.WritableStream;
  /** Makes the output visible: for a file, renames the finished temporary file into place. */
  commit(): Promise<void>;
  /** Removes a partial file so a crash never leaves half a report that looks whole. */
  discard(): Promise<void>;
}

/** stdout, or a file written next to its final name and renamed into place when complete (atomic on POSIX). */
export async function openOutput(path: string | undefined): Promise<OutputTarget> {
  if (path === undefined || path === '-') return { stream: process.stdout, commit: async () => {}, discard: async () => {} };
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  const stream: WriteStream = createWriteStream(temporary, { flags: 'wx' });
  await once(stream, 'open');
  // Rejects if any write failed, even one long before the end, so a partial file is never renamed into place.
  const close = async (): Promise<void> => {
    stream.end();
    await finished(stream);
  };
  return {
    stream,
    commit: async () => {
      await close().catch((error: unknown) => {
        throw new OutputError(error);
      });
      await rename(temporary, path);
    },
    discard: async () => {
      await close().catch(() => {});
      await unlink(temporary).catch(() => {});
    },
  };
}
