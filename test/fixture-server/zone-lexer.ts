/**
 * Splits master-file text (RFC 1035 §5.1 subset) into logical lines of tokens: `;` comments,
 * quoted strings with `\"`, `\\`, `\DDD` escapes, and parentheses joining physical lines.
 */

export class ZoneParseError extends Error {
  override readonly name = 'ZoneParseError';
  constructor(
    readonly file: string,
    readonly line: number,
    reason: string,
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

const isBlank = (char: string): boolean => char === ' ' || char === '\t' || char === '\r';
const ENDS_BARE_TOKEN = new Set([' ', '\t', '\r', '\n', ';', '(', ')', '"']);

export function lexZone(text: string, file: string): ZoneLine[] {
  const chars = Array.from(text);
  const lines: ZoneLine[] = [];
  let line = 1;
  let depth = 0;
  let current: ZoneLine = { line, continuesOwner: false, tokens: [] };
  const fail = (reason: string): never => {
    throw new ZoneParseError(file, line, reason);
  };
  const startLine = (at: number): void => {
    current = { line, continuesOwner: isBlank(chars[at] ?? ''), tokens: [] };
  };

  startLine(0);
  let i = 0;
  while (i < chars.length) {
    const char = chars[i] as string;
    if (char === '\n') {
      line++;
      i++;
      if (depth === 0) {
        if (current.tokens.length > 0) lines.push(current);
        startLine(i);
      }
    } else if (isBlank(char)) {
      i++;
    } else if (char === ';') {
      while (i < chars.length && chars[i] !== '\n') i++;
    } else if (char === '(') {
      depth++;
      i++;
    } else if (char === ')') {
      if (--depth < 0) fail('unbalanced ")"');
      i++;
    } else {
      const quoted = char === '"';
      const token = readToken(chars, quoted ? i + 1 : i, quoted, fail);
      current.tokens.push(token.value);
      i = token.end;
    }
  }
  if (depth > 0) fail('unclosed "("');
  if (current.tokens.length > 0) lines.push(current);
  return lines;
}

function readToken(
  chars: string[],
  start: number,
  quoted: boolean,
  fail: (reason: string) => never,
): { value: ZoneToken; end: number } {
  let text = '';
  const bytes: Buffer[] = [];
  let i = start;
  for (;;) {
    const char = chars[i];
    if (char === undefined || char === '\n') {
      if (quoted) fail('unterminated quoted string');
      break;
    }
    if (quoted ? char === '"' : ENDS_BARE_TOKEN.has(char)) break;
    if (char === '\\') {
      const digits = chars.slice(i + 1, i + 4).join('');
      if (/^\d{3}$/.test(digits)) {
        const value = Number(digits);
        if (value > 255) fail(`escape \\${digits} is not a byte value`);
        bytes.push(Buffer.from([value]));
        text += `\\${digits}`;
        i += 4;
        continue;
      }
      const escaped = chars[i + 1];
      if (escaped === undefined || escaped === '\n') fail('backslash at end of line');
      bytes.push(Buffer.from(escaped as string, 'utf8'));
      text += `\\${escaped}`;
      i += 2;
      continue;
    }
    bytes.push(Buffer.from(char, 'utf8'));
    text += char;
    i++;
  }
  return { value: { text, bytes: Buffer.concat(bytes), quoted }, end: quoted ? i + 1 : i };
}
