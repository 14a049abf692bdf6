import { arg } from '../../findings/arg.js';
import type { CatalogEntry } from '../../findings/types.js';

/** The TLS-RPT findings (RFC 8460). Codes are a public contract: add new ones, never rename. */
export const TLS_RPT_CATALOG = {
  TLSRPT_MISSING: {
    severity: 'warning',
    ref: 'RFC 8460 §3',
    message: (a) => `${arg(a.domain)} deploys ${arg(a.deployed)} but publishes no TLS-RPT record: nobody hears when senders fail to deliver over TLS.`,
    fix: (a) => `Publish _smtp._tls.${arg(a.domain)} TXT "v=TLSRPTv1; rua=mailto:tls-reports@${arg(a.domain)}".`,
  },
  TLSRPT_MULTIPLE_RECORDS: {
    severity: 'error',
    ref: 'RFC 8460 §3',
    message: (a) => `${arg(a.name)} publishes ${arg(a.count)} TLS-RPT records; senders then send no reports.`,
    fix: (a) => `Keep exactly one TXT record starting with "v=TLSRPTv1;" at ${arg(a.name)}.`,
  },
  TLSRPT_INVALID: {
    severity: 'error',
    ref: 'RFC 8460 §3',
    message: (a) => `The TLS-RPT record at ${arg(a.name)} is invalid: ${arg(a.detail)}. Senders send no reports.`,
    fix: (a) => `Publish "v=TLSRPTv1; rua=mailto:<address>" at ${arg(a.name)}.`,
  },
  TLSRPT_BAD_URI: {
    severity: 'warning',
    ref: 'RFC 8460 §3',
    message: (a) => `rua destination "${arg(a.uri)}" at ${arg(a.name)} is unusable (${arg(a.problem)}); senders skip it.`,
    fix: () => 'Use mailto:<address> or https://<host>/<path> destinations, separated by commas.',
  },
} satisfies Record<string, CatalogEntry>;

export type TlsRptCode = keyof typeof TLS_RPT_CATALOG;

export const TLS_RPT_RULE_CATALOG = {
  GATE_TLSRPT_MISSING: {
    severity: 'error',
    ref: 'RFC 8460 §3',
    message: (a) => `no usable TLS-RPT record (TLS-RPT ${arg(a.status)})`,
    fix: (a) => `Publish _smtp._tls.${arg(a.domain)} TXT "v=TLSRPTv1; rua=mailto:<address>".`,
  },
} satisfies Record<string, CatalogEntry>;

export type TlsRptRuleCode = keyof typeof TLS_RPT_RULE_CATALOG;
