import { once } from 'node:events';

/** Writes and waits when the stream's buffer is full, so a slow consumer holds output back instead of memory growing. */
export async function writeOut(stream: NodeJS.WritableStream, text: string): Promise<void> {
  if (text !== '' && !stream.write(text)) await once(stream, 'drain');
}
