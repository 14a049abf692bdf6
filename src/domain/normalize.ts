import { domainToASCII } from 'node:url';
import { isIP } from 'node:net';

export type NormalizedDomain = { ok: true; domain: string } | { ok: false; error: string };

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/**
 * Turns user input into the name we query: lower case, no trailing dot, U-labels converted to
 * A-labels (DMARC evaluates A-labels). Rejects what is not a host name and says what to pass instead.
 */
export function normalizeDomain(input: string): NormalizedDomain {
  const raw = input.trim();
  if (raw === '') return { ok: false, error: 'empty domain name' };
  if (/[\u0000-\u001f\u007f]/.test(raw)) return { ok: false, error: 'the name contains control characters' };
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
  const ascii = /^[\x21-\x7e]+$/.test(withoutDot) ? withoutDot.toLowerCase() : domainToASCII(withoutDot);
  if (ascii === '') return { ok: false, error: `"${raw}" is not a valid internationalized domain name` };
  if (ascii.length > 253) return { ok: false, error: `"${raw}" is longer than 253 characters` };
  const labels = ascii.split('.');
  for (const label of labels) {
    if (label.length > 63) return { ok: false, error: `label "${label.slice(0, 20)}…" is longer than 63 characters` };
    if (!LABEL.test(label)) {
      return {
        ok: false,
        error: `label "${label}" may contain only letters, digits and hyphens, and may not start or end with a hyphen`,
      };
    }
  }
  if (labels.length < 2) return { ok: false, error: `"${raw}" is a single label; pass a full domain such as example.com` };
  if (/^\d+$/.test(labels[labels.length - 1] ?? '')) return { ok: false, error: `"${raw}" has a numeric top-level label` };
  return { ok: true, domain: ascii };
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return url.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').split(/[/:?#]/)[0] ?? url;
  }
}
