import { arg } from './arg.js';
import type { CatalogEntry } from './types.js';

/** Findings of the audit as a whole: a failed lookup, a bad input line, a domain that does not exist. */
export const CORE_CATALOG = {
  DNS_ERROR: {
    severity: 'error',
    // The reference depends on the check whose lookup failed; the assembled catalog (catalog.ts) supplies it.
    ref: 'RFC 1035 §4.1.1',
    message: (a) => `DNS lookup of ${arg(a.name)} ${arg(a.type)} failed (${arg(a.status)}: ${arg(a.detail)}); the result is unknown, not absent.`,
    fix: (a) =>
      a.status === 'unrecorded'
        ? 'Replay a recording of a run that asked this question, or audit against the name servers instead of --dns-replay.'
        : "Check the domain's name servers and the resolver, then run the audit again.",
  },
  INPUT_INVALID: {
    severity: 'error',
    ref: 'RFC 1035 §2.3.1',
    message: (a) => `${a.line ? `Line ${arg(a.line)}: ` : ''}"${arg(a.input)}" was not audited: ${arg(a.error)}.`,
    fix: () => 'Correct the line to a domain name such as example.com, or remove it.',
  },
  DOMAIN_NOT_FOUND: {
    severity: 'warning',
    ref: 'RFC 9989 §4.10.1',
    message: (a) => `${arg(a.domain)} does not exist (NXDOMAIN); receivers apply the np policy of its parent, if any.`,
    fix: () => 'Check the spelling; to protect non-existent subdomains, publish np=reject at the organizational domain.',
  },
} satisfies Record<string, CatalogEntry>;

/** Judgements of the gate that belong to no single check. */
export const CORE_RULE_CATALOG = {
  GATE_CHECK_NOT_RUN: {
    severity: 'error',
    ref: '',
    message: (a) => `rule ${arg(a.rule)} reads the ${arg(a.check)} check, which did not run`,
    fix: (a) => `Run the ${arg(a.check)} check (--checks), or switch the rule off.`,
  },
  GATE_PASSED: {
    severity: 'info',
    ref: '',
    message: () => 'passes',
    fix: () => '',
  },
} satisfies Record<string, CatalogEntry>;

export type CoreCode = keyof typeof CORE_CATALOG;
export type CoreRuleCode = keyof typeof CORE_RULE_CATALOG;
