import { once } from 'node:events';

/** Writes and waits when the stream's buffer is full, so a slow consumer holds output back instead of memory growing. */
export async function writeOut(stream: NodeJS.WritableStream, text: string): Promise<void> {
  if (text !== '' && !stream.write(text)) await once(stream, 'drain');
}

/** Text gathered before a write is forced; one report of a batch is a few kilobytes. */
const CHUNK_CHARS = 64 * 1024;

/**
 * Output for many small pieces (one per report): they are gathered and written together at the end
 * of the event-loop turn, or as soon as a chunk is full, so a batch run makes one write per chunk
 * rather than one per report, and a slow run still shows each report as soon as it is done.
 */
export class ChunkedOutput {
  private pending = '';
  private flushScheduled = false;
  private waitForDrain: Promise<void> | undefined;

  constructor(private readonly stream: NodeJS.WritableStream) {}

  /** Resolves once the text is accepted; waits while the stream's buffer is full. */
  async write(text: string): Promise<void> {
    if (this.waitForDrain) await this.waitForDrain;
    this.pending += text;
    if (this.pending.length >= CHUNK_CHARS) return this.flush();
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(() => void this.flush());
    }
  }

  /** Writes everything gathered so far. */
  async flush(): Promise<void> {
    this.flushScheduled = false;
    const text = this.pending;
    this.pending = '';
    if (text === '' || this.stream.write(text)) return;
    this.waitForDrain ??= once(this.stream, 'drain').then(() => {
      this.waitForDrain = undefined;
    });
    await this.waitForDrain;
  }
}
