import { parseDmarcRecord } from '../../src/dmarc/parse.js';
import type { DmarcDiscovery, DmarcFinding } from '../../src/dmarc/types.js';
import type { DomainAudit } from '../../src/engine/audit.js';
import type { FindingCode } from '../../src/findings/catalog.js';
import type { FindingData } from '../../src/findings/types.js';
import type { DkimFinding, DkimResult } from '../../src/checks/dkim/probe.js';
import type { MxFinding, MxResult } from '../../src/checks/mx/analyze.js';
import type { SpfAnalysis, SpfFinding } from '../../src/spf/types.js';

type AuditChanges = {
  dmarc?: Partial<Omit<DmarcDiscovery, 'findings' | 'parsed'>>;
  spf?: Partial<Omit<SpfAnalysis, 'findings'>>;
  mx?: Partial<Omit<MxResult, 'findings'>>;
  dkim?: Partial<Omit<DkimResult, 'findings'>>;
  verdict?: DomainAudit['verdict'];
  findings?: FindingData<FindingCode>[];
};

/** The check a finding belongs to: DNS errors say so in their context, the rest by their code. */
const checkOf = (f: FindingData<FindingCode>): 'dmarc' | 'spf' | 'mx' | 'dkim' => {
  const context = f.args?.context;
  if (f.code === 'DNS_ERROR') return context === 'spf' || context === 'mx' || context === 'dkim' ? context : 'dmarc';
  return f.code.startsWith('SPF_') ? 'spf' : f.code.startsWith('MX_') ? 'mx' : f.code.startsWith('DKIM_') ? 'dkim' : 'dmarc';
};

/**
 * An audit of example.com as the checks would hand it on, changed where a test says: by default
 * p=reject with reports and SPF "v=spf1 ip4:192.0.2.0/24 -all", passing every rule. The DMARC record
 * is parsed by the real parser, so rules read what they would read in a run.
 */
export function makeAudit(changes: AuditChanges = {}, domain = 'example.com'): DomainAudit {
  const findings = changes.findings ?? [];
  const record = changes.dmarc?.record === undefined ? `v=DMARC1; p=reject; rua=mailto:dmarc@${domain}` : changes.dmarc.record;
  const dmarc: DmarcDiscovery = {
    status: 'valid',
    record,
    source: `_dmarc.${domain}`,
    inherited: false,
    organizationalDomain: domain,
    policy: 'reject',
    appliedTag: 'p',
    appliedPolicy: 'reject',
    effectivePolicy: 'reject',
    enforcing: true,
    domainExists: null,
    walk: [],
    ...changes.dmarc,
    parsed: record === null ? null : parseDmarcRecord(record).record,
    findings: findings.filter((f) => checkOf(f) === 'dmarc') as DmarcFinding[],
  };
  const spf: SpfAnalysis = {
    status: 'valid',
    record: 'v=spf1 ip4:192.0.2.0/24 -all',
    dnsLookups: 0,
    voidLookups: 0,
    all: '-all',
    truncated: false,
    tree: null,
    ...changes.spf,
    findings: findings.filter((f) => checkOf(f) === 'spf') as SpfFinding[],
  };
  const mx: MxResult = {
    status: 'ok',
    hosts: [{ preference: 10, exchange: `mail.${domain}` }],
    targets: null,
    ...changes.mx,
    findings: findings.filter((f) => checkOf(f) === 'mx') as MxFinding[],
  };
  const dkim: DkimResult = {
    status: 'found',
    selectors: [{ selector: 'selector1', record: 'v=DKIM1; k=rsa; p=…', status: 'valid', keyType: 'rsa', keyBits: 2048, testing: false, hashAlgorithms: null }],
    probedSelectors: ['selector1'],
    probed: 2,
    ...changes.dkim,
    findings: findings.filter((f) => checkOf(f) === 'dkim') as DkimFinding[],
  };
  return { domain, verdict: changes.verdict ?? 'enforcing', grade: 'A', checks: ['dmarc', 'spf', 'dkim', 'mx'], results: { dmarc, spf, dkim, mx }, findings };
}

/** A DMARC record's discovery fields as the auditor derives them for the domain itself. */
export function dmarcWith(record: string, effectivePolicy: 'none' | 'quarantine' | 'reject', policy = effectivePolicy): AuditChanges['dmarc'] {
  return { record, policy, effectivePolicy, enforcing: effectivePolicy !== 'none' };
}

export const DMARC_TIMEOUT: AuditChanges = {
  verdict: 'error',
  dmarc: { status: 'error', record: null, source: null, policy: null, appliedTag: null, effectivePolicy: null, enforcing: false },
  findings: [{ code: 'DNS_ERROR', args: { name: '_dmarc.example.com', type: 'TXT', status: 'timeout', detail: 'no reply', context: 'dmarc' } }],
};

export const SPF_TIMEOUT: AuditChanges = {
  spf: { status: 'error', record: null, all: null },
  findings: [{ code: 'DNS_ERROR', args: { name: 'example.com', type: 'TXT', status: 'timeout', detail: 'no reply', context: 'spf' } }],
};

export const NO_DMARC: AuditChanges = {
  verdict: 'unprotected',
  dmarc: { status: 'missing', record: null, source: null, policy: null, appliedTag: null, effectivePolicy: null, enforcing: false },
  findings: [{ code: 'DMARC_MISSING', args: { domain: 'example.com' } }],
};

export const NO_SPF: AuditChanges = {
  spf: { status: 'missing', record: null, all: null },
  findings: [{ code: 'SPF_MISSING', args: { domain: 'example.com' } }],
};

export const SPF_PERMERROR: AuditChanges = {
  spf: { status: 'invalid', dnsLookups: 12 },
  findings: [{ code: 'SPF_TOO_MANY_LOOKUPS', args: { count: 12 } }],
};

export const NULL_MX: AuditChanges = { mx: { status: 'null', hosts: [{ preference: 0, exchange: '.' }] }, findings: [{ code: 'MX_NULL', args: { domain: 'example.com' } }] };

export const NULL_MX_MIXED: AuditChanges = {
  mx: { status: 'ok', hosts: [{ preference: 0, exchange: '.' }, { preference: 10, exchange: 'mail.example.com' }] },
  findings: [{ code: 'MX_NULL_MIXED', args: { domain: 'example.com', others: 1 } }],
};

export const MX_TIMEOUT: AuditChanges = {
  mx: { status: 'error', hosts: [] },
  findings: [{ code: 'DNS_ERROR', args: { name: 'example.com', type: 'MX', status: 'timeout', detail: 'no reply', context: 'mx' } }],
};

export const NO_DKIM: AuditChanges = { dkim: { status: 'not-found', selectors: [] }, findings: [{ code: 'DKIM_NOT_FOUND', args: { domain: 'example.com', selectors: 'selector1', nxdomain: 0 } }] };

export const DKIM_1024: AuditChanges = {
  dkim: { selectors: [{ selector: 'google', record: 'v=DKIM1; p=…', status: 'valid', keyType: 'rsa', keyBits: 1024, testing: false, hashAlgorithms: null }] },
  findings: [{ code: 'DKIM_KEY_WEAK', args: { selector: 'google', bits: 1024 } }],
};

export const DKIM_TIMEOUT: AuditChanges = {
  dkim: { status: 'error', selectors: [] },
  findings: [{ code: 'DNS_ERROR', args: { name: 'selector1._domainkey.example.com', type: 'TXT', status: 'timeout', detail: 'no reply', context: 'dkim' } }],
};
