import { describeFinding } from '../../src/findings/describe.js';
import type { FindingData } from '../../src/findings/types.js';
import type { AuditReport } from '../../src/report/schema.js';

type ReportChanges = {
  dmarc?: Partial<AuditReport['dmarc']>;
  spf?: Partial<AuditReport['spf']>;
  verdict?: AuditReport['verdict'];
  findings?: FindingData[];
};

/**
 * A report for example.com as the auditor would give it, changed where a test says: by default
 * p=reject with reports and SPF "v=spf1 ip4:192.0.2.0/24 -all", passing every rule.
 */
export function makeReport(changes: ReportChanges = {}, domain = 'example.com'): AuditReport {
  return {
    domain,
    verdict: changes.verdict ?? 'enforcing',
    grade: 'A',
    dmarc: {
      status: 'valid',
      record: `v=DMARC1; p=reject; rua=mailto:dmarc@${domain}`,
      source: `_dmarc.${domain}`,
      inherited: false,
      organizationalDomain: domain,
      policy: 'reject',
      appliedTag: 'p',
      effectivePolicy: 'reject',
      enforcing: true,
      walk: [],
      ...changes.dmarc,
    },
    spf: {
      status: 'valid',
      record: 'v=spf1 ip4:192.0.2.0/24 -all',
      dnsLookups: 0,
      voidLookups: 0,
      all: '-all',
      truncated: false,
      tree: null,
      ...changes.spf,
    },
    findings: (changes.findings ?? []).map(describeFinding),
  };
}

/** A DMARC record's report fields as the auditor derives them for the domain itself. */
export function dmarcWith(record: string, effectivePolicy: 'none' | 'quarantine' | 'reject', policy = effectivePolicy): ReportChanges['dmarc'] {
  return { record, policy, effectivePolicy, enforcing: effectivePolicy !== 'none' };
}

export const DMARC_TIMEOUT: ReportChanges = {
  verdict: 'error',
  dmarc: { status: 'error', record: null, source: null, policy: null, appliedTag: null, effectivePolicy: null, enforcing: false },
  findings: [{ code: 'DNS_ERROR', args: { name: '_dmarc.example.com', type: 'TXT', status: 'timeout', detail: 'no reply', context: 'dmarc' } }],
};

export const SPF_TIMEOUT: ReportChanges = {
  spf: { status: 'error', record: null, all: null },
  findings: [{ code: 'DNS_ERROR', args: { name: 'example.com', type: 'TXT', status: 'timeout', detail: 'no reply', context: 'spf' } }],
};

export const NO_DMARC: ReportChanges = {
  verdict: 'unprotected',
  dmarc: { status: 'missing', record: null, source: null, policy: null, appliedTag: null, effectivePolicy: null, enforcing: false },
  findings: [{ code: 'DMARC_MISSING', args: { domain: 'example.com' } }],
};

export const NO_SPF: ReportChanges = {
  spf: { status: 'missing', record: null, all: null },
  findings: [{ code: 'SPF_MISSING', args: { domain: 'example.com' } }],
};
