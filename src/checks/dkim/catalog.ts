import { arg } from '../../findings/arg.js';
import type { CatalogEntry } from '../../findings/types.js';

/** The DKIM findings (RFC 6376, RFC 8301, RFC 8463). Codes are a public contract: add new ones, never rename. */
export const DKIM_CATALOG = {
  DKIM_NOT_FOUND: {
    severity: 'warning',
    ref: 'RFC 6376 §3.6.2.1',
    message: (a) =>
      `${a.nxdomain ? `_domainkey.${arg(a.domain)} does not exist (NXDOMAIN), so no DKIM key can be published below it (RFC 8020)` : `No DKIM key verifiers accept was found under the selectors probed (${arg(a.selectors) || 'none'})`}. Probing cannot prove absence: a key under another selector is invisible until it is named.`,
    fix: () =>
      'If your mail is signed, name its selector with --dkim-selector <name> (or dkimSelectors in the gate config); otherwise enable DKIM signing at each sending platform and publish its key.',
  },
  DKIM_KEY_WEAK: {
    severity: { of: (a) => (Number(a.bits) < 1024 ? 'error' : 'warning'), possible: ['error', 'warning'] },
    ref: 'RFC 8301 §3.2',
    message: (a) =>
      Number(a.bits) < 1024
        ? `The RSA key of selector ${arg(a.selector)} has ${arg(a.bits)} bits: verifiers must not accept signatures from keys under 1024 bits, so it protects nothing.`
        : `The RSA key of selector ${arg(a.selector)} has ${arg(a.bits)} bits; RFC 8301 asks for at least 2048.`,
    fix: (a) => `Generate a 2048-bit RSA key (or an Ed25519 key beside it, RFC 8463) and publish it under a new selector, then retire ${arg(a.selector)}.`,
  },
  DKIM_KEY_REVOKED: {
    severity: 'info',
    ref: 'RFC 6376 §3.6.1',
    message: (a) => `Selector ${arg(a.selector)} has an empty p=: the key is revoked, and signatures made with it fail.`,
    fix: (a) => `Nothing to do if ${arg(a.selector)} is retired; remove the record once no mail signed with it is in transit.`,
  },
  DKIM_KEY_INVALID: {
    severity: 'error',
    ref: 'RFC 6376 §3.6.1',
    message: (a) => `The key record of selector ${arg(a.selector)} cannot be used: ${arg(a.problem)}.`,
    fix: (a) => `Republish the key of ${arg(a.selector)} as "v=DKIM1; k=rsa; p=<base64 public key>", exactly as the signing platform gives it.`,
  },
  DKIM_TESTING: {
    severity: 'warning',
    ref: 'RFC 6376 §3.6.1',
    message: (a) => `Selector ${arg(a.selector)} has t=y (testing): verifiers are told not to treat its mail differently from unsigned mail.`,
    fix: (a) => `Remove t=y from the key of ${arg(a.selector)} once signing works.`,
  },
  DKIM_SHA1_ONLY: {
    severity: 'warning',
    ref: 'RFC 8301 §3.1',
    message: (a) => `Selector ${arg(a.selector)} allows only h=${arg(a.h)}: verifiers must not accept rsa-sha1 signatures, so this key is not counted as protecting mail.`,
    fix: (a) => `Remove h= from the key of ${arg(a.selector)} (or set h=sha256) and sign with rsa-sha256.`,
  },
} satisfies Record<string, CatalogEntry>;

export type DkimCode = keyof typeof DKIM_CATALOG;

/** The words of the gate's DKIM rules (src/checks/dkim/rules.ts). */
export const DKIM_RULE_CATALOG = {
  GATE_DKIM_KEY_TOO_SHORT: {
    severity: 'error',
    ref: 'RFC 8301 §3.2',
    message: (a) => `the RSA key of selector ${arg(a.selector)} has ${arg(a.bits)} bits; the gate requires ${arg(a.min)}`,
    fix: (a) => `Publish a key of at least ${arg(a.min)} bits under a new selector and move signing to it.`,
  },
} satisfies Record<string, CatalogEntry>;

export type DkimRuleCode = keyof typeof DKIM_RULE_CATALOG;
