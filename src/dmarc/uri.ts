import { normalizeDomain } from '../domain/normalize.js';
import type { DmarcUri } from './types.js';
import { cap } from './issues.js';

export interface UriListResult {
  uris: DmarcUri[];
  /** URIs that are not usable, with the reason; each is an error (RFC 9989 §4.7). */
  invalid: { uri: string; reason: string }[];
}

const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:/;
// RFC 3986 §2: unreserved, sub-delims, gen-delims and "%" (checked separately for pct-encoding).
// "," and "!" are absent on purpose: DMARC uses them as delimiters, so inside a URI they must be encoded.
const URI_CHARS = /^[A-Za-z0-9\-._~%$&'()*+=:@/?#[\]]*$/;
const BAD_PERCENT = /%(?![0-9A-Fa-f]{2})/;
// RFC 7489 §6.4 size suffix ("!" 1*DIGIT [k/m/g/t]); white space tolerated because it is seen in the wild.
const SIZE_SUFFIX = /^[ \t]*(\d{1,15})[ \t]*([kmgtKMGT]?)[ \t]*$/;

/**
 * Splits a rua/ruf value into URIs (RFC 9989 §4.7: comma-separated, WSP allowed around commas).
 * Pure and total: every element ends up either in `uris` or in `invalid`.
 */
export function parseUriList(value: string): UriListResult {
  const result: UriListResult = { uris: [], invalid: [] };
  for (const element of value.split(',')) {
    const parsed = parseUri(element.replace(/^[ \t]+|[ \t]+$/g, ''));
    if ('reason' in parsed) result.invalid.push({ uri: cap(parsed.uri), reason: parsed.reason });
    else result.uris.push(parsed);
  }
  return result;
}

function parseUri(text: string): DmarcUri | { uri: string; reason: string } {
  if (text === '') return { uri: text, reason: 'empty URI (stray comma?)' };
  let uri = text;
  let sizeLimit: string | undefined;
  const bang = text.lastIndexOf('!');
  if (bang >= 0) {
    const size = SIZE_SUFFIX.exec(text.slice(bang + 1));
    if (!size) return { uri: text, reason: '"!" must be percent-encoded (%21) inside a URI' };
    uri = text.slice(0, bang).replace(/[ \t]+$/, '');
    sizeLimit = `${size[1] ?? ''}${(size[2] ?? '').toLowerCase()}`;
  }
  const scheme = SCHEME.exec(uri)?.[0].slice(0, -1).toLowerCase();
  if (!scheme) return { uri, reason: 'not a URI (expected scheme:…, e.g. mailto:reports@example.com)' };
  if (!URI_CHARS.test(uri)) return { uri, reason: 'contains characters that must be percent-encoded' };
  if (BAD_PERCENT.test(uri)) return { uri, reason: 'contains "%" not followed by two hex digits' };
  const result: DmarcUri = { uri, scheme };
  if (sizeLimit !== undefined) result.sizeLimit = sizeLimit;
  if (scheme !== 'mailto') return result;
  const domain = mailtoDomain(uri.slice('mailto:'.length));
  if (typeof domain !== 'string') return { uri, reason: domain.reason };
  result.domain = domain;
  return result;
}

/** The domain of a mailto: URI's single address (RFC 6068 §2), normalized for DNS lookups. */
function mailtoDomain(rest: string): string | { reason: string } {
  let address: string;
  try {
    address = decodeURIComponent(rest.split('?')[0] ?? '');
  } catch {
    return { reason: 'invalid percent-encoding' };
  }
  const at = address.lastIndexOf('@');
  if (at <= 0 || at === address.length - 1) return { reason: 'mailto: needs an address of the form local@domain' };
  const normalized = normalizeDomain(address.slice(at + 1));
  if (!normalized.ok) return { reason: `bad domain in mailto: address (${cap(normalized.error)})` };
  return normalized.domain;
}
