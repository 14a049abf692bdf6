import type { FindingCode } from '../../src/findings/catalog.js';
import type { AuditReport } from '../../src/report/schema.js';

/** What a case checks: the contract fields given, and that `codes` are among the findings. */
export interface AuditCase {
  domain: string;
  expect: {
    domain?: string;
    verdict: AuditReport['verdict'];
    grade?: AuditReport['grade'];
    dmarc?: Partial<Omit<NonNullable<AuditReport['dmarc']>, 'walk'>>;
    spf?: Partial<Omit<NonNullable<AuditReport['spf']>, 'tree'>>;
    mx?: Partial<Omit<NonNullable<AuditReport['mx']>, 'hosts' | 'targets'>>;
    dkim?: Partial<Omit<NonNullable<AuditReport['dkim']>, 'selectors' | 'probedSelectors'>>;
    /** The DKIM keys found, as the CSV shows them: selector:type:bits, selector:revoked, selector:invalid. */
    dkimKeys?: string[];
    mtaSts?: Partial<Omit<NonNullable<AuditReport['mtaSts']>, 'policy' | 'mxCovered'>>;
    tlsRpt?: Partial<Omit<NonNullable<AuditReport['tlsRpt']>, 'rua'>>;
    dane?: Partial<Omit<NonNullable<AuditReport['dane']>, 'hosts'>>;
    bimi?: Partial<NonNullable<AuditReport['bimi']>>;
    dnssec?: Partial<Omit<NonNullable<AuditReport['dnssec']>, 'recordSets'>>;
    codes?: FindingCode[];
    absent?: FindingCode[];
    /** Phrases some finding's message must contain: the report says why. */
    says?: string[];
  };
}

/** A malformed record: never enforcing, whatever its p says (test/gate/cli.test.ts fails each through minPolicy). */
const notApplied = (says: string): AuditCase['expect'] => ({
  verdict: 'unprotected',
  grade: 'F',
  dmarc: { status: 'invalid', policy: null, effectivePolicy: null, enforcing: false },
  codes: ['DMARC_INVALID'],
  says: [says],
});
const IGNORED = 'Receivers ignore the whole record';
const DISPUTED = 'some (OpenDMARC, mox, Stalwart) ignore the whole record';

/** Domains of the "malformed records" part of cases.zone, one per defect class of the README. */
export const MALFORMED_CASES: AuditCase[] = [
  { domain: 'version-nosep.test', expect: notApplied(IGNORED) },
  { domain: 'version-tab.test', expect: notApplied(IGNORED) },
  { domain: 'version-tag.test', expect: notApplied(IGNORED) },
  { domain: 'child.version-parent.test', expect: { ...notApplied(IGNORED), dmarc: { status: 'invalid', inherited: false, effectivePolicy: null } } },
  { domain: 'missing-sep.test', expect: { verdict: 'monitoring', dmarc: { status: 'invalid', effectivePolicy: 'none', enforcing: false }, codes: ['DMARC_INVALID', 'DMARC_POLICY_NONE'], says: ['a ";" is missing before "adkim="'] } },
  { domain: 'missing-sep-norua.test', expect: notApplied('apply no DMARC') },
  { domain: 'bad-sp.test', expect: { verdict: 'monitoring', dmarc: { status: 'invalid', effectivePolicy: 'none' }, codes: ['DMARC_INVALID', 'DMARC_POLICY_NONE'], says: ['act as if p=none'] } },
  { domain: 'bad-np.test', expect: notApplied('apply no DMARC') },
  { domain: 'bad-adkim.test', expect: notApplied(DISPUTED) },
  { domain: 'bad-fo.test', expect: notApplied(DISPUTED) },
  { domain: 'bad-t.test', expect: notApplied(DISPUTED) },
  { domain: 'bad-psd.test', expect: notApplied(DISPUTED) },
  { domain: 'empty-rua.test', expect: notApplied(DISPUTED) },
  { domain: 'bare-word.test', expect: notApplied(DISPUTED) },
  { domain: 'upper-tag.test', expect: notApplied('tag names are case-sensitive') },
  { domain: 'duplicate-tag.test', expect: notApplied('A repeated tag invalidates the whole tag list') },
  { domain: 'bad-legacy.test', expect: notApplied(DISPUTED) },
];

/** One row per case of fixtures/zones/cases.zone: every verdict and every finding code. */
export const AUDIT_CASES: AuditCase[] = [
  ...MALFORMED_CASES,
  {
    domain: 'reject.test',
    expect: {
      verdict: 'enforcing',
      grade: 'A',
      dmarc: { status: 'valid', policy: 'reject', effectivePolicy: 'reject', enforcing: true, inherited: false, source: '_dmarc.reject.test' },
      spf: { status: 'valid', all: '-all', dnsLookups: 0, voidLookups: 0 },
      // No _domainkey name at all: one query tells no key can exist (RFC 8020).
      dkim: { status: 'not-found', probed: 1 },
      codes: ['DKIM_NOT_FOUND'],
      says: ['_domainkey.reject.test does not exist (NXDOMAIN)'],
      absent: ['DMARC_POLICY_NONE', 'DMARC_NO_RUA'],
    },
  },
  { domain: 'quarantine.test', expect: { verdict: 'enforcing', grade: 'B', dmarc: { effectivePolicy: 'quarantine', enforcing: true } } },
  { domain: 'none.test', expect: { verdict: 'monitoring', grade: 'C', dmarc: { policy: 'none', effectivePolicy: 'none', enforcing: false }, codes: ['DMARC_POLICY_NONE'] } },
  {
    domain: 'nodmarc.test',
    expect: { verdict: 'unprotected', grade: 'F', dmarc: { status: 'missing', record: null, source: null, policy: null, effectivePolicy: null }, codes: ['DMARC_MISSING'] },
  },
  { domain: 'nothing.test', expect: { verdict: 'unprotected', dmarc: { status: 'missing' }, spf: { status: 'missing', record: null, all: null }, codes: ['DMARC_MISSING', 'SPF_MISSING'] } },
  { domain: 'multi-dmarc.test', expect: { verdict: 'unprotected', dmarc: { status: 'invalid' }, codes: ['DMARC_MULTIPLE_RECORDS'] } },
  { domain: 'invalid-dmarc.test', expect: { verdict: 'unprotected', dmarc: { status: 'invalid', enforcing: false }, codes: ['DMARC_INVALID'] } },
  { domain: 'invalid-p-rua.test', expect: { verdict: 'monitoring', dmarc: { status: 'invalid', effectivePolicy: 'none' }, codes: ['DMARC_INVALID'] } },
  { domain: 'no-p-rua.test', expect: { verdict: 'monitoring', dmarc: { status: 'valid', policy: 'none', effectivePolicy: 'none' }, codes: ['DMARC_POLICY_NONE'], absent: ['DMARC_INVALID'] } },
  { domain: 'no-p.test', expect: { verdict: 'unprotected', dmarc: { status: 'invalid', effectivePolicy: null }, codes: ['DMARC_INVALID'] } },
  { domain: 'not-dmarc.test', expect: { verdict: 'unprotected', dmarc: { status: 'missing' }, codes: ['DMARC_MISSING'] } },
  { domain: 'pct.test', expect: { verdict: 'enforcing', dmarc: { effectivePolicy: 'reject' }, codes: ['DMARC_PCT_PARTIAL', 'DMARC_LEGACY_TAG'] } },
  { domain: 'pct0.test', expect: { verdict: 'monitoring', dmarc: { policy: 'reject', effectivePolicy: 'none', enforcing: false }, codes: ['DMARC_POLICY_NONE', 'DMARC_LEGACY_TAG'] } },
  { domain: 'weak-sp.test', expect: { verdict: 'enforcing', codes: ['DMARC_SUBDOMAIN_POLICY_WEAKER'] } },
  { domain: 'norua.test', expect: { verdict: 'enforcing', codes: ['DMARC_NO_RUA'] } },
  { domain: 'testing.test', expect: { verdict: 'enforcing', dmarc: { policy: 'reject', effectivePolicy: 'quarantine' }, codes: ['DMARC_TESTING_MODE'] } },
  { domain: 'unknown-tag.test', expect: { verdict: 'enforcing', dmarc: { status: 'valid' }, codes: ['DMARC_UNKNOWN_TAG'] } },
  { domain: 'legacy.test', expect: { verdict: 'enforcing', dmarc: { status: 'valid' }, codes: ['DMARC_LEGACY_TAG'] } },
  { domain: 'split.test', expect: { verdict: 'enforcing', dmarc: { record: 'v=DMARC1; p=quarantine; rua=mailto:dmarc@split.test', effectivePolicy: 'quarantine' } } },
  { domain: 'spaces.test', expect: { verdict: 'enforcing', dmarc: { status: 'valid', effectivePolicy: 'reject' } } },
  { domain: 'size-suffix.test', expect: { verdict: 'enforcing', dmarc: { status: 'valid' }, codes: ['DMARC_URI_SIZE_LIMIT'], absent: ['DMARC_NO_RUA'] } },
  { domain: 'ext-rua.test', expect: { verdict: 'enforcing', codes: ['DMARC_RUA_UNAUTHORIZED'] } },
  { domain: 'ext-rua-ok.test', expect: { verdict: 'enforcing', absent: ['DMARC_RUA_UNAUTHORIZED'] } },
  {
    domain: 'child.inherit.test',
    expect: {
      verdict: 'enforcing',
      dmarc: { inherited: true, source: '_dmarc.inherit.test', policy: 'reject', effectivePolicy: 'quarantine', appliedTag: 'sp' },
      codes: ['DMARC_INHERITED'],
    },
  },
  {
    domain: 'ghost.inherit.test',
    expect: { verdict: 'enforcing', dmarc: { inherited: true, effectivePolicy: 'reject', appliedTag: 'np' }, codes: ['DOMAIN_NOT_FOUND', 'DMARC_INHERITED'] },
  },
  { domain: 'deep.a.b.c.d.e.f.g.inherit.test', expect: { verdict: 'enforcing', dmarc: { inherited: true, source: '_dmarc.inherit.test', effectivePolicy: 'quarantine' } } },
  {
    domain: 'agency.gov.test',
    expect: { verdict: 'enforcing', dmarc: { inherited: true, source: '_dmarc.gov.test', organizationalDomain: 'agency.gov.test', effectivePolicy: 'reject' } },
  },
  { domain: 'cname-dmarc.test', expect: { verdict: 'enforcing', dmarc: { status: 'valid', effectivePolicy: 'reject', inherited: false } } },
  { domain: 'bücher.test', expect: { domain: 'xn--bcher-kva.test', verdict: 'enforcing', dmarc: { effectivePolicy: 'quarantine' } } },
  { domain: 'BÜCHER.TEST.', expect: { domain: 'xn--bcher-kva.test', verdict: 'enforcing' } },
  { domain: 'nx.test', expect: { verdict: 'unprotected', codes: ['DOMAIN_NOT_FOUND', 'DMARC_MISSING'] } },
  { domain: 'spf-missing.test', expect: { verdict: 'enforcing', grade: 'B', spf: { status: 'missing', record: null }, codes: ['SPF_MISSING'] } },
  { domain: 'spf-multi.test', expect: { verdict: 'enforcing', spf: { status: 'invalid' }, codes: ['SPF_MULTIPLE_RECORDS'] } },
  { domain: 'spf-invalid.test', expect: { verdict: 'enforcing', spf: { status: 'invalid' }, codes: ['SPF_INVALID'] } },
  { domain: 'spf-spf10.test', expect: { verdict: 'enforcing', spf: { status: 'missing' }, codes: ['SPF_MISSING'] } },
  { domain: 'spf-passall.test', expect: { verdict: 'enforcing', grade: 'D', spf: { all: '+all' }, codes: ['SPF_PASS_ALL'] } },
  { domain: 'spf-neutral.test', expect: { verdict: 'enforcing', spf: { all: '?all' }, codes: ['SPF_NEUTRAL_ALL'] } },
  { domain: 'spf-softfail.test', expect: { verdict: 'enforcing', grade: 'A', spf: { status: 'valid', all: '~all' } } },
  { domain: 'spf-noall.test', expect: { verdict: 'enforcing', spf: { all: null }, codes: ['SPF_NO_ALL'] } },
  { domain: 'spf-ptr.test', expect: { verdict: 'enforcing', spf: { dnsLookups: 1 }, codes: ['SPF_PTR'] } },
  { domain: 'spf-loop.test', expect: { verdict: 'enforcing', spf: { status: 'invalid' }, codes: ['SPF_INCLUDE_LOOP'] } },
  { domain: 'spf-include-missing.test', expect: { verdict: 'enforcing', spf: { status: 'invalid' }, codes: ['SPF_INCLUDE_MISSING'] } },
  { domain: 'spf-redirect.test', expect: { verdict: 'enforcing', spf: { status: 'valid', all: '~all', dnsLookups: 3 } } },
  { domain: 'spf-void.test', expect: { verdict: 'enforcing', spf: { status: 'invalid', voidLookups: 3, dnsLookups: 3 }, codes: ['SPF_TOO_MANY_VOID_LOOKUPS'] } },
  { domain: 'spf-mx.test', expect: { verdict: 'enforcing', spf: { status: 'invalid' }, codes: ['SPF_TOO_MANY_MX'] } },
  { domain: 'spf-provider.test', expect: { verdict: 'enforcing', grade: 'A', spf: { status: 'valid', dnsLookups: 3, all: '-all' } } },
  { domain: 'spf-lookups.test', expect: { verdict: 'enforcing', spf: { status: 'invalid', dnsLookups: 11 }, codes: ['SPF_TOO_MANY_LOOKUPS'] } },
  { domain: 'spf-long.test', expect: { verdict: 'enforcing', spf: { status: 'valid' }, codes: ['SPF_RECORD_TOO_LONG'] } },
  { domain: 'escape.test', expect: { verdict: 'unprotected', codes: ['DMARC_INVALID'] } }, // "pwned\x07" after the ";" in x= is a bare word
  {
    domain: 'dns-timeout.test',
    expect: { verdict: 'error', grade: 'F', dmarc: { status: 'error', enforcing: false }, spf: { status: 'error' }, codes: ['DNS_ERROR'], absent: ['DMARC_MISSING', 'SPF_MISSING'] },
  },
  { domain: 'dns-servfail.test', expect: { verdict: 'error', dmarc: { status: 'error' }, spf: { status: 'valid' }, codes: ['DNS_ERROR'], absent: ['DMARC_MISSING'] } },
  { domain: 'dns-refused.test', expect: { verdict: 'error', dmarc: { status: 'error' }, codes: ['DNS_ERROR'], absent: ['DMARC_MISSING'] } },
  { domain: 'dns-garbage.test', expect: { verdict: 'error', dmarc: { status: 'error' }, codes: ['DNS_ERROR'], absent: ['DMARC_MISSING'] } },
  { domain: 'dns-wrong-id.test', expect: { verdict: 'error', dmarc: { status: 'error' }, codes: ['DNS_ERROR'], absent: ['DMARC_MISSING'] } },
  { domain: 'dns-spoof.test', expect: { verdict: 'enforcing', dmarc: { status: 'valid', effectivePolicy: 'reject' } } },
  { domain: 'dns-truncated.test', expect: { verdict: 'enforcing', dmarc: { status: 'valid', effectivePolicy: 'reject' } } },
  { domain: 'dkim-m365.test', expect: { verdict: 'enforcing', grade: 'A', dkim: { status: 'found', probed: 7 }, dkimKeys: ['selector1:rsa:2048', 'selector2:rsa:2048'], absent: ['DKIM_NOT_FOUND'] } },
  { domain: 'dkim-weak.test', expect: { verdict: 'enforcing', grade: 'A', dkim: { status: 'found' }, dkimKeys: ['google:rsa:1024'], codes: ['DKIM_KEY_WEAK'], says: ['RFC 8301 asks for at least 2048'] } },
  { domain: 'dkim-512.test', expect: { verdict: 'enforcing', grade: 'B', dkim: { status: 'not-found' }, dkimKeys: ['k1:rsa:512'], codes: ['DKIM_KEY_WEAK', 'DKIM_NOT_FOUND'], says: ['protects nothing'] } },
  { domain: 'dkim-revoked.test', expect: { verdict: 'enforcing', dkim: { status: 'not-found' }, dkimKeys: ['selector1:revoked'], codes: ['DKIM_KEY_REVOKED', 'DKIM_NOT_FOUND'] } },
  { domain: 'dkim-invalid.test', expect: { verdict: 'enforcing', grade: 'B', dkim: { status: 'not-found' }, dkimKeys: ['s1:invalid'], codes: ['DKIM_KEY_INVALID'], says: ['p= is not base64'] } },
  { domain: 'dkim-testing.test', expect: { verdict: 'enforcing', dkim: { status: 'found' }, codes: ['DKIM_TESTING'] } },
  { domain: 'dkim-sha1.test', expect: { verdict: 'enforcing', dkim: { status: 'not-found' }, codes: ['DKIM_SHA1_ONLY', 'DKIM_NOT_FOUND'] } },
  { domain: 'dkim-ed25519.test', expect: { verdict: 'enforcing', grade: 'A', dkim: { status: 'found' }, dkimKeys: ['selector1:ed25519:256'] } },
  { domain: 'dkim-timeout.test', expect: { verdict: 'enforcing', dkim: { status: 'error' }, codes: ['DNS_ERROR'], absent: ['DKIM_NOT_FOUND'] } },
  { domain: 'dkim-loop.test', expect: { verdict: 'enforcing', dkim: { status: 'error' }, codes: ['DNS_ERROR'], absent: ['DKIM_NOT_FOUND'] } },
  { domain: 'dkim-huge.test', expect: { verdict: 'enforcing', dkim: { status: 'not-found' }, dkimKeys: ['selector1:invalid'], codes: ['DKIM_KEY_INVALID'], says: ['more than any real key'] } },
  { domain: 'dkim-strings.test', expect: { verdict: 'enforcing', dkim: { status: 'found' }, dkimKeys: ['selector1:rsa:2048'] } },
  { domain: 'mx-ok.test', expect: { verdict: 'enforcing', mx: { status: 'ok' }, absent: ['MX_MISSING', 'MX_TARGET_INVALID'] } },
  { domain: 'mx-null.test', expect: { verdict: 'enforcing', grade: 'A', mx: { status: 'null' }, codes: ['MX_NULL'], absent: ['NO_MAIL_DOMAIN_UNPROTECTED'] } },
  { domain: 'mx-null-mixed.test', expect: { verdict: 'enforcing', grade: 'B', mx: { status: 'ok' }, codes: ['MX_NULL_MIXED'] } },
  { domain: 'mx-ip.test', expect: { verdict: 'enforcing', mx: { status: 'ok' }, codes: ['MX_TARGET_INVALID'], says: ['is an IP address'] } },
  { domain: 'mx-parked-open.test', expect: { verdict: 'monitoring', mx: { status: 'null' }, codes: ['MX_NULL', 'NO_MAIL_DOMAIN_UNPROTECTED'], says: ['a DMARC policy of reject and SPF "v=spf1 -all" are missing'] } },
  { domain: 'nosend-open.test', expect: { verdict: 'enforcing', mx: { status: 'none' }, codes: ['MX_MISSING', 'NO_MAIL_DOMAIN_UNPROTECTED'], says: ['a DMARC policy of reject is missing'] } },
  { domain: 'mx-timeout.test', expect: { verdict: 'enforcing', mx: { status: 'error' }, codes: ['DNS_ERROR'], absent: ['MX_MISSING'] } },
  {
    domain: 'spf-include-timeout.test',
    expect: { verdict: 'enforcing', spf: { status: 'error' }, codes: ['DNS_ERROR'], absent: ['SPF_INCLUDE_MISSING', 'SPF_TOO_MANY_VOID_LOOKUPS'] },
  },
];

/** Asserts a report against a case; returns a list of mismatches (empty when it matches). */
export function mismatches(report: AuditReport, c: AuditCase): string[] {
  const problems: string[] = [];
  const want = c.expect;
  const check = (path: string, actual: unknown, expected: unknown): void => {
    if (expected !== undefined && actual !== expected) problems.push(`${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  };
  check('domain', report.domain, want.domain);
  check('verdict', report.verdict, want.verdict);
  check('grade', report.grade, want.grade);
  for (const [key, value] of Object.entries(want.dmarc ?? {})) check(`dmarc.${key}`, report.dmarc?.[key as keyof NonNullable<AuditReport['dmarc']>], value);
  for (const [key, value] of Object.entries(want.spf ?? {})) check(`spf.${key}`, report.spf?.[key as keyof NonNullable<AuditReport['spf']>], value);
  for (const [key, value] of Object.entries(want.mx ?? {})) check(`mx.${key}`, report.mx?.[key as keyof NonNullable<AuditReport['mx']>], value);
  for (const [key, value] of Object.entries(want.dkim ?? {})) check(`dkim.${key}`, report.dkim?.[key as keyof NonNullable<AuditReport['dkim']>], value);
  for (const section of ['mtaSts', 'tlsRpt', 'dane', 'bimi', 'dnssec'] as const) {
    const got = report[section] as Record<string, unknown> | null;
    for (const [key, value] of Object.entries(want[section] ?? {})) check(`${section}.${key}`, got?.[key], value);
  }
  const keys = report.dkim?.selectors.map((k) => (k.status === 'valid' ? `${k.selector}:${k.keyType ?? '?'}:${k.keyBits ?? '?'}` : `${k.selector}:${k.status}`));
  if (want.dkimKeys && JSON.stringify(keys) !== JSON.stringify(want.dkimKeys)) problems.push(`dkim keys: expected ${JSON.stringify(want.dkimKeys)}, got ${JSON.stringify(keys)}`);
  const codes = new Set(report.findings.map((f) => f.code));
  for (const code of want.codes ?? []) if (!codes.has(code)) problems.push(`missing finding ${code} (got ${[...codes].join(', ')})`);
  for (const code of want.absent ?? []) if (codes.has(code)) problems.push(`unexpected finding ${code}`);
  for (const phrase of want.says ?? []) {
    if (!report.findings.some((f) => f.message.includes(phrase))) problems.push(`no finding says "${phrase}"`);
  }
  return problems;
}
