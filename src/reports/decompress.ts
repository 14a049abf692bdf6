/**
 * Decompression with caps (src/reports/limits.ts): output size and ratio are checked as bytes come
 * out, so a gzip or zip bomb is stopped after a few megabytes, not after filling memory or disk.
 */
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { ByteCounter } from './byte-stream.js';
import { LIMITS } from './limits.js';

/** Why `expanded` bytes out of `compressed` in is too much, or null. */
export function expansionProblem(expanded: number, compressed: number): string | null {
  if (expanded > LIMITS.maxExpandedBytes) return `refused: expands to more than ${LIMITS.maxExpandedBytes} bytes (a decompression bomb?)`;
  if (expanded > LIMITS.ratioFreeBytes && expanded > compressed * LIMITS.maxRatio) {
    return `refused: expands more than ${LIMITS.maxRatio} times (a decompression bomb?)`;
  }
  return null;
}

/** The decompressed content of a gzip stream (several members are read as one, as gunzip does). */
export function gunzipCapped(compressed: Readable): Readable {
  const input = new ByteCounter();
  const output = new ByteCounter((bytes) => expansionProblem(bytes, input.bytes));
  // pipeline() destroys every stage when one fails, and the error reaches whoever reads `output`.
  return pipeline(compressed, input, createGunzip(), output, () => {});
}
