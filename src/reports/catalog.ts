/**
 * The words of `dmarc-audit reports`: what identified each source, what today's DNS says of a DKIM
 * key, the fix for each blocking sender, the next policy step and where the policy came from. The
 * analysis hands out codes and facts ({ code, args }); this catalog, assembled into the one catalog
 * (src/findings/catalog.ts), words them at output time. Codes are a public contract: add, never rename.
 * List arguments are space-separated (a report's names never hold spaces).
 */
import { arg } from '../findings/arg.js';
import type { CatalogEntry, FindingArgs, Severity } from '../findings/types.js';

const items = (value: FindingArgs[string] | undefined): string[] => arg(value).split(' ').filter((item) => item !== '');

/** "a, b, c and 4 more": the first three of a list whose full length is `count`. */
function listed(value: FindingArgs[string] | undefined, count: number): string {
  const first = items(value);
  return count > first.length ? `${first.join(', ')} and ${count - first.length} more` : first.join(', ');
}

/** "SendGrid (PTR o1.sendgrid.net)": the catalog service a source matched and what matched it. */
function matchedService(a: FindingArgs): string {
  const by = { ptr: `PTR ${arg(a.matched)}`, spf: `SPF ${arg(a.mechanism)} in ${arg(a.matched)}`, dkim: `DKIM d=${arg(a.matched)}`, 'mail-from': `MAIL FROM ${arg(a.matched)}` }[arg(a.matchedBy)];
  return `${arg(a.service)} (${by ?? arg(a.matched)})`;
}

/** A legitimate source's reason, after the service it matched, if any. */
const legitimate = (words: (a: FindingArgs) => string) => (a: FindingArgs) => (a.service ? `${matchedService(a)}; ${words(a)}` : words(a));

/** What today's DNS says of the DKIM keys a blocking sender's mail used, as a parenthesis after its fix. */
function keysToday(a: FindingArgs): string {
  const state = (names: FindingArgs[string] | undefined, one: string, many: string): string | null => {
    const list = items(names);
    if (list.length === 0) return null;
    return list.length === 1 ? `the key at ${list[0]} ${one}` : `the keys at ${list.join(', ')} ${many}`;
  };
  const missing = items(a.keysMissing);
  const parts = [
    missing.length > 0 ? `no DKIM key is published today at ${missing.join(', ')}` : null,
    state(a.keysRevoked, 'is revoked', 'are revoked'),
    state(a.keysInvalid, 'is invalid', 'are invalid'),
    state(a.keysWeak, 'is too weak for verifiers', 'are too weak for verifiers'),
    state(a.keysUnknown, 'could not be checked (DNS error)', 'could not be checked (DNS error)'),
  ].filter((part) => part !== null);
  return parts.length > 0 ? ` (${parts.join('; ')})` : '';
}

const blocked = (a: FindingArgs): string =>
  `${arg(a.service) || arg(a.sender) || listed(a.ips, Number(a.ipCount))} sends mail as ${arg(a.domain)} that passes neither aligned DKIM nor aligned SPF: enforcing DMARC would block it.`;

/** An entry that states a fact and asks nothing: its fix is empty (the blocker's fix says what to do). */
const said = (severity: Severity, ref: CatalogEntry['ref'], message: CatalogEntry['message']): CatalogEntry => ({ severity, ref, message, fix: () => '' });

/** Why a source counts as legitimate, forwarded or unidentified (src/reports/identify.ts). */
const SOURCE_CATALOG = {
  REPORTS_SOURCE_PASSES_DMARC: said('info', 'RFC 9989 §4.4', legitimate((a) => `${arg(a.dmarcPass)} of its ${arg(a.messages)} messages pass DMARC`)),
  REPORTS_SOURCE_SPF_AUTHORIZED: said('info', 'RFC 7208 §2.6.3', legitimate((a) => `the SPF record of ${arg(a.spfDomain)} authorizes it today (${arg(a.spfMechanism) || 'match'})`)),
  REPORTS_SOURCE_OWN_PTR: said('info', 'RFC 8601 §3', legitimate((a) => `its forward-confirmed PTR ${arg(a.ptr)} is in the domain`)),
  REPORTS_SOURCE_SIGNS_AS_DOMAIN: said('info', 'RFC 9989 §4.4.1', legitimate((a) => `it signs with DKIM d=${arg(a.dkimDomain)}`)),
  REPORTS_SOURCE_SENDING_SERVICE: said('info', 'RFC 9989 §5.1.6', legitimate((a) => `${arg(a.service)}, a sending service, sends as the domain`)),
  REPORTS_SOURCE_FORWARDED: said('info', 'RFC 9989 §5.4', () => 'the receivers marked its failing mail as forwarded or from a mailing list'),
  REPORTS_SOURCE_SHARED_SERVICE: said('warning', 'RFC 9989 §5.1.6', (a) => `${matchedService(a)}, but nothing shows it sends for ${arg(a.domain)}: its servers also carry other customers' and forwarded mail`),
  REPORTS_SOURCE_UNKNOWN_PTR: said('warning', 'RFC 9989 §5.1.6', (a) => `PTR ${arg(a.ptr)}: not a known sender for ${arg(a.domain)}`),
  REPORTS_SOURCE_UNIDENTIFIED: said('warning', 'RFC 9989 §5.1.6', () => 'no forward-confirmed PTR, no known service, no passing mail'),
} satisfies Record<string, CatalogEntry>;

/** Today's key at a DKIM selector seen in the reports, judged by the DKIM check (src/checks/dkim/). A failed lookup is DNS_ERROR. */
const DKIM_KEY_CATALOG = {
  REPORTS_DKIM_KEY_USABLE: said('info', 'RFC 6376 §3.6.1', (a) => `a key verifiers accept is published at ${arg(a.name)}`),
  REPORTS_DKIM_KEY_MISSING: said('error', 'RFC 6376 §3.6.2.1', (a) => `no DKIM key is published at ${arg(a.name)}`),
  REPORTS_DKIM_KEY_REVOKED: said('error', 'RFC 6376 §3.6.1', (a) => `the key at ${arg(a.name)} is revoked (empty p=): signatures made with it fail`),
  REPORTS_DKIM_KEY_INVALID: said('error', 'RFC 6376 §3.6.1', (a) => `the key at ${arg(a.name)} is invalid: ${arg(a.problem)}`),
  // Valid keys verifiers refuse: RSA under 1024 bits (RFC 8301 §3.2), or SHA-1 only (§3.1).
  REPORTS_DKIM_KEY_WEAK: said(
    'error',
    (a) => (a.bits !== undefined ? 'RFC 8301 §3.2' : 'RFC 8301 §3.1'),
    (a) =>
      a.bits !== undefined
        ? `the RSA key at ${arg(a.name)} has ${arg(a.bits)} bits: verifiers must not accept keys under 1024 bits`
        : `the key at ${arg(a.name)} allows only h=${arg(a.h)}: verifiers must not accept rsa-sha1 signatures`,
  ),
} satisfies Record<string, CatalogEntry>;

/** The fix for a blocking sender (src/reports/verdict.ts). */
const BLOCKER_CATALOG = {
  REPORTS_FIX_SERVICE: {
    severity: 'error',
    ref: 'RFC 9989 §5.1.6',
    message: blocked,
    fix: (a) => {
      const include = a.spfInclude ? ` and add include:${arg(a.spfInclude)} to that domain's SPF record` : '';
      const spf = a.returnPathSetup ? `, or align SPF with ${arg(a.returnPathSetup)}${include}` : '';
      return `sign with DKIM d=${arg(a.domain)} at ${arg(a.service)} (${arg(a.dkimSetup)})${spf}${keysToday(a)}`;
    },
  },
  REPORTS_FIX_SENDER: {
    severity: 'error',
    ref: 'RFC 9989 §5.1.6',
    message: blocked,
    fix: (a) => {
      const count = Number(a.ipCount);
      const ips = listed(a.ips, count);
      const where = a.sender ? `${arg(a.sender)} (${ips})` : ips;
      const range = count === 1 ? `${ips.includes(':') ? 'ip6' : 'ip4'}:${ips}` : 'its addresses';
      return `sign with DKIM d=${arg(a.domain)} on ${where}, or send with a MAIL FROM in ${arg(a.domain)} and add ${range} to the SPF record of ${arg(a.spfDomain)}${keysToday(a)}`;
    },
  },
} satisfies Record<string, CatalogEntry>;

/** Why this is the next step for the DMARC record (src/reports/verdict.ts); the tag to set is the step's `change`. */
const STEP_CATALOG = {
  REPORTS_STEP_COLLECT_REPORTS: said(
    'warning',
    'RFC 9989 §5.1.3',
    () => 'No aggregate report covers this domain in the window: check that the DMARC record has rua= and that reports arrive, then run this again.',
  ),
  REPORTS_STEP_NP_WHILE_FIXING: said('warning', 'RFC 9989 §5.1.6', () => 'Fix the blocking senders before raising p. Meanwhile np=reject is safe: subdomains that do not exist send no legitimate mail.'),
  REPORTS_STEP_FIX_SENDERS: said('warning', 'RFC 9989 §5.1.6', (a) =>
    a.enforcing ? 'Fix the blocking senders: the current policy already stops their mail at receivers that enforce it.' : 'Fix the blocking senders first: enforcing now would block their mail.',
  ),
  REPORTS_STEP_TESTING_OFF: said('info', 'RFC 9989 §4.7', () => 't=y makes receivers apply one level less than p; the reports show no legitimate mail would be blocked.'),
  REPORTS_STEP_QUARANTINE: said('info', 'RFC 9989 §5.1.7', () => 'Legitimate mail passes DMARC: quarantine failing mail, watch the reports for a while, then move to p=reject.'),
  REPORTS_STEP_REJECT: said('info', 'RFC 9989 §5.1.7', () => 'Legitimate mail passes DMARC and quarantine has been in place: reject failing mail.'),
  REPORTS_STEP_SP: said('info', 'RFC 9989 §4.7', () => 'p=reject protects the domain, but subdomains get a weaker sp.'),
  REPORTS_STEP_NP: said('info', 'RFC 9989 §4.7', () => 'p=reject protects the domain, but non-existent subdomains get a weaker np.'),
  REPORTS_STEP_DONE: said('info', 'RFC 9989 §5.1.5', () => 'The domain is at p=reject and the reports show legitimate mail passing: keep watching them.'),
} satisfies Record<string, CatalogEntry>;

/** Where the policy the next step starts from came from, when not from a valid record in today's DNS. */
const POLICY_CATALOG = {
  REPORTS_POLICY_NOT_LOOKED_UP: said('info', 'RFC 9989 §4.10.1', () => 'DNS not consulted (--no-dns): the policy of the latest report'),
  REPORTS_POLICY_LOOKUP_FAILED: said('warning', 'RFC 9989 §4.10.1', () => 'the DMARC lookup failed today: the policy of the latest report'),
  REPORTS_POLICY_RECORD_STATUS: said('warning', 'RFC 9989 §4.10.1', (a) => `today's DMARC record is ${arg(a.status)}`),
} satisfies Record<string, CatalogEntry>;

export const REPORTS_CATALOG = { ...SOURCE_CATALOG, ...DKIM_KEY_CATALOG, ...BLOCKER_CATALOG, ...STEP_CATALOG, ...POLICY_CATALOG };

export type ReportsCode = keyof typeof REPORTS_CATALOG;
export type SourceCode = keyof typeof SOURCE_CATALOG;
export type DkimKeyCode = keyof typeof DKIM_KEY_CATALOG;
export type BlockerCode = keyof typeof BLOCKER_CATALOG;
export type StepCode = keyof typeof STEP_CATALOG;
export type PolicyNoteCode = keyof typeof POLICY_CATALOG;
export const REPORTS_CODES = Object.keys(REPORTS_CATALOG) as ReportsCode[];
