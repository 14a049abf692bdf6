import { describe, expect, it } from 'vitest';
import type { Rules } from '../../src/gate/config-schema.js';
import { RULE_NAMES } from '../../src/gate/config-schema.js';
import { evaluateRules, type RuleStatus } from '../../src/gate/rules.js';
import { DMARC_TIMEOUT, NO_DMARC, NO_SPF, SPF_TIMEOUT, dmarcWith, makeReport } from './support.js';

type Case = [name: string, rules: Rules, report: ReturnType<typeof makeReport>, status: RuleStatus, message?: RegExp];

const cases: Case[] = [
  // minPolicy: the effective policy, after t=y and pct=0
  ['minPolicy reject passes p=reject', { minPolicy: 'reject' }, makeReport(), 'pass'],
  ['minPolicy quarantine fails p=none', { minPolicy: 'quarantine' }, makeReport({ dmarc: dmarcWith('v=DMARC1; p=none; rua=mailto:a@example.com', 'none') }), 'fail', /effective DMARC policy is none/],
  ['minPolicy reject fails t=y (effective quarantine)', { minPolicy: 'reject' }, makeReport({ dmarc: dmarcWith('v=DMARC1; p=reject; t=y', 'quarantine', 'reject') }), 'fail', /quarantine/],
  ['minPolicy none passes p=none', { minPolicy: 'none' }, makeReport({ dmarc: dmarcWith('v=DMARC1; p=none', 'none') }), 'pass'],
  ['minPolicy none fails without a record', { minPolicy: 'none' }, makeReport(NO_DMARC), 'fail', /no usable DMARC record/],
  ['minPolicy is undetermined when DMARC timed out', { minPolicy: 'none' }, makeReport(DMARC_TIMEOUT), 'undetermined'],
  // minSubdomainPolicy: sp, else p
  ['minSubdomainPolicy passes without sp when p=reject', { minSubdomainPolicy: 'reject' }, makeReport(), 'pass'],
  ['minSubdomainPolicy fails sp=none', { minSubdomainPolicy: 'quarantine' }, makeReport({ dmarc: dmarcWith('v=DMARC1; p=reject; sp=none', 'reject') }), 'fail', /sp=none/],
  ['minSubdomainPolicy fails without a record', { minSubdomainPolicy: 'none' }, makeReport(NO_DMARC), 'fail'],
  ['minSubdomainPolicy is undetermined when DMARC timed out', { minSubdomainPolicy: 'reject' }, makeReport(DMARC_TIMEOUT), 'undetermined'],
  // minNonexistentPolicy: np, else sp, else p
  ['minNonexistentPolicy passes np=reject', { minNonexistentPolicy: 'reject' }, makeReport({ dmarc: dmarcWith('v=DMARC1; p=none; np=reject', 'none') }), 'pass'],
  ['minNonexistentPolicy falls back to sp', { minNonexistentPolicy: 'reject' }, makeReport({ dmarc: dmarcWith('v=DMARC1; p=reject; sp=quarantine', 'reject') }), 'fail', /no np, so sp=quarantine applies/],
  ['minNonexistentPolicy fails np=none', { minNonexistentPolicy: 'quarantine' }, makeReport({ dmarc: dmarcWith('v=DMARC1; p=reject; np=none', 'reject') }), 'fail', /np=none/],
  ['minNonexistentPolicy is undetermined when DMARC timed out', { minNonexistentPolicy: 'reject' }, makeReport(DMARC_TIMEOUT), 'undetermined'],
  // forbidTestingMode
  ['forbidTestingMode passes without t', { forbidTestingMode: true }, makeReport(), 'pass'],
  ['forbidTestingMode fails t=y', { forbidTestingMode: true }, makeReport({ dmarc: dmarcWith('v=DMARC1; p=reject; t=y', 'quarantine', 'reject') }), 'fail', /t=y/],
  ['forbidTestingMode has nothing to forbid without a record', { forbidTestingMode: true }, makeReport(NO_DMARC), 'pass'],
  ['forbidTestingMode is undetermined when DMARC timed out', { forbidTestingMode: true }, makeReport(DMARC_TIMEOUT), 'undetermined'],
  // forbidPartialPct
  ['forbidPartialPct passes pct=100', { forbidPartialPct: true }, makeReport({ dmarc: dmarcWith('v=DMARC1; p=reject; pct=100', 'reject') }), 'pass'],
  ['forbidPartialPct fails pct=50', { forbidPartialPct: true }, makeReport({ dmarc: dmarcWith('v=DMARC1; p=reject; pct=50', 'reject') }), 'fail', /pct=50/],
  ['forbidPartialPct is undetermined when DMARC timed out', { forbidPartialPct: true }, makeReport(DMARC_TIMEOUT), 'undetermined'],
  // requireRua
  ['requireRua passes with rua', { requireRua: true }, makeReport(), 'pass'],
  ['requireRua fails without rua', { requireRua: true }, makeReport({ dmarc: dmarcWith('v=DMARC1; p=reject', 'reject') }), 'fail', /no rua/],
  ['requireRua fails without a record', { requireRua: true }, makeReport(NO_DMARC), 'fail'],
  ['requireRua is undetermined when DMARC timed out', { requireRua: true }, makeReport(DMARC_TIMEOUT), 'undetermined'],
  // requiredRua: case-insensitive, among others
  [
    'requiredRua passes when listed among others',
    { requiredRua: ['mailto:reports@dmarc.cyber.dhs.gov'] },
    makeReport({ dmarc: dmarcWith('v=DMARC1; p=reject; rua=mailto:a@example.com,mailto:REPORTS@dmarc.cyber.dhs.gov', 'reject') }),
    'pass',
  ],
  ['requiredRua fails when missing', { requiredRua: ['mailto:reports@dmarc.cyber.dhs.gov'] }, makeReport(), 'fail', /does not include mailto:reports@dmarc.cyber.dhs.gov/],
  ['requiredRua is undetermined when DMARC timed out', { requiredRua: ['mailto:a@example.com'] }, makeReport(DMARC_TIMEOUT), 'undetermined'],
  // requireSpf
  ['requireSpf passes a valid record', { requireSpf: true }, makeReport(), 'pass'],
  ['requireSpf fails a missing record', { requireSpf: true }, makeReport(NO_SPF), 'fail', /no SPF record/],
  ['requireSpf fails an invalid record', { requireSpf: true }, makeReport({ spf: { status: 'invalid' } }), 'fail', /invalid/],
  ['requireSpf is undetermined when SPF timed out', { requireSpf: true }, makeReport(SPF_TIMEOUT), 'undetermined'],
  // allowedSpfAll
  ['allowedSpfAll passes ~all when allowed', { allowedSpfAll: ['-all', '~all'] }, makeReport({ spf: { all: '~all' } }), 'pass'],
  ['allowedSpfAll fails ~all when only -all is', { allowedSpfAll: ['-all'] }, makeReport({ spf: { all: '~all' } }), 'fail', /ends in ~all/],
  ['allowedSpfAll fails a record without all', { allowedSpfAll: ['-all'] }, makeReport({ spf: { all: null } }), 'fail', /no all mechanism/],
  ['allowedSpfAll fails without SPF', { allowedSpfAll: ['-all'] }, makeReport(NO_SPF), 'fail', /no SPF record/],
  ['allowedSpfAll fails a permerror record, whatever its all', { allowedSpfAll: ['-all'] }, makeReport({ spf: { status: 'invalid', all: '-all' } }), 'fail', /permerror/],
  ['allowedSpfAll is undetermined when SPF timed out', { allowedSpfAll: ['-all'] }, makeReport(SPF_TIMEOUT), 'undetermined'],
  // maxSpfLookups
  ['maxSpfLookups passes at the maximum', { maxSpfLookups: 10 }, makeReport({ spf: { dnsLookups: 10 } }), 'pass'],
  ['maxSpfLookups fails above it', { maxSpfLookups: 5 }, makeReport({ spf: { dnsLookups: 6 } }), 'fail', /needs 6 DNS lookups; the gate allows 5/],
  ['maxSpfLookups is undetermined when the walk was capped below it', { maxSpfLookups: 10 }, makeReport({ spf: { dnsLookups: 4, truncated: true } }), 'undetermined'],
  ['maxSpfLookups fails a capped walk already above it', { maxSpfLookups: 3 }, makeReport({ spf: { dnsLookups: 4, truncated: true } }), 'fail', /at least 4/],
  ['maxSpfLookups is undetermined when SPF timed out', { maxSpfLookups: 10 }, makeReport(SPF_TIMEOUT), 'undetermined'],
  // spfNoSenders
  ['spfNoSenders passes "v=spf1 -all"', { spfNoSenders: true }, makeReport({ spf: { record: 'v=spf1  -ALL' } }), 'pass'],
  ['spfNoSenders fails a record with senders', { spfNoSenders: true }, makeReport(), 'fail', /authorizes senders/],
  ['spfNoSenders fails without SPF', { spfNoSenders: true }, makeReport(NO_SPF), 'fail'],
  ['spfNoSenders is undetermined when SPF timed out', { spfNoSenders: true }, makeReport(SPF_TIMEOUT), 'undetermined'],
  // noErrorFindings: warnings do not count
  ['noErrorFindings passes with only warnings', { noErrorFindings: true }, makeReport({ findings: [{ code: 'DMARC_NO_RUA' }] }), 'pass'],
  ['noErrorFindings fails an error finding', { noErrorFindings: true }, makeReport({ findings: [{ code: 'SPF_PASS_ALL' }] }), 'fail', /\+all/],
];

describe('each rule: pass, fail, undetermined', () => {
  it.each(cases)('%s', (_name, rules, report, status, message) => {
    const [result] = evaluateRules(report, rules);
    expect(result?.status).toBe(status);
    if (message) expect(result?.message).toMatch(message);
    if (status === 'fail') expect(result?.fix).not.toBe('');
  });

  const covered = new Set(cases.map(([, rules]) => Object.keys(rules)[0]));
  it.each(RULE_NAMES)('the table covers %s', (rule) => {
    expect(covered.has(rule)).toBe(true);
  });
});

describe('rule evaluation', () => {
  it('reports each error finding under its own code', () => {
    const report = makeReport({ findings: [{ code: 'SPF_PASS_ALL' }, { code: 'SPF_TOO_MANY_LOOKUPS', args: { count: 12 } }, { code: 'DMARC_NO_RUA' }] });
    expect(evaluateRules(report, { noErrorFindings: true }).map((r) => [r.code, r.status])).toEqual([
      ['SPF_PASS_ALL', 'fail'],
      ['SPF_TOO_MANY_LOOKUPS', 'fail'],
    ]);
  });

  it.each([
    ['DMARC timed out', makeReport(DMARC_TIMEOUT)],
    ['SPF timed out', makeReport(SPF_TIMEOUT)],
  ])('fails closed when %s, even with no rule that reads it', (_name, report) => {
    const results = evaluateRules(report, {});
    expect(results).toEqual([expect.objectContaining({ rule: 'dns', code: 'DNS_ERROR', status: 'undetermined' })]);
  });

  it.each([null, false] as const)('a rule set to %s is off', (value) => {
    expect(evaluateRules(makeReport(NO_SPF), { requireSpf: value })).toEqual([]);
  });

  it('a DNS error is never an error-finding failure: it makes the domain undetermined', () => {
    const results = evaluateRules(makeReport(SPF_TIMEOUT), { noErrorFindings: true });
    expect(results.map((r) => [r.rule, r.status])).toEqual([
      ['noErrorFindings', 'pass'],
      ['dns', 'undetermined'],
    ]);
  });
});
