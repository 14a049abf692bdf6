/** The identities check_host() works with (RFC 7208 §2.3, §2.4, §4.3). Pure. */
import { isTopLabel } from '../dns/types.js';

export interface SenderIdentity {
  /** The %{s} macro: local-part "@" domain. */
  sender: string;
  /** %{l}: "postmaster" when the sender has no local-part (§4.3). */
  localPart: string;
  /** %{o}. */
  domain: string;
}

/**
 * The <sender> of check_host(). An empty MAIL FROM (a bounce) makes the HELO identity the sender:
 * "postmaster@" + HELO name (§2.4); a sender without a local-part gets "postmaster" (§4.3). A bare
 * domain is read as a sender without a local-part.
 */
export function senderIdentity(sender: string | undefined, helo: string | undefined, fallbackDomain: string): SenderIdentity {
  const text = sender ?? '';
  if (text === '') return { sender: `postmaster@${helo || fallbackDomain}`, localPart: 'postmaster', domain: helo || fallbackDomain };
  const at = text.lastIndexOf('@');
  const localPart = at > 0 ? text.slice(0, at) : 'postmaster';
  const domain = at >= 0 ? text.slice(at + 1) : text;
  return { sender: `${localPart}@${domain}`, localPart, domain };
}

/** The domain check_host() is asked about for a MAIL FROM (or, when it is empty, the HELO) identity. */
export function domainToCheck(mailFrom: string, helo: string): string {
  return mailFrom === '' ? helo : mailFrom.slice(mailFrom.lastIndexOf('@') + 1);
}

// toplabel of RFC 7208 §7.1: letters, digits and inner hyphens, not all digits.

/**
 * §4.3: a <domain> that is malformed (a label over 63 characters, an empty label) or not a
 * multi-label name makes check_host() return "none" without any query. Domain literals such as
 * "[192.0.2.1]" and bare IP addresses fail the toplabel test.
 */
export function domainProblem(domain: string): string | null {
  const name = domain.endsWith('.') ? domain.slice(0, -1) : domain;
  if (name.length > 253) return 'the name is longer than 253 characters';
  const labels = name.split('.');
  if (labels.length < 2) return 'the name has a single label, not a fully qualified domain';
  if (labels.some((label) => label === '')) return 'the name has an empty label';
  if (labels.some((label) => label.length > 63)) return 'a label is longer than 63 characters';
  if (/[^\x21-\x7e]/.test(name)) return 'the name contains white space, control or non-ASCII characters';
  if (!isTopLabel(labels[labels.length - 1] ?? '')) return 'the last label is not a valid top-level label';
  return null;
}
