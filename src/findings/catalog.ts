import type { FindingArgs, Severity } from './types.js';

interface CatalogEntry {
  severity: Severity;
  ref: string | ((args: FindingArgs) => string);
  message: (args: FindingArgs) => string;
  fix: (args: FindingArgs) => string;
}

const s = (value: string | number | undefined): string => (value === undefined ? '' : String(value));

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
export const FINDING_CATALOG = {
  DMARC_MISSING: {
    severity: 'error',
    ref: 'RFC 9989 §4.10.1',
    message: (a) => `No DMARC record at _dmarc.${s(a.domain)} or at any parent the DNS tree walk reached.`,
    fix: (a) =>
      `Publish a TXT record at _dmarc.${s(a.domain)}, starting with "v=DMARC1; p=none; rua=mailto:…" to collect reports, then move to p=quarantine and p=reject.`,
  },
  DMARC_MULTIPLE_RECORDS: {
    severity: 'error',
    ref: 'RFC 9989 §4.10',
    message: (a) => `${s(a.name)} publishes ${s(a.count)} DMARC records; receivers discard all of them.`,
    fix: (a) => `Keep exactly one TXT record starting with v=DMARC1 at ${s(a.name)}.`,
  },
  DMARC_INVALID: {
    severity: 'error',
    ref: (a) => INVALID_EFFECT[invalidEffect(a)].ref,
    message: (a) => `DMARC record at ${s(a.name)} is invalid: ${s(a.detail)}. ${INVALID_EFFECT[invalidEffect(a)].consequence}`,
    fix: (a) =>
      a.kind === 'bad-version'
        ? `Put ";" right after "v=DMARC1" in the record at ${s(a.name)}.`
        : 'Correct the record to the RFC 9989 syntax: "v=DMARC1; p=…" with lower-case tag names, each tag once, separated by ";".',
  },
  DMARC_POLICY_NONE: {
    severity: 'warning',
    ref: 'RFC 9989 §4.7',
    message: (a) =>
      `The effective DMARC policy is none${a.reason ? ` (${s(a.reason)})` : ''}: receivers only monitor, and spoofed mail is delivered.`,
    fix: () =>
      'Once aggregate reports show every legitimate source passing SPF or DKIM aligned, move to p=quarantine and then p=reject.',
  },
  DMARC_PCT_PARTIAL: {
    severity: 'warning',
    ref: 'RFC 7489 §6.3',
    message: (a) =>
      `pct=${s(a.pct)} asks receivers that still honour pct to apply the policy to only ${s(a.pct)}% of failing mail.`,
    fix: () => 'Remove pct (RFC 9989 dropped it); use t=y while testing instead.',
  },
  DMARC_SUBDOMAIN_POLICY_WEAKER: {
    severity: 'warning',
    ref: 'RFC 9989 §4.7',
    message: (a) =>
      `${s(a.tag)}=${s(a.value)} is weaker than p=${s(a.p)}: ${a.tag === 'np' ? 'non-existent' : 'existing'} subdomains can be spoofed more easily than the domain itself.`,
    fix: (a) => `Set ${s(a.tag)}=${s(a.p)} or stronger, or remove ${s(a.tag)} so that p applies.`,
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
      `${s(a.tag)} destination ${s(a.uri)} is in another organizational domain and ${s(a.authName)} has no "v=DMARC1" record authorizing it, so receivers will not send these reports.`,
    fix: (a) => `Ask the operator of ${s(a.destination)} to publish TXT "v=DMARC1" at ${s(a.authName)} (or a wildcard).`,
  },
  DMARC_INHERITED: {
    severity: 'info',
    ref: 'RFC 9989 §4.10.1',
    message: (a) =>
      `No record at _dmarc.${s(a.domain)}; the policy comes from ${s(a.source)} (${s(a.tag)}=${s(a.policy)}).`,
    fix: (a) => `Nothing required; publish _dmarc.${s(a.domain)} only if this domain needs its own policy or reports.`,
  },
  DMARC_TESTING_MODE: {
    severity: 'warning',
    ref: 'RFC 9989 §4.7',
    message: (a) => `t=y (testing mode): receivers apply ${s(a.applied)} instead of ${s(a.published)}.`,
    fix: () => 'Remove t=y (or set t=n) once reports confirm legitimate mail passes.',
  },
  DMARC_UNKNOWN_TAG: {
    severity: 'warning',
    ref: 'RFC 9989 §4.7',
    message: (a) => `Unknown tag "${s(a.tag)}" in the DMARC record is ignored by receivers.`,
    fix: (a) => `Remove "${s(a.tag)}" or correct its spelling.`,
  },
  DMARC_LEGACY_TAG: {
    severity: 'warning',
    ref: 'RFC 9989 §4.7',
    message: (a) => `Tag "${s(a.tag)}" was removed in RFC 9989; receivers that follow it ignore the tag.`,
    fix: (a) =>
      a.tag === 'pct' ? 'Remove pct; use t=y for a trial period instead.' : `Remove "${s(a.tag)}" from the record.`,
  },
  DMARC_URI_SIZE_LIMIT: {
    severity: 'warning',
    ref: 'RFC 9989 §4.7',
    message: (a) =>
      `${s(a.tag)} URI ${s(a.uri)} carries a size limit ("!…"), an RFC 7489 form that RFC 9989 removed; receivers may ignore the limit or the URI.`,
    fix: (a) => `Remove the "!" suffix from the ${s(a.tag)} URI.`,
  },
  SPF_MISSING: {
    severity: 'warning',
    ref: 'RFC 7208 §4.5',
    message: (a) => `No SPF record (TXT starting with "v=spf1") at ${s(a.domain)}.`,
    fix: (a) =>
      `Publish TXT "v=spf1 <your senders> -all" at ${s(a.domain)}; if the domain sends no mail, publish "v=spf1 -all".`,
  },
  SPF_MULTIPLE_RECORDS: {
    severity: 'error',
    ref: 'RFC 7208 §4.5',
    message: (a) => `${s(a.domain)} publishes ${s(a.count)} SPF records; SPF evaluation ends in permerror.`,
    fix: () => 'Merge them into one TXT record starting with "v=spf1".',
  },
  SPF_INVALID: {
    severity: 'error',
    ref: 'RFC 7208 §4.6',
    message: (a) => `SPF record at ${s(a.domain)} is invalid: ${s(a.detail)}.`,
    fix: () => 'Correct the record to the RFC 7208 syntax; SPF evaluation ends in permerror until then.',
  },
  SPF_TOO_MANY_LOOKUPS: {
    severity: 'error',
    ref: 'RFC 7208 §4.6.4',
    message: (a) => `The SPF record needs ${s(a.count)} DNS lookups; more than 10 is a permerror.`,
    fix: () =>
      'Remove unused includes, replace a/mx/include of stable senders with ip4:/ip6: ranges, or use subdomains for separate senders.',
  },
  SPF_TOO_MANY_VOID_LOOKUPS: {
    severity: 'error',
    ref: 'RFC 7208 §4.6.4',
    message: (a) => `${s(a.count)} SPF lookups return no records; more than 2 is a permerror.`,
    fix: () => 'Remove mechanisms that point at names with no records.',
  },
  SPF_TOO_MANY_MX: {
    severity: 'error',
    ref: 'RFC 7208 §4.6.4',
    message: (a) => `mx:${s(a.name)} returns ${s(a.count)} MX names; more than 10 is a permerror.`,
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
    message: (a) => `The ptr mechanism (in ${s(a.domain)}) is slow, unreliable and "SHOULD NOT" be used.`,
    fix: () => 'Replace ptr with ip4:/ip6: ranges or a/mx mechanisms.',
  },
  SPF_INCLUDE_LOOP: {
    severity: 'error',
    ref: 'RFC 7208 §4.6.4',
    message: (a) => `SPF include/redirect loop: ${s(a.path)}.`,
    fix: () => 'Remove the include or redirect that points back to a record already being evaluated.',
  },
  SPF_INCLUDE_MISSING: {
    severity: 'error',
    ref: (a) => (a.mechanism === 'redirect' ? 'RFC 7208 §6.1' : 'RFC 7208 §5.2'),
    message: (a) => `${s(a.mechanism)}:${s(a.target)} has no SPF record (${s(a.reason)}); evaluation ends in permerror.`,
    fix: (a) => `Correct or remove ${s(a.mechanism)}:${s(a.target)}.`,
  },
  SPF_RECORD_TOO_LONG: {
    severity: 'warning',
    ref: 'RFC 7208 §3.4',
    message: (a) => `The SPF record at ${s(a.domain)} is ${s(a.bytes)} bytes; answers over 512 bytes may need TCP and fail.`,
    fix: () => 'Shorten the record, e.g. move groups of mechanisms into an include on a subdomain.',
  },
  DNS_ERROR: {
    severity: 'error',
    ref: (a) => (a.context === 'spf' ? 'RFC 7208 §2.6.6' : 'RFC 9989 §4.10.1'),
    message: (a) => `DNS lookup of ${s(a.name)} ${s(a.type)} failed (${s(a.status)}: ${s(a.detail)}); the result is unknown, not absent.`,
    fix: () => 'Check the domain\'s name servers and the resolver, then run the audit again.',
  },
  INPUT_INVALID: {
    severity: 'error',
    ref: 'RFC 1035 §2.3.1',
    message: (a) => `${a.line ? `Line ${s(a.line)}: ` : ''}"${s(a.input)}" was not audited: ${s(a.error)}.`,
    fix: () => 'Correct the line to a domain name such as example.com, or remove it.',
  },
  DOMAIN_NOT_FOUND: {
    severity: 'warning',
    ref: 'RFC 9989 §4.10.1',
    message: (a) => `${s(a.domain)} does not exist (NXDOMAIN); receivers apply the np policy of its parent, if any.`,
    fix: () => 'Check the spelling; to protect non-existent subdomains, publish np=reject at the organizational domain.',
  },
} satisfies Record<string, CatalogEntry>;

export type FindingCode = keyof typeof FINDING_CATALOG;

export const FINDING_CODES = Object.keys(FINDING_CATALOG) as FindingCode[];
