import { once } from 'node:events';
import { OutputError } from './errors.js';

/** Writes and waits when the stream's buffer is full, so a slow consumer holds output back instead of memory growing. */
export async function writeOut(stream: NodeJS.WritableStream, text: string): Promise<void> {
  if (text !== '' && !stream.write(text)) {
    await once(stream, 'drain').catch((error: unknown) => {
      throw new OutputError(error);
    });
  }
}

/** Bytes gathered before a write is forced; one report of a batch is a few kilobytes. */
const CHUNK_BYTES = 64 * 1024;

/** The most bytes `text` can take in UTF-8: 3 per UTF-16 code unit (a surrogate pair: 4 bytes for 2 units). */
const maxUtf8Bytes = (text: string): number => text.length * 3;

/**
 * Output for many small pieces (one per report): they are encoded into one buffer and written
 * together at the end of the event-loop turn, or as soon as the buffer is full, so a batch makes one
 * write per chunk rather than one per report, and a slow run still shows each report when it is done.
 * (Encoding each piece into the buffer is also far cheaper than encoding one long string.)
 */
export class ChunkedOutput {
  private chunk = Buffer.allocUnsafe(CHUNK_BYTES);
  /** Bytes of `chunk` handed to the stream already; they stay untouched until the chunk is replaced. */
  private sent = 0;
  private used = 0;
  private flushScheduled = false;
  private waitForDrain: Promise<void> | undefined;
  /** A write that failed in a flush nobody awaited (the end-of-turn one); reported by the next call. */
  private failure: { error: unknown } | undefined;

  constructor(private readonly stream: NodeJS.WritableStream) {
    // A write can fail after it was accepted (a file stream writes in the background): the next call reports it.
    stream.on('error', (error: unknown) => {
      this.failure ??= { error: new OutputError(error) };
    });
  }

  /**
   * Takes the text; returns a promise only when the caller must wait (the stream's buffer is full,
   * or an earlier write failed), so a batch does not pay for a promise per report.
   */
  write(text: string): Promise<void> | undefined {
    if (this.failure || this.waitForDrain || !this.fits(text)) return this.writeAfterWaiting(text);
    this.append(text);
    return undefined;
  }

  /** Writes everything gathered so far. */
  async flush(): Promise<void> {
    this.flushScheduled = false;
    this.throwIfFailed();
    if (this.used === this.sent) return;
    const pending = this.chunk.subarray(this.sent, this.used);
    // The stream may hold on to these bytes until they are written: later text goes after them.
    this.sent = this.used;
    await this.send(pending);
  }

  private async writeAfterWaiting(text: string): Promise<void> {
    this.throwIfFailed();
    if (this.waitForDrain) await this.waitForDrain;
    if (!this.fits(text)) {
      await this.flush();
      if (maxUtf8Bytes(text) > CHUNK_BYTES) return this.send(text);
      this.chunk = Buffer.allocUnsafe(CHUNK_BYTES);
      this.sent = 0;
      this.used = 0;
    }
    this.append(text);
  }

  /** Whether `text` surely fits in what is left of the chunk. */
  private fits(text: string): boolean {
    return this.used + maxUtf8Bytes(text) <= CHUNK_BYTES;
  }

  private append(text: string): void {
    this.used += this.chunk.write(text, this.used);
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(() => {
        this.flush().catch((error: unknown) => {
          this.failure ??= { error };
        });
      });
    }
  }

  private throwIfFailed(): void {
    if (this.failure) throw this.failure.error;
  }

  private async send(data: string | Buffer): Promise<void> {
    let accepted: boolean;
    try {
      accepted = this.stream.write(data);
    } catch (error) {
      throw new OutputError(error);
    }
    if (accepted) return;
    this.waitForDrain ??= once(this.stream, 'drain').then(
      () => {
        this.waitForDrain = undefined;
      },
      (error: unknown) => {
        throw new OutputError(error);
      },
    );
    await this.waitForDrain;
  }
}
