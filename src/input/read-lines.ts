import { TextDecoder } from 'node:util';

/** Lines longer than this are cut: no domain is this long, and a huge line must not fill memory. */
export const MAX_LINE_LENGTH = 4096;

export interface InputLine {
  /** 1-based line number in the input. */
  number: number;
  text: string;
  /** The line was longer than the reader's limit (MAX_LINE_LENGTH unless told); `text` holds its start. */
  truncated: boolean;
}

function decoderFor(firstBytes: Uint8Array): { decoder: TextDecoder; bomLength: number } {
  if (firstBytes[0] === 0xff && firstBytes[1] === 0xfe) return { decoder: new TextDecoder('utf-16le'), bomLength: 2 };
  if (firstBytes[0] === 0xfe && firstBytes[1] === 0xff) return { decoder: new TextDecoder('utf-16be'), bomLength: 2 };
  // Without a BOM, ASCII text in UTF-16 shows as a NUL beside every character; a UTF-8 list never starts so.
  if (firstBytes.length >= 2 && firstBytes[0] !== 0 && firstBytes[1] === 0) return { decoder: new TextDecoder('utf-16le'), bomLength: 0 };
  if (firstBytes.length >= 2 && firstBytes[0] === 0 && firstBytes[1] !== 0) return { decoder: new TextDecoder('utf-16be'), bomLength: 0 };
  const utf8Bom = firstBytes[0] === 0xef && firstBytes[1] === 0xbb && firstBytes[2] === 0xbf;
  return { decoder: new TextDecoder('utf-8'), bomLength: utf8Bom ? 3 : 0 };
}

/**
 * Splits a byte stream into lines without holding more than one chunk's lines (and one capped line)
 * in memory; the lines of each chunk come as one array, so a consumer waits once per chunk, not per
 * line. Handles LF and CRLF, a UTF-8 or UTF-16 byte-order mark, UTF-16 without one, and invalid
 * UTF-8 (shown as U+FFFD).
 */
export async function* readLines(source: AsyncIterable<Uint8Array | string>, maxLineLength = MAX_LINE_LENGTH): AsyncGenerator<InputLine[]> {
  let decoder: TextDecoder | undefined;
  let current = '';
  let truncated = false;
  let number = 0;

  function split(text: string): InputLine[] {
    const lines: InputLine[] = [];
    let start = 0;
    for (let newline = text.indexOf('\n'); newline !== -1; newline = text.indexOf('\n', start)) {
      lines.push(finish(text.slice(start, newline)));
      start = newline + 1;
    }
    append(text.slice(start));
    return lines;
  }
  function append(piece: string): void {
    if (truncated) return;
    current += piece;
    if (current.length > maxLineLength) {
      current = current.slice(0, maxLineLength);
      truncated = true;
    }
  }
  function finish(tail: string): InputLine {
    append(tail);
    const line = { number: ++number, text: current.endsWith('\r') ? current.slice(0, -1) : current, truncated };
    current = '';
    truncated = false;
    return line;
  }

  for await (const chunk of source) {
    let lines: InputLine[];
    if (typeof chunk === 'string') {
      lines = split(chunk);
    } else {
      let bytes = chunk;
      if (!decoder) {
        const detected = decoderFor(bytes);
        decoder = detected.decoder;
        bytes = bytes.subarray(detected.bomLength);
      }
      lines = split(decoder.decode(bytes, { stream: true }));
    }
    if (lines.length > 0) yield lines;
  }
  if (decoder) append(decoder.decode());
  if (current !== '' || truncated) yield [finish('')];
}
