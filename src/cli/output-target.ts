import { createWriteStream, fstatSync, type Stats, type WriteStream } from 'node:fs';
import { lstat, readlink, realpath, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { OutputError, UsageError } from './errors.js';

export interface OutputTarget {
  stream: NodeJS.WritableStream;
  /** Ends the output; a file is renamed into place, whole. */
  commit(): Promise<void>;
  /**
   * Ends the output of an interrupted run without passing it off as the whole: a file goes to
   * `<name>.partial` beside it, and whatever was at the path stays. Says where it went, as
   * " to <path>" (empty for standard output).
   */
  keepPartial(): Promise<string>;
  /** After a failure: a file's temporary copy is removed, so nothing half-written looks whole. */
  discard(): Promise<void>;
}

/** Linux follows at most 40 symbolic links in a path (ELOOP beyond). */
const MAX_LINKS = 40;

const STDOUT: OutputTarget = { stream: process.stdout, commit: async () => {}, keepPartial: async () => '', discard: async () => {} };

/**
 * Opens an output path given with `option` (-o, --summary, the gate's --output) before any work
 * starts, so a path that cannot be written is a usage error at once. What happens depends on what is
 * at the path (checked with stat, following links):
 * - standard output itself (/dev/stdout, /proc/self/fd/1): standard output;
 * - nothing yet, or a regular file: written to a hidden temporary file in the folder of the file a
 *   link leads to, and renamed over that file when complete (atomic; a link stays a link);
 * - a device (/dev/null, /dev/full) or a FIFO, directly or through a link: written straight
 *   through, without a rename, so the node itself is never replaced;
 * - a directory: a usage error.
 */
export async function openOutput(option: string, path: string | undefined): Promise<OutputTarget> {
  if (path === undefined || path === '-') return STDOUT;
  const cannot = (error: unknown): UsageError => new UsageError(`${option} ${path}: cannot write: ${reason(error)}`);
  const info = await stat(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw cannot(error);
  });
  // /dev/stdout and the like: the same file as standard output is standard output (a socket cannot be opened by path).
  if (info && isStandardOutput(info)) return STDOUT;
  if (info?.isDirectory()) throw new UsageError(`${option} ${path} is a directory; name a file`);
  try {
    if (info && !info.isFile()) return await openThrough(path);
    return await openReplacing(await finalName(path));
  } catch (error) {
    throw cannot(error);
  }
}

function isStandardOutput(info: Stats): boolean {
  try {
    const stdout = fstatSync(1);
    return stdout.dev === info.dev && stdout.ino === info.ino;
  } catch {
    return false;
  }
}

/** The name the data ends up at: symbolic links followed, even a dangling last one; its folder must exist. */
async function finalName(path: string): Promise<string> {
  let current = path;
  for (let links = 0; links <= MAX_LINKS; links++) {
    const isLink = await lstat(current).then(
      (info) => info.isSymbolicLink(),
      () => false,
    );
    if (!isLink) return join(await realpath(dirname(current)), basename(current));
    current = resolve(dirname(current), await readlink(current));
  }
  throw Object.assign(new Error('too many symbolic links'), { code: 'ELOOP' });
}

async function opened(stream: WriteStream): Promise<WriteStream> {
  await once(stream, 'open');
  return stream;
}

/** Ends the stream; rejects if any write failed, even one long before the end (ENOSPC on /dev/full). */
async function close(stream: WriteStream): Promise<void> {
  stream.end();
  await finished(stream);
}

async function openReplacing(file: string): Promise<OutputTarget> {
  const temporary = join(dirname(file), `.${basename(file)}.${process.pid}.tmp`);
  const stream = await opened(createWriteStream(temporary, { flags: 'wx' }));
  const discard = async (): Promise<void> => {
    await close(stream).catch(() => {});
    await unlink(temporary).catch(() => {});
  };
  const closeAndRename = async (to: string): Promise<void> => {
    try {
      await close(stream);
      await rename(temporary, to);
    } catch (error) {
      await discard();
      throw new OutputError(error);
    }
  };
  return {
    stream,
    commit: () => closeAndRename(file),
    keepPartial: async () => {
      await closeAndRename(`${file}.partial`);
      return ` to ${file}.partial, not to ${file}`;
    },
    discard,
  };
}

async function openThrough(path: string): Promise<OutputTarget> {
  // A FIFO opens once a reader does; a device at once. Either way nothing is created or renamed.
  const stream = await opened(createWriteStream(path, { flags: 'w' }));
  const end = async (): Promise<void> => {
    await close(stream).catch((error: unknown) => {
      throw new OutputError(error);
    });
  };
  return {
    stream,
    commit: end,
    keepPartial: async () => {
      await end();
      return ` to ${path}`;
    },
    discard: () => close(stream).catch(() => {}),
  };
}

function reason(error: unknown): string {
  const { code, message } = error as NodeJS.ErrnoException;
  if (code === 'ENOENT') return 'no such folder';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return code ?? message;
}
