import { TextDecoder } from 'node:util';
import { questionKey, readAnswerLine, recordingEndSchema, recordingHeaderSchema, type RecordingHeader } from './recording-format.js';
import type { LookupResult, RecordType, Resolver } from './types.js';

/** A recording that cannot be replayed: where and why. */
export class RecordingError extends Error {
  override readonly name = 'RecordingError';
  constructor(file: string, line: number, reason: string) {
    super(`${file}:${line}: ${reason}`);
  }
}

/** Far above any real line (a 64 KB DNS message, JSON-escaped), far below what would hurt memory. */
export const MAX_RECORDING_LINE_BYTES = 1024 * 1024;

export interface Replay {
  header: RecordingHeader;
  /** Distinct questions held. */
  questions: number;
  /** Answers from the recording only; a question it lacks fails as `unrecorded`, never as "no record". */
  resolver: Resolver;
}

/**
 * Reads a recording (see recording-format.ts) into memory for replay. Anything but a whole, well-formed
 * recording is refused with the line at fault: a header first, valid question lines, an end line
 * last whose count matches. Lines are read as a stream and one over MAX_RECORDING_LINE_BYTES is refused
 * as soon as it passes the limit, so a huge line costs neither memory nor the time to read it all.
 */
export async function loadRecording(source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, file: string): Promise<Replay> {
  const answers = new Map<string, LookupResult>();
  let header: RecordingHeader | undefined;
  let ended: { line: number } | undefined;
  let questionLines = 0;
  let lastLine = 0;
  for await (const { number, text } of recordingLines(source, file)) {
    lastLine = number;
    const fail = (reason: string): never => {
      throw new RecordingError(file, number, reason);
    };
    if (ended) fail(`a line after the end line (line ${ended.line})`);
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      fail('not a JSON line');
    }
    if (!header) {
      const parsed = recordingHeaderSchema.safeParse(value);
      if (!parsed.success) fail('not a dmarc-audit DNS recording (its first line must be the recording header, format 1)');
      header = parsed.data as RecordingHeader;
      continue;
    }
    if (typeof value === 'object' && value !== null && 'end' in value) {
      const end = recordingEndSchema.safeParse(value);
      if (!end.success) fail('malformed end line');
      if (end.data?.questions !== questionLines) fail(`the end line counts ${end.data?.questions} questions, the recording holds ${questionLines}`);
      ended = { line: number };
      continue;
    }
    const answer = readAnswerLine(value);
    if (typeof answer === 'string') fail(`not a question line: ${answer}`);
    questionLines++;
    const { key, result } = answer as Exclude<typeof answer, string>;
    // A question asked again after the cache dropped it is recorded again: the first outcome is the one replayed.
    if (!answers.has(key)) answers.set(key, result);
  }
  if (!header) throw new RecordingError(file, 1, 'empty: not a dmarc-audit DNS recording');
  if (!ended) throw new RecordingError(file, lastLine, 'the recording stops without its end line: the file was cut short, or the run that wrote it did not finish');
  return { header, questions: answers.size, resolver: replayResolver(answers, file) };
}

function replayResolver(answers: ReadonlyMap<string, LookupResult>, file: string): Resolver {
  return {
    resolve<T extends RecordType>(name: string, type: T): Promise<LookupResult<T>> {
      const recorded = answers.get(questionKey(name, type)) as LookupResult<T> | undefined;
      return Promise.resolve(recorded ?? { status: 'unrecorded', detail: `${name} ${type}: not in the recording ${file}` });
    },
  };
}

const NEWLINE = 0x0a;

/** The lines of a byte stream as UTF-8 text, each at most MAX_RECORDING_LINE_BYTES. */
async function* recordingLines(source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, file: string): AsyncGenerator<{ number: number; text: string }> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let parts: Uint8Array[] = [];
  let partBytes = 0;
  let number = 1;
  const take = (piece: Uint8Array): void => {
    partBytes += piece.length;
    if (partBytes > MAX_RECORDING_LINE_BYTES) throw new RecordingError(file, number, `line longer than ${MAX_RECORDING_LINE_BYTES} bytes: not a recording line`);
    parts.push(piece);
  };
  const line = (): { number: number; text: string } => {
    const bytes = parts.length === 1 ? (parts[0] as Uint8Array) : Buffer.concat(parts);
    parts = [];
    partBytes = 0;
    let text: string;
    try {
      text = decoder.decode(bytes);
    } catch {
      throw new RecordingError(file, number, 'not UTF-8 text');
    }
    return { number: number++, text };
  };
  for await (const chunk of source) {
    let start = 0;
    for (let end = chunk.indexOf(NEWLINE); end !== -1; end = chunk.indexOf(NEWLINE, start)) {
      take(chunk.subarray(start, end));
      yield line();
      start = end + 1;
    }
    if (start < chunk.length) take(chunk.subarray(start));
  }
  if (partBytes > 0) yield line();
}
