import { arg } from '../../findings/arg.js';
import type { CatalogEntry } from '../../findings/types.js';

/** The MX findings (RFC 5321 §5.1, RFC 7505). Codes are a public contract: add new ones, never rename. */
export const MX_CATALOG = {
  MX_NULL: {
    severity: 'info',
    ref: 'RFC 7505 §3',
    message: (a) => `${arg(a.domain)} publishes a null MX ("0 ."): it declares that it receives no mail, and senders fail mail to it at once.`,
    fix: () => 'Nothing to change if the domain receives no mail; keep SPF "v=spf1 -all" and DMARC p=reject beside it.',
  },
  MX_NULL_MIXED: {
    severity: 'error',
    ref: 'RFC 7505 §3',
    message: (a) => `${arg(a.domain)} publishes a null MX beside ${arg(a.others)} other MX record(s); RFC 7505 forbids that, and senders treat the mix differently.`,
    fix: (a) => `Keep either the null MX (the domain receives no mail) or the real mail servers at ${arg(a.domain)}, not both.`,
  },
  MX_MISSING: {
    severity: 'info',
    ref: 'RFC 5321 §5.1',
    message: (a) => `${arg(a.domain)} has no MX record: senders deliver to its A/AAAA address instead (the implicit MX).`,
    fix: (a) => `Publish the mail servers as MX records, or "${arg(a.domain)}. MX 0 ." (null MX, RFC 7505) if it receives no mail.`,
  },
  MX_TARGET_INVALID: {
    severity: 'warning',
    ref: (a) => (a.problem === 'ip-literal' ? 'RFC 5321 §5.1' : 'RFC 7505 §4'),
    message: (a) =>
      a.problem === 'ip-literal'
        ? `MX ${arg(a.exchange)} of ${arg(a.domain)} is an IP address, not a host name: senders look it up as a name and find nothing.`
        : `MX ${arg(a.exchange)} of ${arg(a.domain)} has no A or AAAA record: mail to it cannot be delivered.`,
    fix: (a) => `Point the MX at a host name with an A or AAAA record, or remove ${arg(a.exchange)}.`,
  },
  NO_MAIL_DOMAIN_UNPROTECTED: {
    severity: 'warning',
    ref: 'RFC 7505 §3, RFC 9989 §4.7',
    message: (a) =>
      `${arg(a.domain)} sends no mail (${arg(a.because)}), but ${arg(a.missing).split('|').join(' and ')} ${a.missing && String(a.missing).includes('|') ? 'are' : 'is'} missing: anyone can send mail in its name that receivers accept.`,
    fix: (a) => `Publish: ${arg(a.publish).split('|').join('; ')} (M3AAWG parked-domain practice).`,
  },
} satisfies Record<string, CatalogEntry>;

export type MxCode = keyof typeof MX_CATALOG;

/** The words of the gate's MX rules (src/checks/mx/rules.ts). */
export const MX_RULE_CATALOG = {
  GATE_NULL_MX_MISSING: {
    severity: 'error',
    ref: 'RFC 7505 §3',
    message: (a) => `${arg(a.domain)} has ${a.status === 'none' ? 'no MX record' : 'MX records for mail servers'}, not a null MX`,
    fix: (a) => `Publish exactly "${arg(a.domain)}. MX 0 ." if the domain receives no mail (and remove the other MX records).`,
  },
} satisfies Record<string, CatalogEntry>;

export type MxRuleCode = keyof typeof MX_RULE_CATALOG;
