import { arg } from '../../findings/arg.js';
import type { CatalogEntry } from '../../findings/types.js';

const TRUST = 'AD is only as trustworthy as the path to a validating resolver (--nameserver)';

/** The DNSSEC findings (RFC 4033–4035, RFC 6840). Codes are a public contract: add new ones, never rename. */
export const DNSSEC_CATALOG = {
  DNSSEC_INSECURE: {
    severity: 'warning',
    ref: 'RFC 4035 §3.2.3',
    message: (a) =>
      `The resolver validated none of the answers about ${arg(a.domain)} (no AD bit on ${arg(a.names)}): the zone is not signed, or the resolver does not validate. ${TRUST}.`,
    fix: (a) => `Sign ${arg(a.domain)} with DNSSEC and publish its DS record at the parent; audit through a validating resolver.`,
  },
  DNSSEC_PARTIAL: {
    severity: 'warning',
    ref: 'RFC 4035 §3.2.3',
    message: (a) => `${arg(a.count)} answer(s) about ${arg(a.domain)} were not DNSSEC-validated while others were: ${arg(a.names)}. ${TRUST}.`,
    fix: () => 'Sign the zones these names are in (often a provider\'s zone for MX hosts), with a DS record at each parent.',
  },
} satisfies Record<string, CatalogEntry>;

export type DnssecCode = keyof typeof DNSSEC_CATALOG;

export const DNSSEC_RULE_CATALOG = {
  GATE_DNSSEC_NOT_SECURE: {
    severity: 'error',
    ref: 'RFC 4035 §3.2.3',
    message: (a) => `not DNSSEC-validated: ${arg(a.names)}`,
    fix: () => 'Sign these zones with DNSSEC (DS at each parent), and run the gate through a validating resolver.',
  },
  GATE_DNSSEC_UNKNOWN: {
    severity: 'error',
    ref: 'RFC 4035 §3.2.3',
    message: (a) => `the lookup of ${arg(a.names)} failed, so whether it is DNSSEC-validated is unknown`,
    fix: () => "Check the domain's name servers and the resolver, then run the gate again.",
  },
} satisfies Record<string, CatalogEntry>;

export type DnssecRuleCode = keyof typeof DNSSEC_RULE_CATALOG;
