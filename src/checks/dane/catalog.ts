import { arg } from '../../findings/arg.js';
import type { CatalogEntry } from '../../findings/types.js';

/** The DANE findings (RFC 7672, RFC 6698). Codes are a public contract: add new ones, never rename. */
export const DANE_CATALOG = {
  DANE_MISSING: {
    severity: 'info',
    ref: 'RFC 7672 §2.2',
    message: (a) => `No MX host of ${arg(a.domain)} has usable, DNSSEC-validated TLSA records: senders cannot authenticate its mail servers with DANE.`,
    fix: () => 'Sign the MX hosts\' zone with DNSSEC and publish "_25._tcp.<mx host> TLSA 3 1 1 <SHA-256 of the server\'s public key>".',
  },
  DANE_NOT_SECURE: {
    severity: 'error',
    ref: 'RFC 7672 §2.2',
    message: (a) => `${arg(a.name)} has TLSA records, but the resolver did not validate them with DNSSEC (no AD bit): senders ignore TLSA records that are not DNSSEC-secure.`,
    fix: (a) => `Sign the zone of ${arg(a.host)} with DNSSEC (and its delegation: a DS record at the parent), or audit through a validating resolver (--nameserver).`,
  },
  DANE_USAGE_UNSUITABLE: {
    severity: 'warning',
    ref: 'RFC 7672 §3.1.3',
    message: (a) => `A TLSA record at ${arg(a.name)} has ${arg(a.detail)}: SMTP senders treat PKIX-TA and PKIX-EE records as unusable.`,
    fix: () => 'Publish usage 3 (DANE-EE, e.g. "3 1 1 <SHA-256 of the public key>") or 2 (DANE-TA) instead.',
  },
  DANE_RECORD_INVALID: {
    severity: 'error',
    ref: 'RFC 6698 §2.1',
    message: (a) => `A TLSA record at ${arg(a.name)} is unusable: ${arg(a.detail)}.`,
    fix: () => 'Publish "3 1 1 <64 hex digits: the SHA-256 of the server\'s public key>".',
  },
  DANE_MX_INSECURE: {
    severity: 'warning',
    ref: 'RFC 7672 §2.2.1',
    message: (a) => `The MX records of ${arg(a.domain)} are not DNSSEC-validated: an attacker who forges them sends mail to a host of their own, where the TLSA records do not apply.`,
    fix: (a) => `Sign the zone of ${arg(a.domain)} with DNSSEC too.`,
  },
} satisfies Record<string, CatalogEntry>;

export type DaneCode = keyof typeof DANE_CATALOG;

export const DANE_RULE_CATALOG = {
  GATE_DANE_MISSING: {
    severity: 'error',
    ref: 'RFC 7672 §2.2',
    message: (a) => `${a.hosts ? `MX host(s) ${arg(a.hosts)} have` : 'the domain has'} no usable, DNSSEC-validated TLSA record`,
    fix: () => 'Publish "_25._tcp.<mx host> TLSA 3 1 1 <key digest>" in a DNSSEC-signed zone for every MX host.',
  },
} satisfies Record<string, CatalogEntry>;

export type DaneRuleCode = keyof typeof DANE_RULE_CATALOG;
