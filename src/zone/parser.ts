import { lexZone, ZoneParseError } from './lexer.js';
import type { ZoneToken } from './lexer.js';
import { isRecordType, parseNumber, parseRdata, type Fail, type ZoneRecordData } from './rdata.js';

/** Where a record was written, for error messages. */
export interface ZoneSource {
  file: string;
  line: number;
}

export type ZoneRecord = ZoneRecordData & ZoneSource & { name: string; ttl: number };

/** A line of a type the caller asked to receive as written (the fixture server's FAULT lines). */
export interface ZoneExtraLine extends ZoneSource {
  name: string;
  type: string;
  words: string[];
}

export interface ParsedZone {
  records: ZoneRecord[];
  extras: ZoneExtraLine[];
}

/** An $INCLUDE'd file: the name to show in messages and its bytes. */
export interface IncludedFile {
  file: string;
  bytes: Buffer;
}

export interface ZoneParseOptions {
  /** Shown in errors and kept in each record. */
  file?: string;
  /** The origin before any $ORIGIN (absolute, lower case, no trailing dot); "" is the root. */
  origin?: string;
  /**
   * Reads the file an `$INCLUDE` names, as written, from the file that names it. Throws an Error
   * whose message says why it may not or cannot be read; without this option $INCLUDE is an error.
   */
  include?: (written: string, from: string) => IncludedFile;
  /** Types whose lines are handed back as written in `extras` instead of being parsed as records. */
  extraTypes?: readonly string[];
}

const DEFAULT_TTL = 3600;
const MAX_TTL = 2 ** 31 - 1;
/** $INCLUDE nesting; deeper is surely a loop. */
const MAX_INCLUDE_DEPTH = 16;
const OTHER_CLASSES = new Set(['CH', 'HS', 'CS', 'NONE', 'ANY']);

interface State {
  origin: string | undefined;
  ttl: number;
  previousOwner: string | undefined;
}

/**
 * Parses an RFC 1035 §5.1 master file as BIND writes and reads it: $ORIGIN, $TTL (RFC 2308), $INCLUDE,
 * `@`, relative names, owners continued by a leading blank, TTL (in seconds or BIND's 1h30m units)
 * and class in either order. Throws ZoneParseError naming the file and line of the first problem.
 */
export function parseZone(input: Buffer | string, options: ZoneParseOptions = {}): ParsedZone {
  const zone: ParsedZone = { records: [], extras: [] };
  const state: State = { origin: options.origin, ttl: DEFAULT_TTL, previousOwner: undefined };
  parseInto(zone, input, options.file ?? '<inline>', state, options, 0);
  return zone;
}

function parseInto(zone: ParsedZone, input: Buffer | string, file: string, state: State, options: ZoneParseOptions, depth: number): void {
  const extraTypes = new Set(options.extraTypes ?? []);
  for (const { line, continuesOwner, tokens } of lexZone(input, file)) {
    const fail: Fail = (reason) => {
      throw new ZoneParseError(file, line, reason);
    };
    const absolute = (written: string): string => absoluteName(written, state.origin, fail);
    const words = tokens.map((token) => token.text);
    const first = words[0] ?? '';

    if (!continuesOwner && first.startsWith('$')) {
      const directive = first.toUpperCase();
      if (directive === '$INCLUDE') {
        include(zone, words.slice(1), { file, fail, absolute, state, options, depth });
        continue;
      }
      if (directive !== '$ORIGIN' && directive !== '$TTL') fail(`unsupported directive ${first}`);
      if (words.length !== 2) fail(`${first} takes exactly one argument`);
      const argument = words[1] as string;
      if (directive === '$ORIGIN') state.origin = absolute(argument);
      else state.ttl = parseTtl(argument, fail);
      continue;
    }

    const owner = continuesOwner ? (state.previousOwner ?? fail('no previous owner name to continue')) : absolute(first);
    state.previousOwner = owner;
    let index = continuesOwner ? 0 : 1;
    let ttl = state.ttl;
    for (; index < words.length; index++) {
      const word = (words[index] as string).toUpperCase();
      if (/^\d/.test(word)) ttl = parseTtl(word, fail);
      else if (OTHER_CLASSES.has(word) || (/^CLASS\d+$/.test(word) && word !== 'CLASS1')) fail(`class ${word} is not supported, only IN`);
      else if (word !== 'IN' && word !== 'CLASS1') break;
    }
    const type = (words[index] ?? fail('missing record type')).toUpperCase();
    const rdata = tokens.slice(index + 1);
    if (extraTypes.has(type)) {
      zone.extras.push({ name: owner, type, words: rdata.map((token: ZoneToken) => token.text), file, line });
      continue;
    }
    if (!isRecordType(type)) fail(`unknown record type "${type}"`);
    zone.records.push({ ...parseRdata(type, rdata, absolute, fail), name: owner, ttl, file, line });
  }
}

interface IncludeContext {
  file: string;
  fail: Fail;
  absolute: (written: string) => string;
  state: State;
  options: ZoneParseOptions;
  depth: number;
}

/** RFC 1035 §5.1: `$INCLUDE <file> [<origin>]`; the origin (and owner) in effect before it are restored after it. */
function include(zone: ParsedZone, args: string[], { file, fail, absolute, state, options, depth }: IncludeContext): void {
  if (args.length < 1 || args.length > 2) fail('$INCLUDE takes a file name and optionally an origin');
  const read = options.include ?? fail('$INCLUDE is not allowed here');
  if (depth >= MAX_INCLUDE_DEPTH) fail(`$INCLUDE nested more than ${MAX_INCLUDE_DEPTH} deep (a loop?)`);
  let included: IncludedFile;
  try {
    included = read(args[0] as string, file);
  } catch (error) {
    return fail(`$INCLUDE ${args[0]}: ${(error as Error).message}`);
  }
  const saved = { origin: state.origin, previousOwner: state.previousOwner };
  if (args[1] !== undefined) state.origin = absolute(args[1]);
  parseInto(zone, included.bytes, included.file, state, options, depth + 1);
  state.origin = saved.origin;
  state.previousOwner = saved.previousOwner;
}

const TTL_UNITS: Readonly<Record<string, number>> = { S: 1, M: 60, H: 3600, D: 86_400, W: 604_800 };

/** Seconds, or BIND's units (`1h30m`, `2W`), at most 2^31 − 1 (RFC 2181 §8). */
function parseTtl(text: string, fail: Fail): number {
  if (/^\d+$/.test(text)) return parseNumber(text, MAX_TTL, fail);
  if (!/^(?:\d+[smhdw])+$/i.test(text)) return fail(`"${text}" is not a TTL (seconds, or units such as 1h30m)`);
  let seconds = 0;
  for (const [, amount, unit] of text.toUpperCase().matchAll(/(\d+)([SMHDW])/g)) seconds += Number(amount) * (TTL_UNITS[unit as string] ?? 0);
  return seconds <= MAX_TTL ? seconds : fail(`TTL "${text}" exceeds ${MAX_TTL} seconds`);
}

/** `@`, relative (origin appended) or absolute (trailing dot) → lower case, no trailing dot. */
function absoluteName(written: string, origin: string | undefined, fail: Fail): string {
  if (written.includes('\\')) fail(`escapes in names are not supported: "${written}"`);
  let name: string;
  if (written === '@') name = origin ?? fail('"@" used before $ORIGIN (start the file with $ORIGIN <zone>., or name the zone as in --zone example.com=<file>)');
  else if (written === '.') name = '';
  else if (written.endsWith('.')) name = written.slice(0, -1);
  else if (origin === undefined) return fail(`relative name "${written}" used before $ORIGIN (start the file with $ORIGIN <zone>., or name the zone as in --zone example.com=<file>)`);
  else name = origin === '' ? written : `${written}.${origin}`;
  name = name.toLowerCase();
  if (name === '') return name;
  const labels = name.split('.');
  if (labels.some((label) => label === '' || Buffer.byteLength(label) > 63)) fail(`"${written}" has an empty or over-long label`);
  if (Buffer.byteLength(name) > 253) fail(`"${written}" is longer than 253 characters`);
  return name;
}
