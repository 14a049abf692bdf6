import type { DmarcPolicy, DmarcRecord } from './types.js';
import { cap, isErrorKind, type DmarcIssue } from './issues.js';
import { parseUriList } from './uri.js';

export interface DmarcTag {
  /** Name as written (capped). */
  name: string;
  value: string;
  position: number;
}

export interface DmarcParseResult {
  /** The text starts with v=DMARC1; anything else is not a DMARC record and is ignored (RFC 9989 §4.7). */
  isDmarc: boolean;
  record: DmarcRecord;
  errors: DmarcIssue[];
  warnings: DmarcIssue[];
  /** False when a tag repeats: the whole tag list is void (RFC 6376 §3.2, inherited by RFC 9989 §4.7). */
  tagListValid: boolean;
  /** Every name=value fragment in order, for display. */
  tags: DmarcTag[];
}

// dmarc-version = "v" equals %s"DMARC1": ABNF quoted strings are case-insensitive (RFC 5234 §2.3),
// %s"DMARC1" is not. The version must end there (WSP, ";" or end), so "v=DMARC10" is not DMARC.
const VERSION = /^v[ \t]*=[ \t]*DMARC1(?![^ \t;])/i;
const VERSION_VALUE_CASE = /DMARC1$/;
const WSP_EDGES = /^[ \t]+|[ \t]+$/g;
const TAG_NAME = /^[A-Za-z]+$/;

/** Selection rule of the tree walk (RFC 9989 §4.10 step 2): does this TXT record start with v=DMARC1? */
export function isDmarcRecord(text: string): boolean {
  const match = VERSION.exec(text);
  return match !== null && VERSION_VALUE_CASE.test(match[0]);
}

const POLICIES: readonly DmarcPolicy[] = ['none', 'quarantine', 'reject'];

type Setter = (value: string, record: DmarcRecord) => string | null;

const oneOf =
  <T extends string>(allowed: readonly T[], set: (record: DmarcRecord, value: T) => void): Setter =>
  (value, record) => {
    const lower = value.toLowerCase() as T;
    if (!allowed.includes(lower)) return `expected ${allowed.join(', ')}`;
    set(record, lower);
    return null;
  };

// Values of known tags; a setter returns why a value is wrong, or null after storing it.
const CURRENT_TAGS: Record<string, Setter> = {
  p: oneOf(POLICIES, (r, v) => (r.p = v)),
  sp: oneOf(POLICIES, (r, v) => (r.sp = v)),
  np: oneOf(POLICIES, (r, v) => (r.np = v)),
  psd: oneOf(['y', 'n', 'u'] as const, (r, v) => (r.psd = v)),
  t: oneOf(['y', 'n'] as const, (r, v) => (r.t = v)),
  adkim: oneOf(['r', 's'] as const, (r, v) => (r.adkim = v)),
  aspf: oneOf(['r', 's'] as const, (r, v) => (r.aspf = v)),
  fo: (value, record) => {
    const options = value.toLowerCase().split(/[ \t]*:[ \t]*/);
    if (!options.every((o) => ['0', '1', 'd', 's'].includes(o))) return 'expected a colon-separated list of 0, 1, d and s';
    record.fo = options.join(':');
    return null;
  },
};

// RFC 7489 tags RFC 9989 removed (Appendix C): recognised so they can be flagged, never errors.
const LEGACY_TAGS: Record<string, Setter> = {
  pct: (value, record) => {
    if (!/^\d{1,3}$/.test(value) || Number(value) > 100) return 'expected an integer from 0 to 100';
    record.pct = Number(value);
    return null;
  },
  rf: (value, record) => {
    const formats = value.toLowerCase().split(/[ \t]*:[ \t]*/);
    if (!formats.every((f) => f === 'afrf' || f === 'iodef')) return 'expected afrf (or iodef)';
    record.rf = formats.join(':');
    return null;
  },
  ri: (value, record) => {
    if (!/^\d{1,10}$/.test(value) || Number(value) > 0xffffffff) return 'expected a number of seconds';
    record.ri = Number(value);
    return null;
  },
};

/** Parses one TXT record as a DMARC record (RFC 9989 §4.7). Pure; never throws on any input. */
export function parseDmarcRecord(text: string): DmarcParseResult {
  const result: DmarcParseResult = {
    isDmarc: isDmarcRecord(text),
    record: { rua: [], ruf: [] },
    errors: [],
    warnings: [],
    tagListValid: true,
    tags: [],
  };
  const report = (issue: DmarcIssue): void => {
    (isErrorKind(issue.kind) ? result.errors : result.warnings).push(issue);
  };
  if (!result.isDmarc) {
    report({ kind: 'not-dmarc', tag: 'v', position: 0, detail: 'the record does not start with "v=DMARC1"' });
    result.tagListValid = false;
    return result;
  }

  const seen = new Set<string>(['v']);
  const version = VERSION.exec(text)?.[0] ?? '';
  result.tags.push({ name: 'v', value: 'DMARC1', position: 0 });
  let offset = version.length;
  for (const fragment of text.slice(offset).split(';')) {
    const start = offset;
    offset += fragment.length + 1;
    const trimmed = fragment.replace(WSP_EDGES, '');
    // Empty fragments (";;", a trailing ";") are outside the strict grammar but harmless and widespread.
    if (trimmed === '') continue;
    const position = start + fragment.indexOf(trimmed);
    if (start === version.length) {
      // Text right after "v=DMARC1" that is not a ";": the separator is missing.
      report({ kind: 'malformed', tag: 'v', position, detail: '"v=DMARC1" must be followed by ";"' });
    }
    parseTag(trimmed, position, result, seen, report);
  }
  // RFC 9989 §4.7 makes p only RECOMMENDED: without it a record with a valid rua counts as p=none,
  // and one without is ignored by receivers (§4.10.1), which is the case worth an error.
  if (result.tagListValid && !seen.has('p') && result.record.rua.length === 0) {
    report({ kind: 'missing-p', tag: 'p', position: text.length, detail: 'no p tag and no valid rua, so receivers ignore the record' });
  }
  return result;
}

function parseTag(
  fragment: string,
  position: number,
  result: DmarcParseResult,
  seen: Set<string>,
  report: (issue: DmarcIssue) => void,
): void {
  const equals = fragment.indexOf('=');
  const rawName = equals < 0 ? '' : fragment.slice(0, equals).replace(WSP_EDGES, '');
  if (rawName === '') {
    report({ kind: 'malformed', tag: '', position, value: cap(fragment), detail: `"${cap(fragment, 40)}" is not a tag=value pair` });
    return;
  }
  const value = fragment.slice(equals + 1).replace(WSP_EDGES, '');
  const name = rawName.toLowerCase();
  result.tags.push({ name: cap(rawName, 40), value, position });
  if (seen.has(name)) {
    result.tagListValid = false;
    report({ kind: 'duplicate-tag', tag: name, position, detail: `tag "${cap(name, 40)}" appears more than once, which voids the whole record` });
    return;
  }
  seen.add(name);
  const shown = cap(value, 60);

  if (name === 'rua' || name === 'ruf') {
    const list = parseUriList(value);
    result.record[name] = list.uris;
    for (const bad of list.invalid) {
      report({ kind: 'bad-uri', tag: name, position, value: bad.uri, detail: `${name} URI "${bad.uri}" is invalid: ${bad.reason}` });
    }
    for (const uri of list.uris) {
      if (uri.sizeLimit !== undefined) {
        const written = cap(`${uri.uri}!${uri.sizeLimit}`);
        report({ kind: 'uri-size-limit', tag: name, position, value: written, detail: `${name} URI ${written} has the legacy size limit !${uri.sizeLimit}, removed in RFC 9989` });
      }
    }
    return;
  }
  const current = CURRENT_TAGS[name];
  if (current) {
    const problem = value === '' ? 'the value is empty' : current(value, result.record);
    if (problem) report({ kind: 'bad-value', tag: name, position, value: shown, detail: `${name}=${shown} is invalid: ${problem}` });
    return;
  }
  const legacy = LEGACY_TAGS[name];
  if (legacy) {
    const problem = legacy(value, result.record);
    const detail = problem ? `${name}=${shown} was removed in RFC 9989 and its value is invalid (${problem})` : `${name} was removed in RFC 9989`;
    report({ kind: 'legacy-tag', tag: name, position, value: shown, detail });
    return;
  }
  const shownName = cap(rawName, 40);
  const detail = TAG_NAME.test(rawName) ? `unknown tag "${shownName}"` : `"${shownName}" is not a valid tag name`;
  report({ kind: 'unknown-tag', tag: shownName, position, value: shown, detail });
}
