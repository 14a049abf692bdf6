import { describe, expect, it } from 'vitest';
import type { Rules } from '../../src/gate/config-schema.js';
import { RULE_NAMES } from '../../src/gate/config-schema.js';
import { describe as wordsOf } from '../../src/findings/describe.js';
import { evaluateRules, resultId, type RuleStatus } from '../../src/gate/rules.js';
import type { FindingCode } from '../../src/findings/catalog.js';
import type { FindingData } from '../../src/findings/types.js';
import { DKIM_1024, DKIM_TIMEOUT, DMARC_TIMEOUT, MX_TIMEOUT, NO_DKIM, NO_DMARC, NO_SPF, NULL_MX, NULL_MX_MIXED, SPF_PERMERROR, SPF_TIMEOUT, dmarcWith, makeAudit } from './support.js';

/** An audit where another check's result is given (findings as the check hands them on). */
function withCheck(id: string, result: { findings: FindingData<FindingCode>[] } & Record<string, unknown>): ReturnType<typeof makeAudit> {
  const audit = makeAudit();
  return { ...audit, checks: [...audit.checks, id as never], results: { ...audit.results, [id]: result }, findings: [...audit.findings, ...result.findings] };
}
const DNS_FAIL = (context: string, name: string, type = 'TXT'): FindingData<FindingCode> => ({ code: 'DNS_ERROR', args: { name, type, status: 'timeout', detail: 'no reply', context } });
const mtaSts = (status: string, findings: FindingData<FindingCode>[] = [], mxCovered = [{ host: 'mail.example.com', covered: true }]) => withCheck('mtaSts', { status, record: null, id: null, policy: null, mxCovered, findings });
const tlsRpt = (status: string, findings: FindingData<FindingCode>[] = []) => withCheck('tlsRpt', { status, record: null, rua: [], findings });
const dane = (hosts: { host: string; status: string }[], status: string, findings: FindingData<FindingCode>[] = []) =>
  withCheck('dane', { status, mxSecure: true, hosts: hosts.map((h) => ({ ...h, records: [] })), findings });
const bimi = (changes: Record<string, unknown>, findings: FindingData<FindingCode>[] = []) =>
  withCheck('bimi', { status: 'valid', selector: 'default', source: null, record: null, logo: null, certificate: null, dmarcReady: true, logoStatus: 'valid', certificateStatus: 'valid', ...changes, findings });
const dnssec = (sets: { status: string; scope: string }[]) =>
  withCheck('dnssec', { status: 'partial', recordSets: sets.map((set, i) => ({ of: 'x', name: `n${i}.example.com`, type: 'TXT', ...set })), findings: [] });

type Case = [name: string, rules: Rules, report: ReturnType<typeof makeAudit>, status: RuleStatus, message?: RegExp];

const cases: Case[] = [
  // minPolicy: the effective policy, after t=y and pct=0
  ['minPolicy reject passes p=reject', { minPolicy: 'reject' }, makeAudit(), 'pass'],
  ['minPolicy quarantine fails p=none', { minPolicy: 'quarantine' }, makeAudit({ dmarc: dmarcWith('v=DMARC1; p=none; rua=mailto:a@example.com', 'none') }), 'fail', /effective DMARC policy is none/],
  ['minPolicy reject fails t=y (effective quarantine)', { minPolicy: 'reject' }, makeAudit({ dmarc: dmarcWith('v=DMARC1; p=reject; t=y', 'quarantine', 'reject') }), 'fail', /quarantine/],
  ['minPolicy none passes p=none', { minPolicy: 'none' }, makeAudit({ dmarc: dmarcWith('v=DMARC1; p=none', 'none') }), 'pass'],
  ['minPolicy none fails without a record', { minPolicy: 'none' }, makeAudit(NO_DMARC), 'fail', /no usable DMARC record/],
  ['minPolicy is undetermined when DMARC timed out', { minPolicy: 'none' }, makeAudit(DMARC_TIMEOUT), 'undetermined'],
  // minSubdomainPolicy: sp, else p
  ['minSubdomainPolicy passes without sp when p=reject', { minSubdomainPolicy: 'reject' }, makeAudit(), 'pass'],
  ['minSubdomainPolicy fails sp=none', { minSubdomainPolicy: 'quarantine' }, makeAudit({ dmarc: dmarcWith('v=DMARC1; p=reject; sp=none', 'reject') }), 'fail', /sp=none/],
  ['minSubdomainPolicy fails without a record', { minSubdomainPolicy: 'none' }, makeAudit(NO_DMARC), 'fail'],
  ['minSubdomainPolicy is undetermined when DMARC timed out', { minSubdomainPolicy: 'reject' }, makeAudit(DMARC_TIMEOUT), 'undetermined'],
  // minNonexistentPolicy: np, else sp, else p
  ['minNonexistentPolicy passes np=reject', { minNonexistentPolicy: 'reject' }, makeAudit({ dmarc: dmarcWith('v=DMARC1; p=none; np=reject', 'none') }), 'pass'],
  ['minNonexistentPolicy falls back to sp', { minNonexistentPolicy: 'reject' }, makeAudit({ dmarc: dmarcWith('v=DMARC1; p=reject; sp=quarantine', 'reject') }), 'fail', /no np, so sp=quarantine applies/],
  ['minNonexistentPolicy fails np=none', { minNonexistentPolicy: 'quarantine' }, makeAudit({ dmarc: dmarcWith('v=DMARC1; p=reject; np=none', 'reject') }), 'fail', /np=none/],
  ['minNonexistentPolicy is undetermined when DMARC timed out', { minNonexistentPolicy: 'reject' }, makeAudit(DMARC_TIMEOUT), 'undetermined'],
  // forbidTestingMode
  ['forbidTestingMode passes without t', { forbidTestingMode: true }, makeAudit(), 'pass'],
  ['forbidTestingMode fails t=y', { forbidTestingMode: true }, makeAudit({ dmarc: dmarcWith('v=DMARC1; p=reject; t=y', 'quarantine', 'reject') }), 'fail', /t=y/],
  ['forbidTestingMode has nothing to forbid without a record', { forbidTestingMode: true }, makeAudit(NO_DMARC), 'pass'],
  ['forbidTestingMode is undetermined when DMARC timed out', { forbidTestingMode: true }, makeAudit(DMARC_TIMEOUT), 'undetermined'],
  // forbidPartialPct
  ['forbidPartialPct passes pct=100', { forbidPartialPct: true }, makeAudit({ dmarc: dmarcWith('v=DMARC1; p=reject; pct=100', 'reject') }), 'pass'],
  ['forbidPartialPct fails pct=50', { forbidPartialPct: true }, makeAudit({ dmarc: dmarcWith('v=DMARC1; p=reject; pct=50', 'reject') }), 'fail', /pct=50/],
  ['forbidPartialPct is undetermined when DMARC timed out', { forbidPartialPct: true }, makeAudit(DMARC_TIMEOUT), 'undetermined'],
  // requireRua
  ['requireRua passes with rua', { requireRua: true }, makeAudit(), 'pass'],
  ['requireRua fails without rua', { requireRua: true }, makeAudit({ dmarc: dmarcWith('v=DMARC1; p=reject', 'reject') }), 'fail', /no rua/],
  ['requireRua fails without a record', { requireRua: true }, makeAudit(NO_DMARC), 'fail'],
  ['requireRua is undetermined when DMARC timed out', { requireRua: true }, makeAudit(DMARC_TIMEOUT), 'undetermined'],
  // requiredRua: case-insensitive, among others
  [
    'requiredRua passes when listed among others',
    { requiredRua: ['mailto:reports@dmarc.cyber.dhs.gov'] },
    makeAudit({ dmarc: dmarcWith('v=DMARC1; p=reject; rua=mailto:a@example.com,mailto:REPORTS@dmarc.cyber.dhs.gov', 'reject') }),
    'pass',
  ],
  ['requiredRua fails when missing', { requiredRua: ['mailto:reports@dmarc.cyber.dhs.gov'] }, makeAudit(), 'fail', /does not include mailto:reports@dmarc.cyber.dhs.gov/],
  ['requiredRua is undetermined when DMARC timed out', { requiredRua: ['mailto:a@example.com'] }, makeAudit(DMARC_TIMEOUT), 'undetermined'],
  // requireSpf
  ['requireSpf passes a valid record', { requireSpf: true }, makeAudit(), 'pass'],
  ['requireSpf fails a missing record', { requireSpf: true }, makeAudit(NO_SPF), 'fail', /no SPF record/i],
  ['requireSpf fails an invalid record, with the audit\'s reason', { requireSpf: true }, makeAudit(SPF_PERMERROR), 'fail', /needs 12 DNS lookups/],
  ['requireSpf is undetermined when SPF timed out', { requireSpf: true }, makeAudit(SPF_TIMEOUT), 'undetermined'],
  // allowedSpfAll
  ['allowedSpfAll passes ~all when allowed', { allowedSpfAll: ['-all', '~all'] }, makeAudit({ spf: { all: '~all' } }), 'pass'],
  ['allowedSpfAll fails ~all when only -all is', { allowedSpfAll: ['-all'] }, makeAudit({ spf: { all: '~all' } }), 'fail', /ends in ~all/],
  ['allowedSpfAll fails a record without all', { allowedSpfAll: ['-all'] }, makeAudit({ spf: { all: null } }), 'fail', /no all mechanism/],
  ['allowedSpfAll fails without SPF', { allowedSpfAll: ['-all'] }, makeAudit(NO_SPF), 'fail', /no SPF record/i],
  ['allowedSpfAll fails a permerror record, whatever its all', { allowedSpfAll: ['-all'] }, makeAudit(SPF_PERMERROR), 'fail', /permerror/],
  ['allowedSpfAll is undetermined when SPF timed out', { allowedSpfAll: ['-all'] }, makeAudit(SPF_TIMEOUT), 'undetermined'],
  // maxSpfLookups
  ['maxSpfLookups passes at the maximum', { maxSpfLookups: 10 }, makeAudit({ spf: { dnsLookups: 10 } }), 'pass'],
  ['maxSpfLookups fails above it', { maxSpfLookups: 5 }, makeAudit({ spf: { dnsLookups: 6 } }), 'fail', /needs 6 DNS lookups; the gate allows 5/],
  ['maxSpfLookups is undetermined when the walk was capped below it', { maxSpfLookups: 10 }, makeAudit({ spf: { dnsLookups: 4, truncated: true } }), 'undetermined'],
  ['maxSpfLookups fails a capped walk already above it', { maxSpfLookups: 3 }, makeAudit({ spf: { dnsLookups: 4, truncated: true } }), 'fail', /at least 4/],
  ['maxSpfLookups is undetermined when SPF timed out', { maxSpfLookups: 10 }, makeAudit(SPF_TIMEOUT), 'undetermined'],
  // spfNoSenders
  ['spfNoSenders passes "v=spf1 -all"', { spfNoSenders: true }, makeAudit({ spf: { record: 'v=spf1  -ALL' } }), 'pass'],
  ['spfNoSenders fails a record with senders', { spfNoSenders: true }, makeAudit(), 'fail', /authorizes senders/],
  ['spfNoSenders fails without SPF', { spfNoSenders: true }, makeAudit(NO_SPF), 'fail'],
  ['spfNoSenders is undetermined when SPF timed out', { spfNoSenders: true }, makeAudit(SPF_TIMEOUT), 'undetermined'],
  // requireNullMx, forbidNullMxMixed (RFC 7505)
  ['requireNullMx passes a null MX', { requireNullMx: true }, makeAudit(NULL_MX), 'pass'],
  ['requireNullMx fails mail servers', { requireNullMx: true }, makeAudit(), 'fail', /not a null MX/],
  ['requireNullMx fails a null MX among others', { requireNullMx: true }, makeAudit(NULL_MX_MIXED), 'fail', /beside 1 other MX/],
  ['requireNullMx is undetermined when MX timed out', { requireNullMx: true }, makeAudit(MX_TIMEOUT), 'undetermined'],
  ['forbidNullMxMixed passes mail servers', { forbidNullMxMixed: true }, makeAudit(), 'pass'],
  ['forbidNullMxMixed fails a null MX among others', { forbidNullMxMixed: true }, makeAudit(NULL_MX_MIXED), 'fail', /RFC 7505 forbids/],
  ['forbidNullMxMixed is undetermined when MX timed out', { forbidNullMxMixed: true }, makeAudit(MX_TIMEOUT), 'undetermined'],
  // requireMtaSts (RFC 8461)
  ['requireMtaSts enforce passes an enforced policy covering the MX', { requireMtaSts: 'enforce' }, mtaSts('enforce'), 'pass'],
  ['requireMtaSts enforce fails testing', { requireMtaSts: 'enforce' }, mtaSts('testing'), 'fail', /mode is testing; the gate requires enforce/],
  ['requireMtaSts testing passes testing', { requireMtaSts: 'testing' }, mtaSts('testing'), 'pass'],
  ['requireMtaSts fails no policy', { requireMtaSts: 'testing' }, mtaSts('missing', [{ code: 'MTA_STS_MISSING', args: { domain: 'example.com' } }]), 'fail', /no usable MTA-STS policy/],
  ['requireMtaSts fails an MX host the policy does not cover', { requireMtaSts: 'enforce' }, mtaSts('enforce', [{ code: 'MTA_STS_MX_NOT_COVERED', args: { host: 'mx2.example.com', mode: 'enforce', patterns: 'mail.example.com' } }]), 'fail', /mx2\.example\.com/],
  ['requireMtaSts fails a redirect', { requireMtaSts: 'enforce' }, mtaSts('invalid', [{ code: 'MTA_STS_POLICY_REDIRECT', args: { url: 'u', code: 301, location: 'x' } }]), 'fail', /redirect/],
  ['requireMtaSts is undetermined when the fetch timed out', { requireMtaSts: 'enforce' }, mtaSts('error', [{ code: 'MTA_STS_POLICY_FETCH_FAILED', args: { url: 'u', problem: 'timeout', detail: 'd' } }]), 'undetermined', /could not be fetched/],
  ['requireMtaSts is undetermined when DNS failed', { requireMtaSts: 'enforce' }, mtaSts('error', [DNS_FAIL('mtaSts', '_mta-sts.example.com')]), 'undetermined', /failed/],
  // requireTlsRpt (RFC 8460)
  ['requireTlsRpt passes a record', { requireTlsRpt: true }, tlsRpt('valid'), 'pass'],
  ['requireTlsRpt fails no record', { requireTlsRpt: true }, tlsRpt('missing'), 'fail', /no usable TLS-RPT/],
  ['requireTlsRpt fails an invalid record', { requireTlsRpt: true }, tlsRpt('invalid', [{ code: 'TLSRPT_INVALID', args: { name: 'n', detail: 'no rua field' } }]), 'fail', /no rua field/],
  ['requireTlsRpt is undetermined when DNS failed', { requireTlsRpt: true }, tlsRpt('error', [DNS_FAIL('tlsRpt', '_smtp._tls.example.com')]), 'undetermined'],
  // requireDane (RFC 7672)
  ['requireDane passes secure TLSA on every host', { requireDane: true }, dane([{ host: 'mail.example.com', status: 'valid' }], 'valid'), 'pass'],
  ['requireDane fails a host without', { requireDane: true }, dane([{ host: 'mail.example.com', status: 'valid' }, { host: 'mx2.example.com', status: 'insecure' }], 'partial'), 'fail', /mx2\.example\.com/],
  ['requireDane fails no MX host', { requireDane: true }, dane([], 'none'), 'fail'],
  ['requireDane is undetermined when a TLSA lookup failed', { requireDane: true }, dane([{ host: 'mail.example.com', status: 'error' }], 'error', [DNS_FAIL('dane', '_25._tcp.mail.example.com', 'TLSA')]), 'undetermined'],
  // requireBimi
  ['requireBimi passes a valid record, logo and certificate', { requireBimi: true }, bimi({}), 'pass'],
  ['requireBimi fails a missing record', { requireBimi: true }, bimi({ status: 'missing' }), 'fail', /no usable BIMI record/],
  ['requireBimi fails DMARC at p=none', { requireBimi: true }, bimi({ dmarcReady: false }, [{ code: 'BIMI_DMARC_NOT_ENFORCING', args: { domain: 'example.com', policy: 'none' } }]), 'fail', /requires p=quarantine/],
  ['requireBimi fails an SVG with a script', { requireBimi: true }, bimi({ logoStatus: 'invalid' }, [{ code: 'BIMI_LOGO_INVALID', args: { url: 'u', problem: 'script', detail: '<script>' } }]), 'fail', /script/],
  ['requireBimi is undetermined when the logo fetch timed out', { requireBimi: true }, bimi({ logoStatus: 'error' }, [{ code: 'BIMI_FETCH_FAILED', args: { what: 'logo', url: 'u', problem: 'timeout', detail: 'd' } }]), 'undetermined'],
  ['requireBimi is undetermined when DNS failed', { requireBimi: true }, bimi({ status: 'error' }, [DNS_FAIL('bimi', 'default._bimi.example.com')]), 'undetermined'],
  // requireDnssec
  ['requireDnssec passes every answer validated', { requireDnssec: true }, dnssec([{ status: 'secure', scope: 'domain' }, { status: 'secure', scope: 'mx' }]), 'pass'],
  ['requireDnssec fails an MX host not validated', { requireDnssec: true }, dnssec([{ status: 'secure', scope: 'domain' }, { status: 'insecure', scope: 'mx' }]), 'fail', /not DNSSEC-validated: n1/],
  ['requireDnssec "domain" leaves the MX hosts out', { requireDnssec: 'domain' }, dnssec([{ status: 'secure', scope: 'domain' }, { status: 'insecure', scope: 'mx' }]), 'pass'],
  ['requireDnssec is undetermined when a lookup failed', { requireDnssec: true }, dnssec([{ status: 'secure', scope: 'domain' }, { status: 'error', scope: 'domain' }]), 'undetermined', /unknown/],
  // requireDkim, minDkimKeyBits
  ['requireDkim passes a usable key', { requireDkim: true }, makeAudit(), 'pass'],
  ['requireDkim fails when no selector has a key', { requireDkim: true }, makeAudit(NO_DKIM), 'fail', /not proof|cannot prove absence/],
  ['requireDkim is undetermined when a probe timed out', { requireDkim: true }, makeAudit(DKIM_TIMEOUT), 'undetermined'],
  ['minDkimKeyBits passes a 2048-bit key', { minDkimKeyBits: 2048 }, makeAudit(), 'pass'],
  ['minDkimKeyBits fails a 1024-bit key', { minDkimKeyBits: 2048 }, makeAudit(DKIM_1024), 'fail', /1024 bits; the gate requires 2048/],
  ['minDkimKeyBits is undetermined when a probe timed out', { minDkimKeyBits: 2048 }, makeAudit(DKIM_TIMEOUT), 'undetermined'],
  // noErrorFindings: warnings do not count
  ['noErrorFindings passes with only warnings', { noErrorFindings: true }, makeAudit({ findings: [{ code: 'DMARC_NO_RUA' }] }), 'pass'],
  ['noErrorFindings fails an error finding', { noErrorFindings: true }, makeAudit({ findings: [{ code: 'SPF_PASS_ALL' }] }), 'fail', /\+all/],
];

describe('each rule: pass, fail, undetermined', () => {
  it.each(cases)('%s', (_name, rules, report, status, message) => {
    const [result] = evaluateRules(report, rules);
    expect(result?.status).toBe(status);
    const words = result && wordsOf(result.finding);
    if (message) expect(words?.message).toMatch(message);
    if (status === 'fail') expect(words?.fix).not.toBe('');
  });

  const covered = new Set(cases.map(([, rules]) => Object.keys(rules)[0]));
  it.each(RULE_NAMES)('the table covers %s', (rule) => {
    expect(covered.has(rule)).toBe(true);
  });
});

describe('one problem, one line (the rules share the audit\'s findings)', () => {
  it('no SPF: every SPF rule reports SPF_MISSING with its one fix; the later ones are sameAs the first', () => {
    const results = evaluateRules(makeAudit(NO_SPF), { requireSpf: true, allowedSpfAll: ['-all'], spfNoSenders: true });
    expect(results.map((r) => [r.rule, r.finding.code, r.sameAs])).toEqual([
      ['requireSpf', 'SPF_MISSING', undefined],
      ['allowedSpfAll', 'SPF_MISSING', 'requireSpf'],
      ['spfNoSenders', 'SPF_MISSING', 'requireSpf'],
    ]);
  });

  it('no DMARC record: minPolicy covers DMARC_MISSING, so noErrorFindings does not repeat it', () => {
    const results = evaluateRules(makeAudit(NO_DMARC), { minPolicy: 'reject', noErrorFindings: true });
    expect(results.map((r) => [r.rule, r.status, r.finding.code])).toEqual([
      ['minPolicy', 'fail', 'GATE_NO_DMARC_RECORD'],
      ['noErrorFindings', 'pass', 'GATE_PASSED'],
    ]);
  });

  it('an SPF permerror over the lookup limit: requireSpf, allowedSpfAll and maxSpfLookups give one finding', () => {
    const results = evaluateRules(makeAudit(SPF_PERMERROR), { requireSpf: true, allowedSpfAll: ['-all'], maxSpfLookups: 10, noErrorFindings: true });
    expect(results.filter((r) => r.status !== 'pass' && r.sameAs === undefined).map((r) => [r.rule, r.finding.code])).toEqual([['requireSpf', 'SPF_TOO_MANY_LOOKUPS']]);
  });
});

describe('rule evaluation', () => {
  it('reports each error finding under its own code', () => {
    const report = makeAudit({ findings: [{ code: 'SPF_PASS_ALL' }, { code: 'SPF_TOO_MANY_LOOKUPS', args: { count: 12 } }, { code: 'DMARC_NO_RUA' }] });
    expect(evaluateRules(report, { noErrorFindings: true }).map((r) => [resultId(r), r.status])).toEqual([
      ['SPF_PASS_ALL', 'fail'],
      ['SPF_TOO_MANY_LOOKUPS', 'fail'],
    ]);
  });

  it.each([
    ['DMARC timed out', makeAudit(DMARC_TIMEOUT)],
    ['SPF timed out', makeAudit(SPF_TIMEOUT)],
  ])('fails closed when %s, even with no rule that reads it', (_name, report) => {
    const results = evaluateRules(report, {});
    expect(results).toEqual([expect.objectContaining({ rule: 'dns', finding: expect.objectContaining({ code: 'DNS_ERROR' }), status: 'undetermined' })]);
  });

  it.each([null, false] as const)('a rule set to %s is off', (value) => {
    expect(evaluateRules(makeAudit(NO_SPF), { requireSpf: value })).toEqual([]);
  });

  it('a DNS error is never an error-finding failure: it makes the domain undetermined', () => {
    const results = evaluateRules(makeAudit(SPF_TIMEOUT), { noErrorFindings: true });
    expect(results.map((r) => [r.rule, r.status])).toEqual([
      ['noErrorFindings', 'pass'],
      ['dns', 'undetermined'],
    ]);
  });
});
