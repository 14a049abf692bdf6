/** The SPF record parser: RFC 7208 §4.5, §4.6.1 and the ABNF of §12. Pure and synchronous. */
import { parseCidrLength, parseIp4, parseIp6 } from './cidr.js';
import { parseDomainSpec } from './domain-spec.js';
import type { DomainSpec } from './domain-spec.js';
import { parseMacroString } from './macro.js';
import type { ExpModifier, Qualifier, RedirectModifier, SpfParseError, SpfParseResult, SpfTerm } from './record.js';

const VERSION = /^v=spf1(?: |$)/i;
// The "=" must follow the name directly, before any ":" or "/" (§4.6.1).
const MODIFIER = /^([a-z][a-z0-9_.-]*)=(.*)$/i;
const DUAL_CIDR = /(?:\/(\d+))?(?:\/\/(\d+))?$/;
const MECHANISMS = ['all', 'include', 'a', 'mx', 'ptr', 'ip4', 'ip6', 'exists'] as const;
type MechanismName = (typeof MECHANISMS)[number];
const isMechanismName = (name: string): name is MechanismName => (MECHANISMS as readonly string[]).includes(name);

/**
 * Whether a TXT string is an SPF record: "v=spf1", in any case, followed by a space or the end
 * (§4.5), so "v=spf10" is not one.
 */
export function isSpfRecord(text: string): boolean {
  return VERSION.test(text);
}

/** Parses a record. Never throws: everything wrong with it is in `errors`. */
export function parseSpfRecord(text: string): SpfParseResult {
  const terms: SpfTerm[] = [];
  const errors: SpfParseError[] = [];
  let redirect: RedirectModifier | null = null;
  let exp: ExpModifier | null = null;
  if (!isSpfRecord(text)) {
    const start = JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
    errors.push({ term: text, detail: `${start} does not start with "v=spf1" followed by a space or the end` });
    return { terms, redirect, exp, errors };
  }
  // terms = *( 1*SP ( directive / modifier ) ), and a record may end in spaces (§12).
  for (const raw of text.slice('v=spf1'.length).split(' ')) {
    if (raw === '') continue;
    const parsed = parseTerm(raw);
    if (typeof parsed === 'string') {
      errors.push({ term: raw, detail: `${JSON.stringify(raw)}: ${parsed}` });
      continue;
    }
    if (parsed.kind === 'redirect' || parsed.kind === 'exp') {
      // §6: redirect and exp MUST NOT appear more than once each.
      if ((parsed.kind === 'redirect' ? redirect : exp) !== null) {
        errors.push({ term: raw, detail: `${JSON.stringify(raw)}: ${parsed.kind}= appears more than once` });
        continue;
      }
      if (parsed.kind === 'redirect') redirect = parsed;
      else exp = parsed;
    }
    terms.push(parsed);
  }
  return { terms, redirect, exp, errors };
}

/** One term, or why it is malformed. */
function parseTerm(raw: string): SpfTerm | string {
  // §3.1: records are 7-bit ASCII; terms are separated by spaces only, not other white space.
  if (/[^\x21-\x7e]/.test(raw)) return 'contains a control, non-ASCII or white-space character';
  const modifier = MODIFIER.exec(raw);
  if (modifier) return parseModifier(raw, modifier[1] ?? '', modifier[2] ?? '');

  const explicit = '+-~?'.includes(raw.charAt(0));
  const qualifier = explicit ? (raw.charAt(0) as Qualifier) : '+';
  const body = explicit ? raw.slice(1) : raw;
  const nameEnd = body.search(/[:/]/);
  const name = (nameEnd < 0 ? body : body.slice(0, nameEnd)).toLowerCase();
  const argument = nameEnd < 0 ? '' : body.slice(nameEnd);
  if (name === '') return 'a qualifier or argument without a mechanism name';
  if (!isMechanismName(name)) {
    if (name === 'redirect' || name === 'exp') return `${name} is a modifier and is written ${name}=<domain>`;
    return `unknown mechanism "${name}"`;
  }

  switch (name) {
    case 'all':
      return argument === '' ? { kind: 'all', qualifier, raw } : 'all takes no argument';
    case 'include':
    case 'exists': {
      if (!argument.startsWith(':')) return `${name} needs ":" and a domain`;
      const domain = parseDomain(argument.slice(1));
      return typeof domain === 'string' ? domain : { kind: name, qualifier, raw, domain };
    }
    case 'ptr': {
      if (argument === '') return { kind: 'ptr', qualifier, raw, domain: null };
      if (!argument.startsWith(':')) return 'ptr takes only ":" and a domain, no prefix length';
      const domain = parseDomain(argument.slice(1));
      return typeof domain === 'string' ? domain : { kind: 'ptr', qualifier, raw, domain };
    }
    case 'a':
    case 'mx':
      return parseHostMechanism(name, qualifier, raw, argument);
    case 'ip4':
    case 'ip6':
      return parseIpMechanism(name, qualifier, raw, argument);
  }
}

function parseModifier(raw: string, name: string, value: string): SpfTerm | string {
  const known = name.toLowerCase();
  // Known names are never re-read as unknown modifiers, so a bad redirect= is an error.
  if (known === 'redirect' || known === 'exp') {
    const domain = parseDomain(value);
    if (typeof domain === 'string') return domain;
    return { kind: known, raw, domain };
  }
  const parsed = parseMacroString(value, 'record');
  return parsed.ok ? { kind: 'modifier', raw, name, value: parsed.tokens } : parsed.error;
}

/** a and mx: [ ":" domain-spec ] [ ip4-cidr-length ] [ "/" ip6-cidr-length ] (§5.3, §5.4). */
function parseHostMechanism(kind: 'a' | 'mx', qualifier: Qualifier, raw: string, argument: string): SpfTerm | string {
  const cidr = DUAL_CIDR.exec(argument);
  const rest = cidr ? argument.slice(0, cidr.index) : argument;
  const cidr4 = cidr?.[1] === undefined ? 32 : parseCidrLength(cidr[1], 32);
  if (cidr4 === null) return 'the IPv4 prefix length must be 0 to 32, without leading zeros';
  const cidr6 = cidr?.[2] === undefined ? 128 : parseCidrLength(cidr[2], 128);
  if (cidr6 === null) return 'the IPv6 prefix length must be 0 to 128, without leading zeros';
  if (rest === '') return { kind, qualifier, raw, domain: null, cidr4, cidr6 };
  if (!rest.startsWith(':')) return `${kind} takes ":" and a domain, then "/" and IPv4 and "//" and IPv6 prefix lengths`;
  const domain = parseDomain(rest.slice(1));
  return typeof domain === 'string' ? domain : { kind, qualifier, raw, domain, cidr4, cidr6 };
}

/** ip4:address[/0-32] and ip6:address[/0-128] (§5.6). */
function parseIpMechanism(kind: 'ip4' | 'ip6', qualifier: Qualifier, raw: string, argument: string): SpfTerm | string {
  if (!argument.startsWith(':')) return `${kind} needs ":" and an address`;
  const [ip = '', length, ...extra] = argument.slice(1).split('/');
  const address = kind === 'ip4' ? parseIp4(ip) : parseIp6(ip);
  if (!address) return kind === 'ip4' ? `"${ip}" is not a dotted-quad IPv4 address` : `"${ip}" is not an IPv6 address`;
  const max = kind === 'ip4' ? 32 : 128;
  const cidr = length === undefined ? max : parseCidrLength(length, max);
  if (cidr === null || extra.length > 0) return `the prefix length must be a single "/0" to "/${max}", without leading zeros`;
  return { kind, qualifier, raw, ip, address, cidr };
}

function parseDomain(text: string): DomainSpec | string {
  const parsed = parseDomainSpec(text);
  if (parsed.ok) return parsed.spec;
  // A common mistake deserves a direct hint (RFC 7208 test suite, "a-numeric").
  if (parseIp4(text) || parseIp6(text)) return `"${text}" is an IP address, not a domain; use ip4: or ip6:`;
  return parsed.error;
}
