import { arg } from '../../findings/arg.js';
import type { CatalogEntry, FindingArgs } from '../../findings/types.js';

/** What an invalid record means for receivers, by the error's effect (src/dmarc/issues.ts, IssueEffect). */
const INVALID_EFFECT = {
  void: {
    ref: 'RFC 9989 §4.7',
    consequence: 'Receivers ignore the whole record; some then look for a parent\'s record and others apply no DMARC, so this audit counts no policy from it.',
  },
  duplicate: {
    ref: 'RFC 6376 §3.2',
    consequence: 'A repeated tag invalidates the whole tag list, so receivers ignore the record.',
  },
  policy: {
    ref: 'RFC 9989 §4.10.1',
    consequence: 'Without a valid p (or with an invalid sp or np), receivers act as if p=none when rua holds a valid URI, and otherwise apply no DMARC.',
  },
  disputed: {
    ref: 'RFC 9989 §4.8',
    consequence:
      'Receivers that follow RFC 9989 §4.8 skip the bad part and apply the rest, but some (OpenDMARC, mox, Stalwart) ignore the whole record, so this audit does not count the record as applied — fix it.',
  },
} as const;

function invalidEffect(a: FindingArgs): keyof typeof INVALID_EFFECT {
  if (a.kind === 'duplicate-tag') return 'duplicate';
  return a.effect === 'void' || a.effect === 'policy' ? a.effect : 'disputed';
}

/**
 * Every finding the auditor can report. Codes are a public contract: add new ones, never rename.
 * Arguments each code reads are named in its message and fix.
 */

/** The DMARC findings (RFC 9989, RFC 9990). Codes are a public contract: add new ones, never rename. */
export const DMARC_CATALOG = {
  DMARC_MISSING: {
    severity: 'error',
    ref: 'RFC 9989 §4.10.1',
    message: (a) => `No DMARC record at _dmarc.${arg(a.domain)} or at any parent the DNS tree walk reached.`,
    fix: (a) =>
      `Publish a TXT record at _dmarc.${arg(a.domain)}, starting with "v=DMARC1; p=none; rua=mailto:…" to collect reports, then move to p=quarantine and p=reject.`,
  },
  DMARC_MULTIPLE_RECORDS: {
    severity: 'error',
    ref: 'RFC 9989 §4.10',
    message: (a) => `${arg(a.name)} publishes ${arg(a.count)} DMARC records; receivers discard all of them.`,
    fix: (a) => `Keep exactly one TXT record starting with v=DMARC1 at ${arg(a.name)}.`,
  },
  DMARC_INVALID: {
    severity: 'error',
    ref: (a) => INVALID_EFFECT[invalidEffect(a)].ref,
    message: (a) => `DMARC record at ${arg(a.name)} is invalid: ${arg(a.detail)}. ${INVALID_EFFECT[invalidEffect(a)].consequence}`,
    fix: (a) =>
      a.kind === 'bad-version'
        ? `Put ";" right after "v=DMARC1" in the record at ${arg(a.name)}.`
        : 'Correct the record to the RFC 9989 syntax: "v=DMARC1; p=…" with lower-case tag names, each tag once, separated by ";".',
  },
  DMARC_POLICY_NONE: {
    severity: 'warning',
    ref: 'RFC 9989 §4.7',
    message: (a) =>
      `The effective DMARC policy is none${a.reason ? ` (${arg(a.reason)})` : ''}: receivers only monitor, and spoofed mail is delivered.`,
    fix: () =>
      'Once aggregate reports show every legitimate source passing SPF or DKIM aligned, move to p=quarantine and then p=reject.',
  },
  DMARC_PCT_PARTIAL: {
    severity: 'warning',
    ref: 'RFC 7489 §6.3',
    message: (a) =>
      `pct=${arg(a.pct)} asks receivers that still honour pct to apply the policy to only ${arg(a.pct)}% of failing mail.`,
    fix: () => 'Remove pct (RFC 9989 dropped it); use t=y while testing instead.',
  },
  DMARC_SUBDOMAIN_POLICY_WEAKER: {
    severity: 'warning',
    ref: 'RFC 9989 §4.7',
    message: (a) =>
      `${arg(a.tag)}=${arg(a.value)} is weaker than p=${arg(a.p)}: ${a.tag === 'np' ? 'non-existent' : 'existing'} subdomains can be spoofed more easily than the domain itself.`,
    fix: (a) => `Set ${arg(a.tag)}=${arg(a.p)} or stronger, or remove ${arg(a.tag)} so that p applies.`,
  },
  DMARC_NO_RUA: {
    severity: 'warning',
    ref: 'RFC 9989 §4.7',
    message: () => 'The DMARC record has no rua tag, so no aggregate reports are sent and failures go unseen.',
    fix: () => 'Add rua=mailto:<a mailbox you read or a report processor> to the record.',
  },
  DMARC_RUA_UNAUTHORIZED: {
    severity: 'warning',
    ref: 'RFC 9990 §3.2.3',
    message: (a) =>
      `${arg(a.tag)} destination ${arg(a.uri)} is in another organizational domain and ${arg(a.authName)} has no "v=DMARC1" record authorizing it, so receivers will not send these reports.`,
    fix: (a) => `Ask the operator of ${arg(a.destination)} to publish TXT "v=DMARC1" at ${arg(a.authName)} (or a wildcard).`,
  },
  DMARC_INHERITED: {
    severity: 'info',
    ref: 'RFC 9989 §4.10.1',
    message: (a) =>
      `No record at _dmarc.${arg(a.domain)}; the policy comes from ${arg(a.source)} (${arg(a.tag)}=${arg(a.policy)}).`,
    fix: (a) => `Nothing required; publish _dmarc.${arg(a.domain)} only if this domain needs its own policy or reports.`,
  },
  DMARC_TESTING_MODE: {
    severity: 'warning',
    ref: 'RFC 9989 §4.7',
    message: (a) => `t=y (testing mode): receivers apply ${arg(a.applied)} instead of ${arg(a.published)}.`,
    fix: () => 'Remove t=y (or set t=n) once reports confirm legitimate mail passes.',
  },
  DMARC_UNKNOWN_TAG: {
    severity: 'warning',
    ref: 'RFC 9989 §4.7',
    message: (a) => `Unknown tag "${arg(a.tag)}" in the DMARC record is ignored by receivers.`,
    fix: (a) => `Remove "${arg(a.tag)}" or correct its spelling.`,
  },
  DMARC_LEGACY_TAG: {
    severity: 'warning',
    ref: 'RFC 9989 §4.7',
    message: (a) => `Tag "${arg(a.tag)}" was removed in RFC 9989; receivers that follow it ignore the tag.`,
    fix: (a) =>
      a.tag === 'pct' ? 'Remove pct; use t=y for a trial period instead.' : `Remove "${arg(a.tag)}" from the record.`,
  },
  DMARC_URI_SIZE_LIMIT: {
    severity: 'warning',
    ref: 'RFC 9989 §4.7',
    message: (a) =>
      `${arg(a.tag)} URI ${arg(a.uri)} carries a size limit ("!…"), an RFC 7489 form that RFC 9989 removed; receivers may ignore the limit or the URI.`,
    fix: (a) => `Remove the "!" suffix from the ${arg(a.tag)} URI.`,
  },
} satisfies Record<string, CatalogEntry>;

export type DmarcCode = keyof typeof DMARC_CATALOG;

const policyFixes = (a: FindingArgs): string =>
  [a.removeTesting ? 'remove t=y' : '', a.removePct ? 'remove pct=0' : '', a.set ? `set ${arg(a.set)}` : ''].filter(Boolean).join(', ');

/** The words of the gate's DMARC rules (src/checks/dmarc/rules.ts). */
export const DMARC_RULE_CATALOG = {
  GATE_NO_DMARC_RECORD: {
    severity: 'error',
    ref: 'RFC 9989 §4.10.1',
    message: (a) => `no usable DMARC record applies (DMARC ${arg(a.status)})`,
    fix: (a) => `Publish a valid record at _dmarc.${arg(a.domain)}, e.g. "v=DMARC1; p=reject; rua=mailto:…".`,
  },
  GATE_DMARC_UNKNOWN: {
    severity: 'error',
    ref: 'RFC 9989 §4.10.1',
    message: () => 'the DMARC lookup failed, so the record is unknown',
    fix: () => "Check the domain's name servers and the resolver, then run the gate again.",
  },
  GATE_POLICY_TOO_WEAK: {
    severity: 'error',
    ref: 'RFC 9989 §4.7',
    message: (a) => `the effective DMARC policy is ${arg(a.effective)}${a.tag ? ` (from ${arg(a.tag)})` : ''}; the gate requires ${arg(a.min)} or stronger`,
    fix: (a) => `In the record at ${arg(a.source)}: ${policyFixes(a)}.`,
  },
  GATE_TAG_TOO_WEAK: {
    severity: 'error',
    ref: 'RFC 9989 §4.7',
    message: (a) =>
      `${a.fallback ? `no ${arg(a.tag)}, so ${arg(a.fallback)}=${arg(a.value)} applies` : `${arg(a.tag)}=${arg(a.value)}`}; the gate requires ${arg(a.tag)} ${arg(a.min)} or stronger`,
    fix: (a) => `Set ${arg(a.tag)}=${arg(a.min)} in the record at ${arg(a.source)}.`,
  },
  GATE_TESTING_MODE: {
    severity: 'error',
    ref: 'RFC 9989 §4.7',
    message: () => 'the record has t=y (testing mode): receivers apply a policy one step weaker',
    fix: (a) => `Remove t=y from the record at ${arg(a.source)}.`,
  },
  GATE_PARTIAL_PCT: {
    severity: 'error',
    ref: 'RFC 7489 §6.3',
    message: (a) => `the record has pct=${arg(a.pct)}: receivers honouring it apply the policy to ${arg(a.pct)}% of failing mail`,
    fix: (a) => `Remove pct from the record at ${arg(a.source)}.`,
  },
  GATE_NO_RUA: {
    severity: 'error',
    ref: 'RFC 9989 §4.7',
    message: () => 'the DMARC record has no rua, so no aggregate reports are sent',
    fix: (a) => `Add rua=mailto:<a mailbox you read> to the record at ${arg(a.source)}.`,
  },
  GATE_RUA_MISSING: {
    severity: 'error',
    ref: 'RFC 9989 §4.7',
    message: (a) => `rua does not include ${arg(a.missing).split(',').join(', ')}`,
    fix: (a) => `Add ${arg(a.missing)} to the rua tag of the record at ${arg(a.source)}.`,
  },
} satisfies Record<string, CatalogEntry>;

export type DmarcRuleCode = keyof typeof DMARC_RULE_CATALOG;
