import { arg } from '../../findings/arg.js';
import type { CatalogEntry } from '../../findings/types.js';

/**
 * BIMI has no RFC: references name the draft's sections by title (its numbers move between revisions)
 * and the AuthIndicators Working Group's SVG Tiny PS and certificate requirements.
 */
const DRAFT = 'draft-brand-indicators-for-message-identification';
const RECORD_REF = `${DRAFT}, "Assertion Record Definition"`;
const RECEIVER_REF = `${DRAFT}, "Receiver Actions" (DMARC policy requirements)`;
const SVG_REF = 'AuthIndicators WG, "SVG Tiny Portable/Secure" (BIMI logo profile)';
const VMC_REF = 'AuthIndicators WG, "Verified Mark Certificate requirements"; RFC 3709 (logotype)';

const SVG_PROBLEM: Record<string, string> = {
  'content-type': 'it is not served as image/svg+xml',
  xml: 'it is not well-formed XML',
  doctype: 'it has a DOCTYPE (entity declarations are refused, so nothing is expanded)',
  'not-svg': 'its root element is not <svg>',
  'not-tiny-ps': 'its root lacks version="1.2" baseProfile="tiny-ps"',
  'no-title': 'it has no <title>',
  script: 'it contains a script or an event attribute',
  'external-reference': 'it refers to an external resource',
  animation: 'it contains animation',
};

const CERTIFICATE_PROBLEM: Record<string, string> = {
  unparseable: 'it is not a readable PEM X.509 certificate',
  expired: 'it has expired',
  'not-yet-valid': 'it is not valid yet',
  'wrong-name': 'it does not name the domain',
  'no-logotype': 'it carries no logotype extension (so no embedded logo)',
};

/** The BIMI findings. Codes are a public contract: add new ones, never rename. */
export const BIMI_CATALOG = {
  BIMI_MISSING: {
    severity: 'info',
    ref: RECORD_REF,
    message: (a) => `${arg(a.domain)} publishes no BIMI record (selector ${arg(a.selector)}): mailbox providers show no brand logo.`,
    fix: (a) => `If you want a logo shown: publish ${arg(a.selector)}._bimi.${arg(a.domain)} TXT "v=BIMI1; l=https://…/logo.svg; a=https://…/vmc.pem".`,
  },
  BIMI_DECLINED: {
    severity: 'info',
    ref: `${DRAFT}, "Declination to Publish"`,
    message: (a) => `${arg(a.domain)} declines to publish a BIMI logo (empty l= and no a=).`,
    fix: () => 'Nothing to do unless a logo should be shown.',
  },
  BIMI_MULTIPLE_RECORDS: {
    severity: 'error',
    ref: RECORD_REF,
    message: (a) => `${arg(a.name)} publishes ${arg(a.count)} BIMI records; receivers use none of them.`,
    fix: (a) => `Keep exactly one TXT record starting with "v=BIMI1;" at ${arg(a.name)}.`,
  },
  BIMI_INVALID: {
    severity: 'error',
    ref: RECORD_REF,
    message: (a) => `The BIMI record at ${arg(a.name)} is invalid: ${arg(a.detail)}.`,
    fix: () => 'Publish "v=BIMI1; l=<https URL of the SVG>; a=<https URL of the PEM certificate>".',
  },
  BIMI_DMARC_NOT_ENFORCING: {
    severity: 'error',
    ref: RECEIVER_REF,
    message: (a) => `The DMARC policy of ${arg(a.domain)} is ${arg(a.policy)}: BIMI requires p=quarantine or p=reject, so the logo is not shown.`,
    fix: () => 'Move DMARC to p=quarantine or p=reject first.',
  },
  BIMI_DMARC_SP_NONE: {
    severity: 'error',
    ref: RECEIVER_REF,
    message: (a) => `The DMARC record at ${arg(a.source)} has sp=none: BIMI requires every subdomain to be protected too.`,
    fix: (a) => `Set sp=quarantine or sp=reject (or remove sp) at ${arg(a.source)}.`,
  },
  BIMI_DMARC_PCT: {
    severity: 'error',
    ref: RECEIVER_REF,
    message: (a) => `The DMARC record at ${arg(a.source)} has pct=${arg(a.pct)}: BIMI requires the policy on all mail (pct=100).`,
    fix: (a) => `Remove pct from ${arg(a.source)}.`,
  },
  BIMI_DMARC_TESTING: {
    severity: 'error',
    ref: RECEIVER_REF,
    message: (a) => `The DMARC record at ${arg(a.source)} has t=y (testing): receivers apply a weaker policy, and BIMI is not applied.`,
    fix: (a) => `Remove t=y from ${arg(a.source)}.`,
  },
  BIMI_NO_CERTIFICATE: {
    severity: 'info',
    ref: `${DRAFT}, "Assertion Record Definition" (a=)`,
    message: (a) => `The BIMI record of ${arg(a.domain)} has no certificate (a=): the largest mailbox providers show logos only with a Verified or Common Mark Certificate.`,
    fix: () => 'Obtain a VMC or CMC for the logo and add a=<https URL of its PEM chain>.',
  },
  BIMI_FETCH_FAILED: {
    severity: 'error',
    ref: `${DRAFT}, "Indicator Discovery"`,
    message: (a) => `The BIMI ${arg(a.what)} could not be fetched from ${arg(a.url)} (${arg(a.problem)}: ${arg(a.detail)}).`,
    fix: (a) => `Serve ${arg(a.url)} over HTTPS with a valid certificate, status 200 and no redirect.`,
  },
  BIMI_LOGO_INVALID: {
    severity: 'error',
    ref: SVG_REF,
    message: (a) => `The BIMI logo at ${arg(a.url)} is not SVG Tiny PS: ${SVG_PROBLEM[arg(a.problem)] ?? arg(a.problem)} (${arg(a.detail)}). Receivers do not show it.`,
    fix: () => 'Export the logo as SVG Tiny PS: root <svg version="1.2" baseProfile="tiny-ps">, a <title>, no scripts, animation or external references, under 32 KiB, served as image/svg+xml.',
  },
  BIMI_CERTIFICATE_INVALID: {
    severity: 'error',
    ref: VMC_REF,
    message: (a) => `The BIMI certificate at ${arg(a.url)} is unusable: ${CERTIFICATE_PROBLEM[arg(a.problem)] ?? arg(a.problem)} (${arg(a.detail)}).`,
    fix: () => 'Serve a current VMC or CMC issued for this domain, in PEM, with its chain.',
  },
} satisfies Record<string, CatalogEntry>;

export type BimiCode = keyof typeof BIMI_CATALOG;

export const BIMI_RULE_CATALOG = {
  GATE_BIMI_MISSING: {
    severity: 'error',
    ref: RECORD_REF,
    message: (a) => `no usable BIMI record (BIMI ${arg(a.status)})`,
    fix: (a) => `Publish ${arg(a.selector)}._bimi.${arg(a.domain)} TXT "v=BIMI1; l=…; a=…".`,
  },
} satisfies Record<string, CatalogEntry>;

export type BimiRuleCode = keyof typeof BIMI_RULE_CATALOG;
