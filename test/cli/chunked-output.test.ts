import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { OutputError } from '../../src/cli/errors.js';
import { ChunkedOutput } from '../../src/cli/write.js';

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** A stream that keeps what it is given, or fails every write (after accepting it, with a large buffer). */
function sink(fail = false, highWaterMark = 1): Writable & { text: () => string; writes: number } {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    highWaterMark,
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk);
      stream.writes++;
      callback(fail ? new Error('write EPIPE') : null);
    },
  }) as Writable & { text: () => string; writes: number };
  stream.writes = 0;
  stream.text = () => Buffer.concat(chunks).toString('utf8');
  return stream;
}

describe('ChunkedOutput', () => {
  it('writes the pieces of one event-loop turn together, in order, multi-byte text intact', async () => {
    const stream = sink();
    const out = new ChunkedOutput(stream);
    for (const piece of ['a…', 'ü\n', '𝄞 end\n']) await out.write(piece);
    expect(stream.writes).toBe(0);
    await nextTurn();
    expect(stream.writes).toBe(1);
    expect(stream.text()).toBe('a…ü\n𝄞 end\n');
  });

  it.each([
    ['many small pieces fill chunks', Array.from({ length: 500 }, (_, i) => `${'x'.repeat(300)}${i}\n`)],
    ['a piece larger than a chunk goes out whole', ['head\n', 'y'.repeat(100_000), '\ntail\n']],
  ])('%s', async (_, pieces) => {
    const stream = sink();
    const out = new ChunkedOutput(stream);
    for (const piece of pieces) await out.write(piece);
    await out.flush();
    expect(stream.text()).toBe(pieces.join(''));
  });

  it('keeps bytes already handed to the stream intact while later turns fill the same chunk', async () => {
    const stream = sink();
    const out = new ChunkedOutput(stream);
    const pieces = Array.from({ length: 400 }, (_, i) => `${i}:${'z'.repeat(i % 500)}\n`);
    for (const piece of pieces) {
      await out.write(piece);
      await nextTurn();
    }
    await out.flush();
    expect(stream.writes).toBe(pieces.length);
    expect(stream.text()).toBe(pieces.join(''));
  });

  it.each([
    ['waiting for the stream to drain', 1],
    ['accepted, failing in the background', 1 << 20],
  ])('a write that fails (%s) in the end-of-turn flush is thrown by the next call, not left unhandled', async (_, highWaterMark) => {
    const out = new ChunkedOutput(sink(true, highWaterMark));
    await out.write('report\n');
    await nextTurn();
    await nextTurn();
    await expect(out.flush()).rejects.toThrow(new OutputError(new Error('write EPIPE')));
    await expect(out.write('more\n')).rejects.toThrow('cannot write the reports: write EPIPE');
  });
});
