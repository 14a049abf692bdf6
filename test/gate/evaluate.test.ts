import { describe, expect, it } from 'vitest';
import type { IgnoreEntry } from '../../src/gate/config-schema.js';
import { evaluateGate, rulesFor, type GatePlan } from '../../src/gate/evaluate.js';
import { ignoreFor, sortIgnores, utcToday } from '../../src/gate/ignores.js';
import { PROFILES } from '../../src/gate/profiles.js';
import { DMARC_TIMEOUT, dmarcWith, makeAudit } from './support.js';

const plan = (changes: Partial<GatePlan> = {}): GatePlan => ({
  targets: [{ domain: 'example.com' }],
  profile: 'enforce',
  rules: {},
  overrides: {},
  ignore: [],
  ...changes,
});

const NONE = makeAudit({ dmarc: dmarcWith('v=DMARC1; p=none; rua=mailto:a@example.com', 'none') });
const noRua: IgnoreEntry = { code: 'requireRua', reason: 'reports being set up' };

describe('ignores', () => {
  it.each([
    ['no expiry', undefined, '2030-01-01', 'active'],
    ['expires later', '2026-06-30', '2026-06-01', 'active'],
    ['expires today (the last day it applies)', '2026-06-30', '2026-06-30', 'active'],
    ['expired yesterday', '2026-06-30', '2026-07-01', 'expired'],
  ])('%s', (_name, expires, today, state) => {
    const entry = { ...noRua, ...(expires ? { expires } : {}) };
    const sorted = sortIgnores([entry], today);
    expect(sorted[state as 'active' | 'expired']).toEqual([entry]);
  });

  it.each([
    ['a rule name', { code: 'minPolicy' }, 'example.com', true],
    ['a finding code', { code: 'SPF_PASS_ALL' }, 'example.com', true],
    ['another domain', { code: 'minPolicy', domains: ['example.org'] }, 'example.com', false],
    ['its domain', { code: 'minPolicy', domains: ['example.com'] }, 'example.com', true],
  ])('matches by %s', (_name, entry, domain, matches) => {
    const result = { rule: entry.code === 'SPF_PASS_ALL' ? ('noErrorFindings' as const) : ('minPolicy' as const), finding: { code: entry.code === 'SPF_PASS_ALL' ? ('SPF_PASS_ALL' as const) : ('GATE_POLICY_TOO_WEAK' as const) }, status: 'fail' as const };
    expect(ignoreFor([{ reason: 'r', ...entry }], domain, result) !== undefined).toBe(matches);
  });

  it('never covers an undetermined result', () => {
    const result = { rule: 'dns' as const, finding: { code: 'DNS_ERROR' as const }, status: 'undetermined' as const };
    expect(ignoreFor([{ code: 'DNS_ERROR', reason: 'r' }], 'example.com', result)).toBeUndefined();
  });

  it('today is the UTC date', () => {
    expect(utcToday(new Date('2026-03-01T23:30:00-05:00'))).toBe('2026-03-02');
  });
});

describe('evaluating the gate', () => {
  it.each([
    ['all pass', [makeAudit()], 'pass'],
    ['a violation', [makeAudit(), NONE], 'fail'],
    ['a DNS failure', [makeAudit(), makeAudit(DMARC_TIMEOUT)], 'undetermined'],
    ['a violation and a DNS failure: the violation wins', [NONE, makeAudit(DMARC_TIMEOUT)], 'fail'],
  ])('%s', (_name, reports, status) => {
    const targets = reports.map((_r, i) => ({ domain: `d${i}.example` }));
    expect(evaluateGate(plan({ targets }), reports, '2026-01-01').status).toBe(status);
  });

  it('an active ignore turns a violation into a pass and keeps it visible', () => {
    const outcome = evaluateGate(plan({ ignore: [{ code: 'minPolicy', reason: 'migrating', expires: '2026-12-31' }] }), [NONE], '2026-06-01');
    expect(outcome.status).toBe('pass');
    expect(outcome.domains[0]?.results.find((r) => r.rule === 'minPolicy')?.ignored).toEqual({ reason: 'migrating', expires: '2026-12-31' });
  });

  it('an expired ignore no longer applies and is reported', () => {
    const entry = { code: 'minPolicy', reason: 'migrating', expires: '2026-01-31' };
    const outcome = evaluateGate(plan({ ignore: [entry] }), [NONE], '2026-02-01');
    expect(outcome.status).toBe('fail');
    expect(outcome.expiredIgnores).toEqual([entry]);
  });

  it('an ignore cannot pass a DNS failure', () => {
    const outcome = evaluateGate(plan({ ignore: [{ code: 'DNS_ERROR', reason: 'flaky' }, { code: 'minPolicy', reason: 'x' }] }), [makeAudit(DMARC_TIMEOUT)], '2026-01-01');
    expect(outcome.status).toBe('undetermined');
  });

  it('layers profile, config rules and per-domain overrides', () => {
    const layered = plan({
      profile: 'strict',
      rules: { requireRua: null, maxSpfLookups: 5 },
      overrides: { 'parked.example': { profile: 'parked', rules: { requireSpf: null } } },
    });
    expect(rulesFor(layered, 'example.com').rules).toEqual({ ...PROFILES.strict.rules, requireRua: null, maxSpfLookups: 5 });
    expect(rulesFor(layered, 'parked.example')).toEqual({
      profile: 'parked',
      rules: { ...PROFILES.parked.rules, requireRua: null, maxSpfLookups: 5, requireSpf: null },
    });
  });
});
