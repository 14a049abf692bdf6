import { once } from 'node:events';
import { answerLine, RECORDING_FORMAT, RECORDING_MAGIC } from './recording-format.js';
import type { LookupResult, RecordType, Resolver } from './types.js';

/** Where a recording goes: a stream, made visible (or dropped) once the run is over. */
export interface RecordingTarget {
  stream: NodeJS.WritableStream;
  /** Ends the stream and makes the file visible; rejects if any write failed. */
  commit(): Promise<void>;
}

export interface Recorder {
  resolver: Resolver;
  /** Writes the end line and commits the target; call once, when no more lookups will be asked. */
  finish(): Promise<void>;
}

/** Lines gathered before a write: one write per 64 KB rather than one per question. */
const CHUNK_CHARS = 64 * 1024;

/**
 * Writes every question `resolver` is asked, with its outcome, to a recording as it is answered
 * (see recording-format.ts). Lines leave in chunks and a full stream holds lookups back, so a
 * run of a million domains keeps no more than a chunk of its recording in memory.
 */
export function withRecording(resolver: Resolver, target: RecordingTarget, metadata: Record<string, unknown> & { tool: string; version: string }): Recorder {
  const header = { recording: RECORDING_MAGIC, format: RECORDING_FORMAT, ...metadata, started: new Date().toISOString() };
  let pending = `${JSON.stringify(header)}\n`;
  let questions = 0;
  let drained: Promise<unknown> | undefined;
  // A failed write surfaces when the target is committed; until then it must not leave lookups waiting for 'drain'.
  target.stream.on('error', () => {});

  const flush = (): void => {
    if (pending === '') return;
    const accepted = target.stream.write(pending);
    pending = '';
    if (!accepted) drained ??= once(target.stream, 'drain').then(
      () => (drained = undefined),
      () => {},
    );
  };

  return {
    resolver: {
      async resolve<T extends RecordType>(name: string, type: T): Promise<LookupResult<T>> {
        const result = await resolver.resolve(name, type);
        questions++;
        pending += `${answerLine(name, type, result)}\n`;
        if (pending.length >= CHUNK_CHARS) flush();
        if (drained) await drained;
        return result;
      },
    },
    async finish() {
      pending += `${JSON.stringify({ end: true, questions, finished: new Date().toISOString() })}\n`;
      flush();
      await target.commit();
    },
  };
}
