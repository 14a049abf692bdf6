import { closeSync, createReadStream, fstat as fstatCallback, open as openCallback } from 'node:fs';
import { Socket } from 'node:net';
import { promisify } from 'node:util';
import { UsageError } from './errors.js';

const openFd = promisify(openCallback);
const fstat = promisify(fstatCallback);

export interface DomainListSource {
  /** The list's bytes. Ends, without an error, as soon as `stop()` is called, even while a read waits. */
  bytes: AsyncIterable<Uint8Array>;
  /** Lines in the file when it is a regular file (counted up front for progress), else undefined. */
  lineCount?: number;
  /** Stops reading and releases the input: a writer that never writes again must not hold the run. */
  stop(): void;
}

type Readable = NodeJS.ReadableStream & { destroy(): void };

async function countLines(path: string): Promise<number> {
  let count = 0;
  let last = 10;
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) count++;
    last = chunk[chunk.length - 1] ?? last;
  }
  return last === 10 ? count : count + 1;
}

/**
 * A stream over an open descriptor that can be stopped while a read waits. A file read waits in
 * libuv's thread pool, where nothing can cancel it (and the process cannot end before it returns),
 * so a FIFO, whose writer may stall, is read as a non-blocking pipe; regular files and devices such
 * as /dev/zero never keep a read waiting. (Standard input comes with the right stream type already.)
 */
function streamFor(fd: number, fifo: boolean): Readable {
  return fifo ? new Socket({ fd, readable: true, writable: false }) : createReadStream('', { fd });
}

/** A list's bytes that can be stopped while a read waits; read errors become a usage error naming the file. */
class StoppableRead {
  private stopped = false;
  /** Ends the read now waiting, if any. */
  private wake: (() => void) | undefined;

  constructor(
    private readonly stream: Readable,
    private readonly path: string,
  ) {}

  async *bytes(): AsyncGenerator<Uint8Array> {
    const chunks = (this.stream as AsyncIterable<Uint8Array>)[Symbol.asyncIterator]();
    while (!this.stopped) {
      let result: IteratorResult<Uint8Array> | undefined;
      try {
        // A fresh promise per read, settled by the read or by stop(): nothing accumulates on a long-lived one.
        result = await new Promise<IteratorResult<Uint8Array> | undefined>((resolve, reject) => {
          this.wake = () => resolve(undefined);
          chunks.next().then(resolve, reject);
        });
      } catch (error) {
        if (this.stopped) return;
        throw new UsageError(`cannot read --file ${this.path}: ${(error as Error).message}`);
      } finally {
        this.wake = undefined;
      }
      if (result === undefined || result.done) return;
      yield result.value;
    }
  }

  stop(): void {
    this.stopped = true;
    this.wake?.();
    // The read that was waiting now fails or ends; nobody listens any more.
    this.stream.destroy();
  }
}

/** Opens `--file`: "-" is standard input; a missing file, a directory or an unreadable file is a usage error. */
export async function openDomainList(path: string, withLineCount: boolean): Promise<DomainListSource> {
  let stream: Readable;
  let lineCount: number | undefined;
  if (path === '-') {
    stream = process.stdin;
  } else {
    // Blocks until a FIFO has a writer, as `cat` does; until the run starts a signal ends the process.
    const fd = await openFd(path, 'r').catch((error: NodeJS.ErrnoException) => {
      throw new UsageError(`cannot read --file ${path}: ${error.code === 'ENOENT' ? 'no such file' : error.message}`);
    });
    const info = await fstat(fd);
    if (info.isDirectory()) {
      closeSync(fd);
      throw new UsageError(`--file ${path} is a directory; pass a file with one domain per line`);
    }
    stream = streamFor(fd, info.isFIFO());
    if (withLineCount && info.isFile()) lineCount = await countLines(path);
  }
  const read = new StoppableRead(stream, path);
  return { bytes: read.bytes(), lineCount, stop: () => read.stop() };
}
