import { domainToASCII } from 'node:url';
import { isIP } from 'node:net';

export type NormalizedDomain = { ok: true; domain: string } | { ok: false; error: string };

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/**
 * A name already in the form normalization produces: lower-case LDH labels, at least two, a top-level
 * label with a letter, no A-labels (those need their punycode checked). Lists are mostly such names.
 */
const NORMALIZED = /^(?:(?!-)[a-z0-9-]{1,63}(?<!-)\.)+(?=[a-z0-9-]*[a-z])(?!-)[a-z0-9-]{1,63}(?<!-)$/;
const MAX_NAME_LENGTH = 253;

/**
 * Turns user input into the name we query: lower case, no trailing dot, U-labels converted to
 * A-labels (DMARC evaluates A-labels). Rejects what is not a host name and says what to pass instead.
 */
export function normalizeDomain(input: string): NormalizedDomain {
  if (input.length <= MAX_NAME_LENGTH && NORMALIZED.test(input) && !input.includes('xn--')) return { ok: true, domain: input };
  // UTS #46 treats the ideographic and fullwidth full stops as dots; map them first so a trailing one is a trailing dot.
  const raw = input.trim().replace(/[\u3002\uff0e\uff61]/g, '.');
  if (raw === '') return { ok: false, error: 'empty domain name' };
  if (/[\u0000-\u001f\u007f]/.test(raw)) {
    return { ok: false, error: 'the name contains control characters (is this a binary file, or UTF-16 without a byte-order mark?)' };
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(raw)) {
    return { ok: false, error: `"${raw}" is a URL; pass only its host name, e.g. "${hostOf(raw)}"` };
  }
  if (raw.includes('@')) {
    return { ok: false, error: `"${raw}" is an e-mail address; pass the domain after "@", e.g. "${raw.slice(raw.lastIndexOf('@') + 1)}"` };
  }
  const unbracketed = raw.replace(/^\[(.*)\]$/, '$1');
  if (isIP(unbracketed)) return { ok: false, error: `"${raw}" is an IP address; DMARC and SPF are published for domain names` };
  if (raw.includes('*')) return { ok: false, error: `"${raw}" is a wildcard; pass a concrete domain name` };
  const withoutDot = raw.endsWith('.') ? raw.slice(0, -1) : raw;
  if (withoutDot === '' || withoutDot.includes('..') || withoutDot.startsWith('.')) {
    return { ok: false, error: `"${raw}" has an empty label` };
  }
  if (/\s/.test(withoutDot)) return { ok: false, error: `"${raw}" contains white space` };
  const hostPart = /^([^/:?#]+)[/:?#]/.exec(withoutDot);
  if (hostPart) return { ok: false, error: `"${raw}" is not only a host name; pass just the host, e.g. "${hostPart[1]}"` };
  const ascii = /^[\x21-\x7e]+$/.test(withoutDot) ? withoutDot.toLowerCase() : domainToASCII(withoutDot);
  if (ascii === '') return { ok: false, error: `"${raw}" is not a valid internationalized domain name` };
  if (ascii.length > MAX_NAME_LENGTH) return { ok: false, error: `"${raw}" is longer than ${MAX_NAME_LENGTH} characters` };
  const labels = ascii.split('.');
  const underscored = labels.findIndex((label) => label.startsWith('_'));
  if (underscored !== -1 && underscored < labels.length - 2) {
    const domain = labels.slice(labels.findLastIndex((label) => label.startsWith('_')) + 1).join('.');
    return { ok: false, error: `"${raw}" is a DNS record name, not a domain (labels starting with "_" are not host names); pass the domain itself, e.g. "${domain}"` };
  }
  for (const label of labels) {
    const problem = labelProblem(label);
    if (problem) return { ok: false, error: problem };
  }
  if (labels.length < 2) return { ok: false, error: `"${raw}" is a single label; pass a full domain such as example.com` };
  if (/^\d+$/.test(labels[labels.length - 1] ?? '')) return { ok: false, error: `"${raw}" has a numeric top-level label` };
  return { ok: true, domain: ascii };
}

/** What is wrong with one lower-case ASCII label, or undefined when it is a valid host-name label. */
function labelProblem(label: string): string | undefined {
  const shown = label.length > 24 ? `${label.slice(0, 20)}…` : label;
  if (label.length > 63) return `label "${shown}" is longer than 63 characters`;
  if (label.startsWith('-')) return `label "${shown}" starts with a hyphen, which host names may not`;
  if (label.endsWith('-')) return `label "${shown}" ends with a hyphen, which host names may not`;
  const bad = /[^a-z0-9-]/.exec(label);
  if (bad) return `label "${shown}" contains "${bad[0]}"; domain names use only letters, digits and hyphens`;
  // An A-label must decode to a valid U-label (RFC 5891 §5.4); "xn--zz" does not.
  if (label.startsWith('xn--') && domainToASCII(label) === '') return `label "${shown}" is not a valid A-label (bad punycode)`;
  return LABEL.test(label) ? undefined : `label "${shown}" is not a valid host-name label`;
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return url.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').split(/[/:?#]/)[0] ?? url;
  }
}
