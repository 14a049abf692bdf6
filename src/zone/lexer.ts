/**
 * Splits master-file bytes (RFC 1035 §5.1) into logical lines of tokens: `;` comments, quoted
 * strings with `\"`, `\\`, `\DDD` escapes, and parentheses joining physical lines. Works on bytes,
 * not text: a quoted string's bytes are TXT data as they are, whatever their encoding.
 */

export class ZoneParseError extends Error {
  override readonly name = 'ZoneParseError';
  constructor(
    readonly file: string,
    readonly line: number,
    readonly reason: string,
  ) {
    super(`${file}:${line}: ${reason}`);
  }
}

export interface ZoneToken {
  /** As written (quotes removed, escapes kept): used for names, numbers, types. */
  text: string;
  /** Escapes resolved: used for TXT character-strings. */
  bytes: Buffer;
  quoted: boolean;
}

export interface ZoneLine {
  /** Physical line the logical line starts on, for error messages. */
  line: number;
  /** A line starting with blank space reuses the previous owner name. */
  continuesOwner: boolean;
  tokens: ZoneToken[];
}

const CHAR = { tab: 0x09, newline: 0x0a, cr: 0x0d, space: 0x20, quote: 0x22, open: 0x28, close: 0x29, semicolon: 0x3b, backslash: 0x5c } as const;
const isBlank = (byte: number | undefined): boolean => byte === CHAR.space || byte === CHAR.tab || byte === CHAR.cr;
const endsBareToken = (byte: number): boolean =>
  isBlank(byte) || byte === CHAR.newline || byte === CHAR.semicolon || byte === CHAR.open || byte === CHAR.close || byte === CHAR.quote;
const isDigit = (byte: number | undefined): boolean => byte !== undefined && byte >= 0x30 && byte <= 0x39;

export function lexZone(input: Buffer | string, file: string): ZoneLine[] {
  const bytes = typeof input === 'string' ? Buffer.from(input, 'utf8') : input;
  const lines: ZoneLine[] = [];
  let line = 1;
  let depth = 0;
  const fail = (reason: string): never => {
    throw new ZoneParseError(file, line, reason);
  };
  let current: ZoneLine = { line, continuesOwner: isBlank(bytes[0]), tokens: [] };

  let i = 0;
  while (i < bytes.length) {
    const byte = bytes[i] as number;
    if (byte === CHAR.newline) {
      line++;
      i++;
      if (depth === 0) {
        if (current.tokens.length > 0) lines.push(current);
        current = { line, continuesOwner: isBlank(bytes[i]), tokens: [] };
      }
    } else if (isBlank(byte)) {
      i++;
    } else if (byte === CHAR.semicolon) {
      while (i < bytes.length && bytes[i] !== CHAR.newline) i++;
    } else if (byte === CHAR.open) {
      depth++;
      i++;
    } else if (byte === CHAR.close) {
      if (--depth < 0) fail('unbalanced ")"');
      i++;
    } else {
      const quoted = byte === CHAR.quote;
      const token = readToken(bytes, quoted ? i + 1 : i, quoted, fail);
      current.tokens.push(token.value);
      i = token.end;
    }
  }
  if (depth > 0) fail('unclosed "("');
  if (current.tokens.length > 0) lines.push(current);
  return lines;
}

function readToken(bytes: Buffer, start: number, quoted: boolean, fail: (reason: string) => never): { value: ZoneToken; end: number } {
  // Most tokens have no escape: their bytes are the slice as written, and nothing is copied byte by byte.
  let resolved: number[] | undefined;
  let i = start;
  for (;;) {
    const byte = bytes[i];
    if (byte === undefined || byte === CHAR.newline) {
      if (quoted) fail('unterminated quoted string');
      break;
    }
    if (quoted ? byte === CHAR.quote : endsBareToken(byte)) break;
    if (byte === CHAR.backslash) {
      resolved ??= [...bytes.subarray(start, i)];
      if (isDigit(bytes[i + 1]) && isDigit(bytes[i + 2]) && isDigit(bytes[i + 3])) {
        const value = Number(bytes.toString('latin1', i + 1, i + 4));
        if (value > 255) fail(`escape \\${value} is not a byte value`);
        resolved.push(value);
        i += 4;
        continue;
      }
      const next = bytes[i + 1];
      if (next === undefined || next === CHAR.newline) fail('backslash at end of line');
      resolved.push(next as number);
      i += 2;
      continue;
    }
    resolved?.push(byte);
    i++;
  }
  const raw = bytes.subarray(start, i);
  const value: ZoneToken = { text: raw.toString('utf8'), bytes: resolved ? Buffer.from(resolved) : Buffer.from(raw), quoted };
  return { value, end: quoted ? i + 1 : i };
}
