import { describe, expect, it } from 'vitest';
import type { FindingCode } from '../../src/findings/catalog.js';
import { parseDmarcRecord } from '../../src/dmarc/parse.js';
import { evaluatePolicy, existenceMatters, type DomainExistence } from '../../src/dmarc/policy.js';

const RUA = 'rua=mailto:d@example.com';

describe('evaluatePolicy (RFC 9989 §4.10.1)', () => {
  it.each<[string, string, boolean, DomainExistence, { tag: string | null; applied: string | null; effective: string | null; codes: FindingCode[] }]>([
    ['own record uses p', `v=DMARC1; p=reject; sp=none; ${RUA}`, true, 'unknown', { tag: 'p', applied: 'reject', effective: 'reject', codes: ['DMARC_SUBDOMAIN_POLICY_WEAKER'] }],
    ['existing subdomain uses sp', `v=DMARC1; p=reject; sp=quarantine; ${RUA}`, false, 'exists', { tag: 'sp', applied: 'quarantine', effective: 'quarantine', codes: ['DMARC_SUBDOMAIN_POLICY_WEAKER'] }],
    ['non-existent subdomain uses np', `v=DMARC1; p=none; np=reject; ${RUA}`, false, 'nonexistent', { tag: 'np', applied: 'reject', effective: 'reject', codes: [] }],
    ['non-existent without np falls back to sp', `v=DMARC1; p=none; sp=quarantine; ${RUA}`, false, 'nonexistent', { tag: 'sp', applied: 'quarantine', effective: 'quarantine', codes: [] }],
    ['without sp falls back to p', `v=DMARC1; p=reject; ${RUA}`, false, 'exists', { tag: 'p', applied: 'reject', effective: 'reject', codes: [] }],
    ['existing subdomain ignores np', `v=DMARC1; p=reject; np=none; ${RUA}`, false, 'exists', { tag: 'p', applied: 'reject', effective: 'reject', codes: ['DMARC_SUBDOMAIN_POLICY_WEAKER'] }],
    ['sp and np agree: existence not needed', `v=DMARC1; p=reject; ${RUA}`, false, 'unknown', { tag: 'p', applied: 'reject', effective: 'reject', codes: [] }],
    ['p=none', `v=DMARC1; p=none; ${RUA}`, true, 'unknown', { tag: 'p', applied: 'none', effective: 'none', codes: ['DMARC_POLICY_NONE'] }],
    ['t=y steps reject down', `v=DMARC1; p=reject; t=y; ${RUA}`, true, 'unknown', { tag: 'p', applied: 'reject', effective: 'quarantine', codes: ['DMARC_TESTING_MODE'] }],
    ['t=y steps quarantine down', `v=DMARC1; p=quarantine; t=y; ${RUA}`, true, 'unknown', { tag: 'p', applied: 'quarantine', effective: 'none', codes: ['DMARC_TESTING_MODE', 'DMARC_POLICY_NONE'] }],
    ['t=n changes nothing', `v=DMARC1; p=reject; t=n; ${RUA}`, true, 'unknown', { tag: 'p', applied: 'reject', effective: 'reject', codes: [] }],
    ['pct=0 is not enforcing', `v=DMARC1; p=reject; pct=0; ${RUA}`, true, 'unknown', { tag: 'p', applied: 'reject', effective: 'none', codes: ['DMARC_POLICY_NONE'] }],
    ['pct=50 is partial', `v=DMARC1; p=reject; pct=50; ${RUA}`, true, 'unknown', { tag: 'p', applied: 'reject', effective: 'reject', codes: ['DMARC_PCT_PARTIAL'] }],
    ['pct=100 is full', `v=DMARC1; p=reject; pct=100; ${RUA}`, true, 'unknown', { tag: 'p', applied: 'reject', effective: 'reject', codes: [] }],
    ['invalid p with rua acts as none', `v=DMARC1; p=bob; ${RUA}`, true, 'unknown', { tag: 'p', applied: 'none', effective: 'none', codes: ['DMARC_POLICY_NONE'] }],
    ['missing p with rua acts as none', `v=DMARC1; ${RUA}`, true, 'unknown', { tag: 'p', applied: 'none', effective: 'none', codes: ['DMARC_POLICY_NONE'] }],
    ['invalid sp with rua acts as none', `v=DMARC1; p=reject; sp=bob; ${RUA}`, true, 'unknown', { tag: 'p', applied: 'none', effective: 'none', codes: ['DMARC_POLICY_NONE'] }],
    ['invalid p without rua is not applied', 'v=DMARC1; p=bob', true, 'unknown', { tag: null, applied: null, effective: null, codes: ['DMARC_NO_RUA'] }],
    ['invalid np without rua is not applied', 'v=DMARC1; p=reject; np=bob', true, 'unknown', { tag: null, applied: null, effective: null, codes: ['DMARC_NO_RUA'] }],
    ['duplicate tags: not applied', `v=DMARC1; p=reject; p=reject; ${RUA}`, true, 'unknown', { tag: null, applied: null, effective: null, codes: [] }],
    ['other bad values: disputed, not counted as applied (RFC 9989 §4.8)', `v=DMARC1; p=reject; adkim=x; fo=9; ${RUA}`, true, 'unknown', { tag: null, applied: null, effective: null, codes: [] }],
    ['missing ";" after the version: void', `v=DMARC1 p=reject; ${RUA}`, true, 'unknown', { tag: null, applied: null, effective: null, codes: ['DMARC_NO_RUA'] }],
    ['missing ";" between tags: invalid p with a valid rua acts as none', `v=DMARC1; p=reject adkim=s; ${RUA}`, true, 'unknown', { tag: 'p', applied: 'none', effective: 'none', codes: ['DMARC_POLICY_NONE'] }],
    ['no rua', 'v=DMARC1; p=reject', true, 'unknown', { tag: 'p', applied: 'reject', effective: 'reject', codes: ['DMARC_NO_RUA'] }],
  ])('%s', (_name, text, atDomain, existence, expected) => {
    const outcome = evaluatePolicy(parseDmarcRecord(text), atDomain, existence);
    expect(outcome.appliedTag).toBe(expected.tag);
    expect(outcome.appliedPolicy).toBe(expected.applied);
    expect(outcome.effectivePolicy).toBe(expected.effective);
    expect(outcome.enforcing).toBe(expected.effective === 'quarantine' || expected.effective === 'reject');
    expect(outcome.findings.map((f) => f.code)).toEqual(expected.codes);
    expect(outcome.undetermined).toBe(false);
  });

  it.each([
    ['t=y', 'v=DMARC1; p=quarantine; t=y', 't=y'],
    ['pct=0', 'v=DMARC1; p=reject; pct=0', 'pct=0'],
    ['sp=none', 'v=DMARC1; p=reject; sp=none', 'sp=none'],
  ])('DMARC_POLICY_NONE reason: %s', (_name, text, reason) => {
    const outcome = evaluatePolicy(parseDmarcRecord(text), false, 'exists');
    expect(outcome.findings).toContainEqual({ code: 'DMARC_POLICY_NONE', args: { reason } });
  });

  it('is undetermined when sp and np disagree and existence is unknown', () => {
    const parsed = parseDmarcRecord('v=DMARC1; p=reject; np=none');
    expect(existenceMatters(parsed)).toBe(true);
    const outcome = evaluatePolicy(parsed, false, 'unknown');
    expect(outcome).toMatchObject({ undetermined: true, effectivePolicy: null, enforcing: false });
  });

  it.each([
    ['v=DMARC1; p=reject', false],
    ['v=DMARC1; p=reject; sp=reject; np=reject', false],
    ['v=DMARC1; p=reject; sp=none', false], // np falls back to sp
    ['v=DMARC1; p=reject; sp=none; np=reject', true],
    ['v=DMARC1; p=none; np=reject', true],
    ['v=DMARC1; p=bob; np=reject; rua=mailto:a@example.com', false],
  ])('existenceMatters(%s) → %s', (text, expected) => {
    expect(existenceMatters(parseDmarcRecord(text))).toBe(expected);
  });
});
