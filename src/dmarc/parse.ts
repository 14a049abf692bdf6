import { POLICY_LEVELS } from './policy-rank.js';
import type { DmarcRecord } from './types.js';
import { cap, effectOf, type DmarcIssue, type IssueEffect } from './issues.js';
import { parseUriList } from './uri.js';

export interface DmarcTag {
  /** Name as written (capped). */
  name: string;
  value: string;
  position: number;
}

/**
 * What receivers do with the record as a whole (see IssueEffect): `applies` when it has no error, or only
 * errors RFC 9989 §4.10.1 settles (an invalid p, sp or np; no p); `disputed` when a syntax error elsewhere
 * makes some receivers ignore the whole record, which we count as not applied; `void` when every receiver
 * ignores it.
 */
export type DmarcDisposition = 'applies' | 'disputed' | 'void';

export interface DmarcParseResult {
  /** The text starts with v=DMARC1; anything else is not a DMARC record and is ignored (RFC 9989 §4.7). */
  isDmarc: boolean;
  disposition: DmarcDisposition;
  record: DmarcRecord;
  errors: DmarcIssue[];
  warnings: DmarcIssue[];
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
  p: oneOf(POLICY_LEVELS, (r, v) => (r.p = v)),
  sp: oneOf(POLICY_LEVELS, (r, v) => (r.sp = v)),
  np: oneOf(POLICY_LEVELS, (r, v) => (r.np = v)),
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

// RFC 7489 tags RFC 9989 removed (Appendix C): recognised so they can be flagged; a malformed value is
// still an error, because receivers that read RFC 7489 reject such a record.
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

const DISPOSITION_RANK: Record<DmarcDisposition, number> = { applies: 0, disputed: 1, void: 2 };
const DISPOSITION_OF: Record<IssueEffect, DmarcDisposition> = { policy: 'applies', disputed: 'disputed', void: 'void' };
const KNOWN_TAGS: ReadonlySet<string> = new Set(['rua', 'ruf', ...Object.keys(CURRENT_TAGS), ...Object.keys(LEGACY_TAGS)]);
// A value that holds "<name>=" after white space swallowed the next tag: the ";" before it is missing.
const SWALLOWED_TAG = /[ \t]+([A-Za-z]+)[ \t]*=/;

/**
 * Parses one TXT record as a DMARC record, strictly as the RFC 9989 §4.8 grammar (the RFC 6376 §3.2
 * tag list with "v=DMARC1" first), and says what receivers do with it as a whole (`disposition`).
 * Pure; never throws on any input.
 */
export function parseDmarcRecord(text: string): DmarcParseResult {
  const result: DmarcParseResult = { isDmarc: isDmarcRecord(text), disposition: 'applies', record: { rua: [], ruf: [] }, errors: [], warnings: [], tags: [] };
  const report = (issue: DmarcIssue): void => {
    const effect = effectOf(issue);
    if (effect === null) {
      result.warnings.push(issue);
      return;
    }
    result.errors.push(issue);
    const disposition = DISPOSITION_OF[effect];
    if (DISPOSITION_RANK[disposition] > DISPOSITION_RANK[result.disposition]) result.disposition = disposition;
  };
  if (!result.isDmarc) {
    report({ kind: 'not-dmarc', tag: 'v', position: 0, detail: 'the record does not start with "v=DMARC1"' });
    return result;
  }

  const version = VERSION.exec(text)?.[0] ?? '';
  result.tags.push({ name: 'v', value: 'DMARC1', position: 0 });
  const [head = '', ...fragments] = text.slice(version.length).split(';');
  if (head.replace(WSP_EDGES, '') !== '') {
    // "v=DMARC1 p=reject": read as a tag list, v's value is "DMARC1 p=reject", which is not "DMARC1".
    const rest = cap(`DMARC1${head}`, 40);
    report({ kind: 'bad-version', tag: 'v', position: version.length, value: rest, detail: `"v=DMARC1" is not followed by ";", so the version tag reads "${rest}", not "DMARC1"` });
    return result;
  }

  const seen = new Set<string>(['v']);
  let offset = version.length + head.length + 1;
  fragments.forEach((fragment, index) => {
    const start = offset;
    offset += fragment.length + 1;
    const trimmed = fragment.replace(WSP_EDGES, '');
    if (trimmed !== '') {
      parseTag(trimmed, start + fragment.indexOf(trimmed), result, seen, report);
    } else if (index < fragments.length - 1) {
      // dmarc-record = dmarc-version *(dmarc-sep dmarc-tag) [dmarc-sep]: one trailing ";" only.
      report({ kind: 'malformed', tag: '', position: start, detail: 'an empty tag (";;") is outside the tag-list grammar' });
    }
  });
  // RFC 9989 §4.7 makes p only RECOMMENDED: without it a record with a valid rua counts as p=none, and one
  // without is ignored by receivers (§4.10.1), which is the case worth an error.
  if (result.disposition !== 'void' && !seen.has('p') && result.record.rua.length === 0) {
    report({ kind: 'missing-p', tag: 'p', position: text.length, detail: 'no p tag and no valid rua' });
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
  const shownName = cap(rawName, 40);
  result.tags.push({ name: shownName, value, position });
  if (seen.has(name)) {
    report({ kind: 'duplicate-tag', tag: name, position, detail: `tag "${cap(name, 40)}" appears more than once` });
    return;
  }
  seen.add(name);
  if (name !== rawName && KNOWN_TAGS.has(name)) {
    // RFC 6376 §3.2: "Tags MUST be interpreted in a case-sensitive manner"; most receivers fold case anyway.
    report({ kind: 'tag-case', tag: name, position, value: shownName, detail: `tag "${shownName}" is not "${name}": tag names are case-sensitive, so receivers that follow RFC 6376 §3.2 ignore it` });
  }
  const shown = cap(value, 60);
  const swallowed = SWALLOWED_TAG.exec(value)?.[1];
  const hint = swallowed ? ` (a ";" is missing before "${cap(swallowed, 20)}=")` : '';

  if (name === 'rua' || name === 'ruf') {
    if (value === '') {
      report({ kind: 'bad-value', tag: name, position, value: '', detail: `${name}= is empty: it needs at least one URI` });
      return;
    }
    const list = parseUriList(value);
    result.record[name] = list.uris;
    for (const bad of list.invalid) {
      report({ kind: 'bad-uri', tag: name, position, value: bad.uri, detail: `${name} URI "${bad.uri}" is invalid: ${bad.reason}${hint}` });
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
    if (problem) report({ kind: 'bad-value', tag: name, position, value: shown, detail: `${name}=${shown} is invalid: ${problem}${hint}` });
    return;
  }
  const legacy = LEGACY_TAGS[name];
  if (legacy) {
    report({ kind: 'legacy-tag', tag: name, position, value: shown, detail: `${name} was removed in RFC 9989` });
    // Receivers that still read RFC 7489 tags reject a record whose legacy value is malformed.
    const problem = legacy(value, result.record);
    if (problem) report({ kind: 'bad-value', tag: name, position, value: shown, detail: `${name}=${shown} is invalid: ${problem}${hint}` });
    return;
  }
  if (TAG_NAME.test(rawName)) report({ kind: 'unknown-tag', tag: shownName, position, value: shown, detail: `unknown tag "${shownName}"` });
  else report({ kind: 'malformed', tag: '', position, value: shownName, detail: `"${shownName}" is not a tag name (letters only)` });
}
