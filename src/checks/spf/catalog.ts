import { arg } from '../../findings/arg.js';
import type { CatalogEntry } from '../../findings/types.js';

/** The SPF findings (RFC 7208). Codes are a public contract: add new ones, never rename. */
export const SPF_CATALOG = {
  SPF_MISSING: {
    severity: 'warning',
    ref: 'RFC 7208 §4.5',
    message: (a) => `No SPF record (TXT starting with "v=spf1") at ${arg(a.domain)}.`,
    fix: (a) =>
      `Publish TXT "v=spf1 <your senders> -all" at ${arg(a.domain)}; if the domain sends no mail, publish "v=spf1 -all".`,
  },
  SPF_MULTIPLE_RECORDS: {
    severity: 'error',
    ref: 'RFC 7208 §4.5',
    message: (a) => `${arg(a.domain)} publishes ${arg(a.count)} SPF records; SPF evaluation ends in permerror.`,
    fix: () => 'Merge them into one TXT record starting with "v=spf1".',
  },
  SPF_INVALID: {
    severity: 'error',
    ref: 'RFC 7208 §4.6',
    message: (a) => `SPF record at ${arg(a.domain)} is invalid: ${arg(a.detail)}.`,
    fix: () => 'Correct the record to the RFC 7208 syntax; SPF evaluation ends in permerror until then.',
  },
  SPF_TOO_MANY_LOOKUPS: {
    severity: 'error',
    ref: 'RFC 7208 §4.6.4',
    message: (a) => `The SPF record needs ${arg(a.count)} DNS lookups; more than 10 is a permerror.`,
    fix: () =>
      'Remove unused includes, replace a/mx/include of stable senders with ip4:/ip6: ranges, or use subdomains for separate senders.',
  },
  SPF_TOO_MANY_VOID_LOOKUPS: {
    severity: 'error',
    ref: 'RFC 7208 §4.6.4',
    message: (a) => `${arg(a.count)} SPF lookups return no records; more than 2 is a permerror.`,
    fix: () => 'Remove mechanisms that point at names with no records.',
  },
  SPF_TOO_MANY_MX: {
    severity: 'error',
    ref: 'RFC 7208 §4.6.4',
    message: (a) => `mx:${arg(a.name)} returns ${arg(a.count)} MX names; more than 10 is a permerror.`,
    fix: () => 'Replace the mx mechanism with ip4:/ip6: ranges of the servers that really send mail.',
  },
  SPF_PASS_ALL: {
    severity: 'error',
    ref: 'RFC 7208 §5.1',
    message: () => 'The SPF record ends in +all: every host on the Internet passes SPF for this domain.',
    fix: () => 'Replace +all with -all (or ~all while testing).',
  },
  SPF_NEUTRAL_ALL: {
    severity: 'warning',
    ref: 'RFC 7208 §2.6.2',
    message: () => 'The SPF record ends in ?all: unlisted hosts get neutral, which protects nothing.',
    fix: () => 'Replace ?all with ~all, then -all.',
  },
  SPF_NO_ALL: {
    severity: 'warning',
    ref: 'RFC 7208 §4.7',
    message: () => 'The SPF record has no all mechanism and no redirect, so unlisted hosts get neutral.',
    fix: () => 'End the record with -all (or ~all).',
  },
  SPF_PTR: {
    severity: 'warning',
    ref: 'RFC 7208 §5.5',
    message: (a) => `The ptr mechanism (in ${arg(a.domain)}) is slow, unreliable and "SHOULD NOT" be used.`,
    fix: () => 'Replace ptr with ip4:/ip6: ranges or a/mx mechanisms.',
  },
  SPF_INCLUDE_LOOP: {
    severity: 'error',
    ref: 'RFC 7208 §4.6.4',
    message: (a) => `SPF include/redirect loop: ${arg(a.path)}.`,
    fix: () => 'Remove the include or redirect that points back to a record already being evaluated.',
  },
  SPF_INCLUDE_MISSING: {
    severity: 'error',
    ref: (a) => (a.mechanism === 'redirect' ? 'RFC 7208 §6.1' : 'RFC 7208 §5.2'),
    message: (a) => `${arg(a.mechanism)}:${arg(a.target)} has no SPF record (${arg(a.reason)}); evaluation ends in permerror.`,
    fix: (a) => `Correct or remove ${arg(a.mechanism)}:${arg(a.target)}.`,
  },
  SPF_RECORD_TOO_LONG: {
    severity: 'warning',
    ref: 'RFC 7208 §3.4',
    message: (a) => `The SPF record at ${arg(a.domain)} is ${arg(a.bytes)} bytes; answers over 512 bytes may need TCP and fail.`,
    fix: () => 'Shorten the record, e.g. move groups of mechanisms into an include on a subdomain.',
  },
} satisfies Record<string, CatalogEntry>;

export type SpfCode = keyof typeof SPF_CATALOG;

/** The words of the gate's SPF rules (src/checks/spf/rules.ts). */
export const SPF_RULE_CATALOG = {
  GATE_SPF_UNKNOWN: {
    severity: 'error',
    ref: 'RFC 7208 §2.6.6',
    message: () => 'an SPF lookup failed, so the SPF policy is unknown',
    fix: () => "Check the domain's name servers and the resolver, then run the gate again.",
  },
  GATE_SPF_PERMERROR: {
    severity: 'error',
    ref: 'RFC 7208 §2.6.7',
    message: () => 'the SPF record is invalid: evaluation ends in permerror',
    fix: () => 'Correct the SPF record; the audit findings say what is wrong.',
  },
  GATE_SPF_ALL_NOT_ALLOWED: {
    severity: 'error',
    ref: 'RFC 7208 §5.1',
    message: (a) => `${a.all ? `the SPF record ends in ${arg(a.all)}` : 'the SPF record has no all mechanism'}; the gate allows ${arg(a.allowed)}`,
    fix: (a) => `End the SPF record at ${arg(a.domain)} with ${arg(a.allowed).split(' or ')[0] ?? ''}.`,
  },
  GATE_SPF_TOO_MANY_LOOKUPS: {
    severity: 'error',
    ref: 'RFC 7208 §4.6.4',
    message: (a) => `the SPF record needs ${a.atLeast ? 'at least ' : ''}${arg(a.count)} DNS lookups; the gate allows ${arg(a.max)}`,
    fix: () => 'Remove unused includes, or replace a/mx/include of stable senders with ip4:/ip6: ranges.',
  },
  GATE_SPF_TRUNCATED: {
    severity: 'error',
    ref: 'RFC 7208 §4.6.4',
    message: (a) => `the SPF walk was cut short after ${arg(a.count)} lookups; the total is unknown`,
    fix: () => 'Reduce the nesting of includes; the audit findings say where the walk stopped.',
  },
  GATE_SPF_AUTHORIZES_SENDERS: {
    severity: 'error',
    ref: 'RFC 7208 §5.1',
    message: () => 'the SPF record authorizes senders',
    fix: (a) => `Publish exactly TXT "v=spf1 -all" at ${arg(a.domain)}: it sends no mail.`,
  },
} satisfies Record<string, CatalogEntry>;

export type SpfRuleCode = keyof typeof SPF_RULE_CATALOG;
