import { arg } from '../../findings/arg.js';
import type { CatalogEntry } from '../../findings/types.js';

const FETCH_PROBLEM: Record<string, string> = {
  dns: 'looking up the policy host failed',
  'no-address': 'the policy host has no address',
  connect: 'no connection could be made, or it broke off',
  tls: 'the certificate did not verify for the policy host (another name, an unknown issuer, expired), or the TLS handshake failed',
  timeout: 'no whole response came in time',
  'too-large': 'the body is larger than the 64 KiB senders accept',
  protocol: 'the reply is not valid HTTP',
};

/** The MTA-STS findings (RFC 8461). Codes are a public contract: add new ones, never rename. */
export const MTA_STS_CATALOG = {
  MTA_STS_MISSING: {
    severity: 'info',
    ref: 'RFC 8461 §3.1',
    message: (a) => `${arg(a.domain)} publishes no MTA-STS record: senders deliver to it with TLS only when no attacker strips it.`,
    fix: (a) => `Serve a policy at https://mta-sts.${arg(a.domain)}/.well-known/mta-sts.txt (mode: testing first), then publish _mta-sts.${arg(a.domain)} TXT "v=STSv1; id=<a new id>".`,
  },
  MTA_STS_RECORD_MULTIPLE: {
    severity: 'error',
    ref: 'RFC 8461 §3.1',
    message: (a) => `${arg(a.name)} publishes ${arg(a.count)} MTA-STS records; senders then assume the domain has no policy.`,
    fix: (a) => `Keep exactly one TXT record starting with "v=STSv1;" at ${arg(a.name)}.`,
  },
  MTA_STS_RECORD_INVALID: {
    severity: 'error',
    ref: 'RFC 8461 §3.1',
    message: (a) => `The MTA-STS record at ${arg(a.name)} is invalid (${arg(a.detail)}); senders assume the domain has no policy.`,
    fix: (a) => `Publish exactly "v=STSv1; id=<1 to 32 letters and digits>" at ${arg(a.name)}.`,
  },
  MTA_STS_POLICY_WITHOUT_RECORD: {
    severity: 'warning',
    ref: 'RFC 8461 §3.1',
    message: (a) => `${arg(a.url)} serves an MTA-STS policy, but ${arg(a.domain)} publishes no _mta-sts TXT record, so senders never fetch it.`,
    fix: (a) => `Publish _mta-sts.${arg(a.domain)} TXT "v=STSv1; id=<a new id>", or remove the policy.`,
  },
  MTA_STS_POLICY_HOST_UNRESOLVED: {
    severity: 'error',
    ref: 'RFC 8461 §3.3',
    message: (a) => `The MTA-STS record is published, but ${arg(a.host)} has no A or AAAA record: senders cannot fetch the policy.`,
    fix: (a) => `Point ${arg(a.host)} at the web server that serves the policy, with a certificate for that name.`,
  },
  MTA_STS_POLICY_FETCH_FAILED: {
    severity: 'error',
    ref: 'RFC 8461 §3.3',
    message: (a) => `The MTA-STS policy could not be fetched from ${arg(a.url)}: ${FETCH_PROBLEM[arg(a.problem)] ?? arg(a.problem)} (${arg(a.detail)}).`,
    fix: (a) =>
      a.problem === 'tls'
        ? `Serve ${arg(a.url)} with a certificate from a public CA whose names include the policy host.`
        : a.problem === 'too-large'
          ? 'Shorten the policy: a few lines are enough.'
          : `Make ${arg(a.url)} answer over HTTPS (then run the audit again; a failure on the way is not the server's fault).`,
  },
  MTA_STS_POLICY_REDIRECT: {
    severity: 'error',
    ref: 'RFC 8461 §3.3',
    message: (a) => `${arg(a.url)} answers ${arg(a.code)} redirecting to ${arg(a.location)}; senders must not follow redirects, so they get no policy.`,
    fix: (a) => `Serve the policy at ${arg(a.url)} itself with status 200.`,
  },
  MTA_STS_POLICY_HTTP_STATUS: {
    severity: 'error',
    ref: 'RFC 8461 §3.3',
    message: (a) => `${arg(a.url)} answers HTTP ${arg(a.code)}, not 200: the record promises a policy that senders cannot get.`,
    fix: (a) => `Serve the policy at ${arg(a.url)} with status 200, or remove the _mta-sts record.`,
  },
  MTA_STS_POLICY_CONTENT_TYPE: {
    severity: 'error',
    ref: 'RFC 8461 §3.2',
    message: (a) => `${arg(a.url)} is served as ${arg(a.type)}, not text/plain; senders may reject the policy.`,
    fix: () => 'Serve the policy with "Content-Type: text/plain".',
  },
  MTA_STS_POLICY_INVALID: {
    severity: 'error',
    ref: 'RFC 8461 §3.2',
    message: (a) => `The MTA-STS policy at ${arg(a.url)} is invalid: ${arg(a.detail)}. Senders ignore it.`,
    fix: () => 'Write the policy as lines "version: STSv1", "mode: enforce|testing|none", one "mx: <host or *.domain>" per MX host, "max_age: <seconds>".',
  },
  MTA_STS_MAX_AGE_SHORT: {
    severity: 'warning',
    ref: 'RFC 8461 §3.2',
    message: (a) => `max_age is ${arg(a.maxAge)} seconds, under a day: senders forget the policy so soon that an attacker can wait for it to lapse.`,
    fix: () => 'Set max_age to at least 604800 (a week); 31557600 once the policy is stable.',
  },
  MTA_STS_NOT_ENFORCED: {
    severity: 'info',
    ref: 'RFC 8461 §5',
    message: (a) =>
      a.mode === 'testing'
        ? `The MTA-STS policy of ${arg(a.domain)} is in testing mode: senders report failures (TLS-RPT) but still deliver without TLS.`
        : `The MTA-STS policy of ${arg(a.domain)} has mode none: senders stop applying any earlier policy.`,
    fix: () => 'Once TLS reports show every MX host passing, set "mode: enforce" and change the id of the _mta-sts record.',
  },
  MTA_STS_MX_NOT_COVERED: {
    severity: 'error',
    ref: 'RFC 8461 §4.1',
    message: (a) =>
      `MX host ${arg(a.host)} matches no mx pattern of the MTA-STS policy (${arg(a.patterns)}): ${a.mode === 'enforce' ? 'senders that apply the policy will not deliver to it' : 'senders report every delivery to it as a failure'}.`,
    fix: (a) => `Add "mx: ${arg(a.host)}" (or a matching "*." pattern) to the policy and change the id of the _mta-sts record.`,
  },
} satisfies Record<string, CatalogEntry>;

export type MtaStsCode = keyof typeof MTA_STS_CATALOG;

/** The words of the gate's MTA-STS rule. */
export const MTA_STS_RULE_CATALOG = {
  GATE_MTA_STS_MISSING: {
    severity: 'error',
    ref: 'RFC 8461 §3',
    message: (a) => `no usable MTA-STS policy (MTA-STS ${arg(a.status)})`,
    fix: (a) => `Publish _mta-sts.${arg(a.domain)} TXT "v=STSv1; id=…" and serve the policy at https://mta-sts.${arg(a.domain)}/.well-known/mta-sts.txt.`,
  },
  GATE_MTA_STS_TOO_WEAK: {
    severity: 'error',
    ref: 'RFC 8461 §5',
    message: (a) => `the MTA-STS policy mode is ${arg(a.mode)}; the gate requires ${arg(a.min)}`,
    fix: (a) => `Set "mode: ${arg(a.min)}" in the policy and change the id of the _mta-sts record.`,
  },
} satisfies Record<string, CatalogEntry>;

export type MtaStsRuleCode = keyof typeof MTA_STS_RULE_CATALOG;
