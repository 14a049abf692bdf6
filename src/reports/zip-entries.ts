/**
 * The files inside a zip, read with yauzl: it checks each entry's actual size against the declared
 * one (validateEntrySizes) and reads the central directory, so sizes and the ratio are refused
 * before a byte is inflated, and a stream that lies is stopped by the same caps as gzip.
 */
import type { Readable } from 'node:stream';
import { promisify } from 'node:util';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { ByteCounter } from './byte-stream.js';
import { expansionProblem } from './decompress.js';
import { LIMITS } from './limits.js';

export type ZipSource = { path: string } | { buffer: Buffer };

export interface ZipMember {
  name: string;
  /** Null with `problem` set when this entry is refused; the other entries are still read. */
  stream: Readable | null;
  problem: string | null;
}

const openPath = promisify<string, yauzl.Options, ZipFile>(yauzl.open);
const openBuffer = promisify<Buffer, yauzl.Options, ZipFile>(yauzl.fromBuffer);

export async function* zipMembers(source: ZipSource): AsyncGenerator<ZipMember> {
  const options: yauzl.Options = { lazyEntries: true, autoClose: true, validateEntrySizes: true, strictFileNames: false, decodeStrings: true };
  const zip = 'path' in source ? await openPath(source.path, options) : await openBuffer(source.buffer, options);
  try {
    if (zip.entryCount > LIMITS.maxZipEntries) throw new RangeError(`refused: ${zip.entryCount} entries (more than ${LIMITS.maxZipEntries})`);
    for (;;) {
      const entry = await nextEntry(zip);
      if (!entry) return;
      if (entry.fileName.endsWith('/')) continue;
      const problem = entryProblem(entry);
      if (problem) {
        yield { name: entry.fileName, stream: null, problem };
        continue;
      }
      const raw = await promisify<Entry, Readable>(zip.openReadStream.bind(zip))(entry);
      const counted = raw.pipe(new ByteCounter((bytes) => expansionProblem(bytes, entry.compressedSize)));
      raw.on('error', (error) => counted.destroy(error));
      yield { name: entry.fileName, stream: counted, problem: null };
      // The consumer may have stopped early; the entry is drained before the next one is read.
      if (!counted.destroyed) counted.resume();
    }
  } finally {
    zip.close();
  }
}

function entryProblem(entry: Entry): string | null {
  if (entry.isEncrypted()) return 'refused: encrypted';
  if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) return `refused: compression method ${entry.compressionMethod} (only stored and deflate are read)`;
  return expansionProblem(entry.uncompressedSize, entry.compressedSize);
}

function nextEntry(zip: ZipFile): Promise<Entry | null> {
  return new Promise((resolve, reject) => {
    const cleanup = (): void => {
      zip.off('entry', onEntry);
      zip.off('end', onEnd);
      zip.off('error', onError);
    };
    const onEntry = (entry: Entry): void => {
      cleanup();
      resolve(entry);
    };
    const onEnd = (): void => {
      cleanup();
      resolve(null);
    };
    const onError = (error: Error): void => {
      cleanup();
      reject(error);
    };
    zip.on('entry', onEntry);
    zip.on('end', onEnd);
    zip.on('error', onError);
    zip.readEntry();
  });
}
