/**
 * The messages of an mbox file, one at a time as streams: a line starting with "From " begins a
 * message (mboxo/mboxrd, RFC 4155); in mboxrd one ">" is taken from ">From " lines of the body.
 * The file is read as it comes, so an mbox of any size costs one message's parser at a time.
 */
import { once } from 'node:events';
import { PassThrough, type Readable } from 'node:stream';

const FROM_LINE = Buffer.from('From ');
const QUOTED_FROM = /^>+From /;

async function* lines(input: Readable): AsyncGenerator<Buffer> {
  let carry = Buffer.alloc(0);
  for await (const chunk of input as AsyncIterable<Buffer>) {
    let data = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
    let start = 0;
    for (let nl = data.indexOf(10, start); nl !== -1; nl = data.indexOf(10, start)) {
      yield data.subarray(start, nl + 1);
      start = nl + 1;
    }
    data = data.subarray(start);
    carry = data.length > 0 ? Buffer.from(data) : Buffer.alloc(0);
  }
  if (carry.length > 0) yield carry;
}

/**
 * Calls `onMessage` with each message's stream and waits for it before reading on (backpressure:
 * the file is read only as fast as messages are parsed). Returns the number of messages.
 */
export async function readMbox(input: Readable, onMessage: (message: Readable, index: number) => Promise<void>): Promise<number> {
  let current: { stream: PassThrough; done: Promise<void> } | null = null;
  let count = 0;
  const finish = async (): Promise<void> => {
    if (!current) return;
    current.stream.end();
    await current.done;
    current = null;
  };
  for await (const line of lines(input)) {
    if (line.subarray(0, 5).equals(FROM_LINE)) {
      await finish();
      const stream = new PassThrough();
      current = { stream, done: onMessage(stream, count++).finally(() => stream.resume()) };
      continue;
    }
    if (!current) continue;
    const text = line.subarray(0, 64).toString('latin1');
    const body = QUOTED_FROM.test(text) ? line.subarray(1) : line;
    if (!current.stream.write(body)) await Promise.race([once(current.stream, 'drain'), current.done]);
  }
  await finish();
  return count;
}
