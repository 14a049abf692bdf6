import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseBimiRecord } from '../../src/checks/bimi/record.js';
import { certificateProblems } from '../../src/checks/bimi/certificate.js';
import { svgProblems } from '../../src/checks/bimi/svg.js';
import { mxMatches, parseStsPolicy, parseStsRecord } from '../../src/checks/mta-sts/parse.js';
import { parseCheckList } from '../../src/checks/plan.js';
import { recordsOfVersion } from '../../src/checks/tag-list.js';
import { uriProblem } from '../../src/checks/tls-rpt/analyze.js';
import { createTestCa } from '../support/test-ca.js';
import { VALID_SVG } from '../support/posture-cases.js';

describe('MTA-STS record and policy (RFC 8461 §3.1, §3.2)', () => {
  it.each<[string, object]>([
    ['v=STSv1; id=20160831085700Z', { id: '20160831085700Z' }],
    ['v=STSv1;id=abc;', { id: 'abc' }],
    ['v=STSv1; id=abc; ext=1', { id: 'abc' }],
    ['v=STSv1', { error: 'no id field' }],
    ['v=STSv1; id=a-b', { error: expect.stringMatching(/letters and digits/) }],
    [`v=STSv1; id=${'a'.repeat(33)}`, { error: expect.stringMatching(/1 to 32/) }],
    ['v=STSv1; id=a; id=b', { error: expect.stringMatching(/twice/) }],
    ['id=a; v=STSv1', { error: expect.stringMatching(/start with/) }],
  ])('%s', (record, expected) => {
    expect(parseStsRecord(record)).toEqual(expected);
  });

  it('selects records by their version prefix only', () => {
    expect(recordsOfVersion(['v=STSv1; id=1', 'v=STSv10; id=2', 'v=spf1 -all', 'v=STSv1'], 'STSv1')).toEqual(['v=STSv1; id=1', 'v=STSv1']);
  });

  it('reads a policy with CRLF or LF lines, several mx, unknown fields ignored', () => {
    const parsed = parseStsPolicy('version: STSv1\r\nmode: enforce\r\nmx: mail.example.com\nmx: *.example.net\nmax_age: 86400\nfuture: x\n');
    expect(parsed).toEqual({ policy: { version: 'STSv1', mode: 'enforce', mx: ['mail.example.com', '*.example.net'], maxAge: 86_400 }, shortMaxAge: false });
    expect(parseStsPolicy('version: STSv1\nmode: none\nmax_age: 60\n')).toMatchObject({ policy: { mode: 'none', mx: [] }, shortMaxAge: true });
  });

  it.each<[string, RegExp]>([
    ['mode: enforce\nmx: a.example\nmax_age: 1', /no version field/],
    ['version: STSv2\nmode: enforce\nmx: a.example\nmax_age: 1', /STSv2/],
    ['version: STSv1\nmode: enforce\nmax_age: 1', /no mx field/],
    ['version: STSv1\nmode: enforce\nmx: a.*.example\nmax_age: 1', /mx "a\.\*\.example"/],
    ['version: STSv1\nmode: enforce\nmx: a.example\nmax_age: 31557601', /max_age/],
    ['version: STSv1\nmode: enforce\nmx: a.example', /no max_age/],
    ['<html>not a policy</html>', /line 1/],
  ])('refuses %j', (body, reason) => {
    const parsed = parseStsPolicy(body);
    expect('errors' in parsed && parsed.errors.join('; ')).toMatch(reason);
  });

  it('never throws on any body', () => {
    fc.assert(fc.property(fc.string({ maxLength: 300 }), (body) => void parseStsPolicy(body)), { numRuns: 500 });
  });

  it.each<[string, string, boolean]>([
    ['mail.example.com', 'mail.example.com', true],
    ['*.example.com', 'mail.example.com', true],
    ['*.example.com', 'example.com', false],
    ['*.example.com', 'a.b.example.com', false],
    ['mail.example.com', 'mx.example.com', false],
  ])('mx %s matches %s: %s', (pattern, host, expected) => {
    expect(mxMatches(pattern, host)).toBe(expected);
  });
});

describe('TLS-RPT destinations (RFC 8460 §3)', () => {
  it.each<[string, string | undefined]>([
    ['mailto:tls@example.com', undefined],
    ['https://reports.example.com/v1', undefined],
    ['mailto:nobody', 'not a mailto: URI with an address'],
    ['ftp://example.com', 'neither mailto: nor https:'],
    ['https://', 'not a valid https: URI'],
  ])('%s', (uri, problem) => expect(uriProblem(uri)).toBe(problem));
});

describe('BIMI record', () => {
  it.each<[string, object]>([
    ['v=BIMI1; l=https://x.test/l.svg; a=https://x.test/a.pem', { kind: 'assertion', logo: 'https://x.test/l.svg', certificate: 'https://x.test/a.pem' }],
    ['v=BIMI1; l=https://x.test/l.svg', { kind: 'assertion', logo: 'https://x.test/l.svg', certificate: null }],
    ['v=BIMI1; l=; a=;', { kind: 'declined' }],
    ['v=BIMI1;', { error: 'no l= tag' }],
    ['v=BIMI1; l=; a=https://x.test/a.pem', { error: 'an empty l= with an a=' }],
    ['v=BIMI1; l=http://x.test/l.svg', { error: expect.stringMatching(/not an https URL/) }],
  ])('%s', (record, expected) => expect(parseBimiRecord(record)).toEqual(expected));
});

describe('BIMI logo: SVG Tiny PS, parsed as XML', () => {
  const svg = (body: string, root = 'version="1.2" baseProfile="tiny-ps"'): string => `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" ${root}>${body}</svg>`;
  it('accepts a Tiny PS logo', () => expect(svgProblems(VALID_SVG)).toEqual([]));
  it.each<[string, string, string]>([
    ['a script', svg('<title>t</title><script>alert(1)</script>'), 'script'],
    ['an event attribute', svg('<title>t</title><rect onclick="x()"/>'), 'script'],
    ['an external image', svg('<title>t</title><image xlink:href="https://evil.test/x.png"/>'), 'external-reference'],
    ['animation', svg('<title>t</title><animate attributeName="x"/>'), 'animation'],
    ['no title', svg('<rect/>'), 'no-title'],
    ['SVG 1.1', svg('<title>t</title>', 'version="1.1"'), 'not-tiny-ps'],
    ['HTML', '<html><title>t</title></html>', 'not-svg'],
    ['broken XML', '<svg', 'xml'],
    ['an external entity', '<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>' + svg('<title>&x;</title>'), 'doctype'],
  ])('refuses %s', (_name, text, problem) => {
    expect(svgProblems(text).map((p) => p.problem)).toContain(problem);
  });

  it('never throws, and a billion laughs costs nothing: no entity is expanded', () => {
    const laughs = `<!DOCTYPE svg [<!ENTITY a "${'x'.repeat(100)}">${Array.from({ length: 12 }, (_, i) => `<!ENTITY e${i} "${(i === 0 ? '&a;' : `&e${i - 1};`).repeat(10)}">`).join('')}]>${svg('<title>&e11;</title>')}`;
    expect(svgProblems(laughs).map((p) => p.problem)).toEqual(expect.arrayContaining(['doctype', 'xml']));
    fc.assert(fc.property(fc.string({ maxLength: 200 }), (text) => void svgProblems(text)), { numRuns: 300 });
  });
});

const opensslInstalled = spawnSync('openssl', ['version'], { stdio: 'ignore' }).status === 0;

describe.skipIf(!opensslInstalled && process.env.CI !== 'true')('BIMI certificate (openssl makes it)', () => {
  it('checks dates, the name and the logotype extension; the chain is not checked', () => {
    const ca = createTestCa();
    const { cert } = ca.issue(['brand.test'], { extensions: ['1.3.6.1.5.5.7.1.12=DER:3000'] });
    expect(certificateProblems(cert, 'brand.test', new Date())).toEqual([]);
    expect(certificateProblems(cert, 'other.test', new Date()).map((p) => p.problem)).toEqual(['wrong-name']);
    expect(certificateProblems(cert, 'brand.test', new Date(Date.now() + 10 * 86_400_000)).map((p) => p.problem)).toEqual(['expired']);
    expect(certificateProblems(cert, 'brand.test', new Date(Date.now() - 10 * 86_400_000)).map((p) => p.problem)).toEqual(['not-yet-valid']);
    expect(certificateProblems(ca.issue(['brand.test']).cert, 'brand.test', new Date()).map((p) => p.problem)).toEqual(['no-logotype']);
    expect(certificateProblems('-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----', 'brand.test', new Date()).map((p) => p.problem)).toEqual(['unparseable']);
    expect(certificateProblems('hello', 'brand.test', new Date()).map((p) => p.problem)).toEqual(['unparseable']);
  });
});

describe('--checks names', () => {
  it('accepts any case, with or without hyphens', () => {
    expect(parseCheckList('MTA-STS,tls-rpt,tlsrpt,DNSSEC')).toEqual(['mtaSts', 'tlsRpt', 'tlsRpt', 'dnssec']);
    expect(() => parseCheckList('mta_sts')).toThrow(/unknown check "mta_sts"/);
  });
});
