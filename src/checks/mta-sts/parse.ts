/** The MTA-STS TXT record (RFC 8461 §3.1) and policy file (§3.2), parsed strictly; pure. */
import { parseTagList } from '../tag-list.js';

export const STS_MODES = ['enforce', 'testing', 'none'] as const;
export type StsMode = (typeof STS_MODES)[number];

export interface StsPolicy {
  version: string;
  mode: StsMode;
  /** The mx patterns, lower case, in order. */
  mx: string[];
  maxAge: number;
}

/** RFC 8461 §3.2: max_age is at most 31557600 seconds (about a year). */
export const MAX_AGE_LIMIT = 31_557_600;
const ONE_DAY = 86_400;

/** The record's id, or what is wrong with it (§3.1: sts-id = 1*32(ALPHA / DIGIT)). */
export function parseStsRecord(record: string): { id: string } | { error: string } {
  const list = parseTagList(record, 'STSv1');
  if (!list.ok) return { error: list.error };
  const id = list.tags.get('id');
  if (id === undefined) return { error: 'no id field' };
  if (!/^[A-Za-z0-9]{1,32}$/.test(id)) return { error: `id "${id}" is not 1 to 32 letters and digits` };
  return { id };
}

/** §3.2 / §4.1: "mail.example.com", or "*.example.com" with the wildcard as the whole leftmost label only. */
const MX_PATTERN = /^(?:\*\.)?(?:[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?\.)+[a-z0-9-]{1,63}$/;

/** The policy, or every reason it is unusable; a policy under a day of max_age is usable but noted. */
export function parseStsPolicy(body: string): { policy: StsPolicy; shortMaxAge: boolean } | { errors: string[] } {
  const fields = new Map<string, string>();
  const mx: string[] = [];
  const errors: string[] = [];
  // §3.2: lines end in CRLF; senders also accept LF alone.
  for (const [index, line] of body.split(/\r?\n/).entries()) {
    if (line.trim() === '') continue;
    const colon = line.indexOf(':');
    if (colon <= 0) {
      errors.push(`line ${index + 1} is not "name: value"`);
      continue;
    }
    const name = line.slice(0, colon).trim();
    const value = line.slice(colon + 1).trim();
    if (name === 'mx') mx.push(value.toLowerCase());
    // The first occurrence counts; unknown fields are extensions, ignored (§3.2).
    else if (!fields.has(name)) fields.set(name, value);
  }
  const version = fields.get('version');
  if (version !== 'STSv1') errors.push(version === undefined ? 'no version field' : `version "${version}" is not STSv1`);
  const mode = fields.get('mode');
  if (!(STS_MODES as readonly string[]).includes(mode ?? '')) errors.push(mode === undefined ? 'no mode field' : `mode "${mode}" is not enforce, testing or none`);
  const maxAgeText = fields.get('max_age');
  const maxAge = /^\d{1,10}$/.test(maxAgeText ?? '') ? Number(maxAgeText) : NaN;
  if (!(maxAge <= MAX_AGE_LIMIT)) errors.push(maxAgeText === undefined ? 'no max_age field' : `max_age "${maxAgeText}" is not a number of seconds up to ${MAX_AGE_LIMIT}`);
  for (const pattern of mx) if (!MX_PATTERN.test(pattern)) errors.push(`mx "${pattern}" is not a host name or "*." and a host name`);
  if (mx.length === 0 && mode !== 'none') errors.push('no mx field (required unless mode is none)');
  if (errors.length > 0) return { errors };
  return { policy: { version: 'STSv1', mode: mode as StsMode, mx, maxAge }, shortMaxAge: maxAge < ONE_DAY };
}

/** §4.1: a pattern matches the host itself, or with "*." exactly one label more on the left. */
export function mxMatches(pattern: string, host: string): boolean {
  if (!pattern.startsWith('*.')) return pattern === host;
  const dot = host.indexOf('.');
  return dot > 0 && host.slice(dot + 1) === pattern.slice(2);
}
