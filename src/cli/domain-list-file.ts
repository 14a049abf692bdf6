import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { UsageError } from './errors.js';

export interface DomainListSource {
  bytes: AsyncIterable<Uint8Array>;
  /** Lines in the file when it is a regular file (counted up front for progress), else undefined. */
  lineCount?: number;
}

async function countLines(path: string): Promise<number> {
  let count = 0;
  let last = 10;
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) count++;
    last = chunk[chunk.length - 1] ?? last;
  }
  return last === 10 ? count : count + 1;
}

/** Opens `--file`: "-" is standard input; a missing file, a directory or an unreadable file is a usage error. */
export async function openDomainList(path: string, withLineCount: boolean): Promise<DomainListSource> {
  if (path === '-') return { bytes: process.stdin };
  const info = await stat(path).catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(`cannot read --file ${path}: ${error.code === 'ENOENT' ? 'no such file' : error.message}`);
  });
  if (info.isDirectory()) throw new UsageError(`--file ${path} is a directory; pass a file with one domain per line`);
  const stream = createReadStream(path);
  await new Promise<void>((resolve, reject) => {
    stream.once('readable', resolve);
    stream.once('error', (error: NodeJS.ErrnoException) => reject(new UsageError(`cannot read --file ${path}: ${error.message}`)));
  });
  return { bytes: stream, lineCount: withLineCount && info.isFile() ? await countLines(path) : undefined };
}
