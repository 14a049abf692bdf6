import { createWriteStream, type WriteStream } from 'node:fs';
import { rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { once } from 'node:events';

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
  const close = async (): Promise<void> => {
    if (!stream.closed) {
      stream.end();
      await once(stream, 'close');
    }
  };
  return {
    stream,
    commit: async () => {
      await close();
      await rename(temporary, path);
    },
    discard: async () => {
      await close();
      await unlink(temporary).catch(() => {});
    },
  };
}
