import { describe, expect, it } from 'vitest';
import type { FindingCode } from '../../src/findings/catalog.js';
import { gradeOf, verdictOf, type GradeInput } from '../../src/report/score.js';

describe('verdictOf', () => {
  it.each([
    ['error', null, 'error'],
    ['error', 'reject', 'error'],
    ['valid', 'reject', 'enforcing'],
    ['valid', 'quarantine', 'enforcing'],
    ['invalid', 'quarantine', 'enforcing'],
    ['valid', 'none', 'monitoring'],
    ['invalid', 'none', 'monitoring'],
    ['missing', null, 'unprotected'],
    ['invalid', null, 'unprotected'],
  ] as const)('status %s, effective %s → %s', (status, effectivePolicy, verdict) => {
    expect(verdictOf({ status, effectivePolicy })).toBe(verdict);
  });
});

const errorFinding = (code: FindingCode) => ({ code, severity: 'error' as const });
const warning = (code: FindingCode) => ({ code, severity: 'warning' as const });
const validSpf = (all: NonNullable<GradeInput['spf']>['all']) => ({ status: 'valid' as const, all });

describe('gradeOf', () => {
  it.each<[string, GradeInput, string]>([
    ['unprotected', { verdict: 'unprotected', effectivePolicy: null, spf: validSpf('-all'), findings: [] }, 'F'],
    ['DNS error', { verdict: 'error', effectivePolicy: null, spf: validSpf('-all'), findings: [] }, 'F'],
    ['reject, -all, clean', { verdict: 'enforcing', effectivePolicy: 'reject', spf: validSpf('-all'), findings: [] }, 'A'],
    ['reject, ~all, clean', { verdict: 'enforcing', effectivePolicy: 'reject', spf: validSpf('~all'), findings: [] }, 'A'],
    ['reject with a warning', { verdict: 'enforcing', effectivePolicy: 'reject', spf: validSpf('-all'), findings: [warning('DMARC_NO_RUA')] }, 'A'],
    ['reject, ?all', { verdict: 'enforcing', effectivePolicy: 'reject', spf: validSpf('?all'), findings: [warning('SPF_NEUTRAL_ALL')] }, 'B'],
    ['reject, SPF missing', { verdict: 'enforcing', effectivePolicy: 'reject', spf: { status: 'missing', all: null }, findings: [warning('SPF_MISSING')] }, 'B'],
    ['reject, an error finding', { verdict: 'enforcing', effectivePolicy: 'reject', spf: validSpf('-all'), findings: [errorFinding('SPF_TOO_MANY_LOOKUPS')] }, 'B'],
    ['quarantine', { verdict: 'enforcing', effectivePolicy: 'quarantine', spf: validSpf('-all'), findings: [] }, 'B'],
    ['reject but SPF +all', { verdict: 'enforcing', effectivePolicy: 'reject', spf: validSpf('+all'), findings: [errorFinding('SPF_PASS_ALL')] }, 'D'],
    ['monitoring with reports and SPF', { verdict: 'monitoring', effectivePolicy: 'none', spf: validSpf('-all'), findings: [warning('DMARC_POLICY_NONE')] }, 'C'],
    ['monitoring without reports', { verdict: 'monitoring', effectivePolicy: 'none', spf: validSpf('-all'), findings: [warning('DMARC_NO_RUA')] }, 'D'],
    ['monitoring, SPF invalid', { verdict: 'monitoring', effectivePolicy: 'none', spf: { status: 'invalid', all: '-all' }, findings: [] }, 'D'],
    ['reject, SPF permerror: no mail passes SPF', { verdict: 'enforcing', effectivePolicy: 'reject', spf: { status: 'invalid', all: '-all' }, findings: [errorFinding('SPF_TOO_MANY_LOOKUPS')] }, 'C'],
    ['reject, SPF not checked (--checks): its conditions are not met', { verdict: 'enforcing', effectivePolicy: 'reject', spf: null, findings: [] }, 'B'],
  ])('%s → %s', (_name, input, grade) => {
    expect(gradeOf(input)).toBe(grade);
  });
});
