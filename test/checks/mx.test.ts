import { describe, expect, it } from 'vitest';
import { analyzeMx } from '../../src/checks/mx/analyze.js';
import { noMailFindings } from '../../src/checks/mx/no-mail.js';
import { createMemoryResolver, type MemoryZone } from '../../src/dns/memory.js';
import { makeAudit } from '../gate/support.js';

const zone: MemoryZone = {
  'ok.test': { MX: [{ preference: 20, exchange: 'b.ok.test' }, { preference: 10, exchange: 'a.ok.test' }] },
  'a.ok.test': { A: ['192.0.2.1'] },
  'b.ok.test': { AAAA: ['2001:db8::1'] },
  'noaddr.test': { MX: [{ preference: 10, exchange: 'gone.noaddr.test' }, { preference: 20, exchange: 'a.ok.test' }] },
  'slow.test': { MX: [{ preference: 10, exchange: 'timeout.slow.test' }] },
  'timeout.slow.test': { A: 'timeout' },
  'null.test': { MX: [{ preference: 0, exchange: '.' }] },
  'mixed.test': { MX: [{ preference: 0, exchange: '' }, { preference: 10, exchange: 'a.ok.test' }] },
  'literal.test': { MX: [{ preference: 10, exchange: '192.0.2.9' }] },
  'none.test': { A: ['192.0.2.2'] },
  'broken.test': { MX: 'servfail' },
};
const resolver = createMemoryResolver(zone);
const codes = (findings: { code: string; args?: Record<string, unknown> }[]) => findings.map((f) => (f.args?.problem ? `${f.code}:${String(f.args.problem)}` : f.code));

describe('analyzeMx (RFC 5321 §5.1, RFC 7505)', () => {
  it.each([
    ['ok.test', false, 'ok', [], null],
    ['ok.test', true, 'ok', [], ['ok', 'ok']],
    ['noaddr.test', true, 'ok', ['MX_TARGET_INVALID:no-address'], ['no-address', 'ok']],
    ['noaddr.test', false, 'ok', [], null],
    ['slow.test', true, 'ok', ['DNS_ERROR'], ['error']],
    ['null.test', true, 'null', ['MX_NULL'], null],
    ['mixed.test', false, 'ok', ['MX_NULL_MIXED'], null],
    ['literal.test', false, 'ok', ['MX_TARGET_INVALID:ip-literal'], null],
    ['literal.test', true, 'ok', ['MX_TARGET_INVALID:ip-literal'], ['ip-literal']],
    ['none.test', true, 'none', ['MX_MISSING'], null],
    ['broken.test', true, 'error', ['DNS_ERROR'], null],
  ] as const)('%s (targets %s) → %s %j', async (domain, targets, status, expected, targetStatuses) => {
    const mx = await analyzeMx(domain, resolver, targets);
    expect(mx.status).toBe(status);
    expect(codes(mx.findings)).toEqual(expected);
    expect(mx.targets?.map((t) => t.status) ?? null).toEqual(targetStatuses);
  });

  it('sorts hosts by preference and writes the null MX as "."', async () => {
    expect((await analyzeMx('ok.test', resolver, false)).hosts.map((h) => h.exchange)).toEqual(['a.ok.test', 'b.ok.test']);
    expect((await analyzeMx('mixed.test', resolver, false)).hosts.map((h) => h.exchange)).toEqual(['.', 'a.ok.test']);
  });
});

describe('a domain that sends no mail', () => {
  const { dmarc: reject, spf: noSenders } = makeAudit({ spf: { record: 'v=spf1 -all' } }).results;
  const { dmarc: none } = makeAudit({ dmarc: { effectivePolicy: 'none', policy: 'none' } }).results;
  const { spf: senders } = makeAudit().results;
  const nullMx = { status: 'null' as const, hosts: [{ preference: 0, exchange: '.' }], targets: null, findings: [] };
  const noMx = { status: 'none' as const, hosts: [], targets: null, findings: [] };

  it.each([
    ['null MX, p=reject, v=spf1 -all: protected', nullMx, reject, noSenders, null],
    ['null MX, p=none', nullMx, none, noSenders, '_dmarc.example.com TXT "v=DMARC1; p=reject; sp=reject; np=reject"'],
    ['null MX, SPF with senders', nullMx, reject, senders, 'example.com TXT "v=spf1 -all"'],
    ['no MX, v=spf1 -all, p=none: also a null MX to publish', noMx, none, noSenders, '_dmarc.example.com TXT "v=DMARC1; p=reject; sp=reject; np=reject"|example.com MX 0 .'],
    ['no MX and SPF with senders: it may send mail, nothing to say', noMx, none, senders, null],
  ] as const)('%s', (_name, mx, dmarc, spf, publish) => {
    const [finding] = noMailFindings('example.com', mx, dmarc, spf);
    expect(finding?.args?.publish ?? null).toBe(publish);
  });

  it('says nothing when a DNS failure hides the DMARC policy', () => {
    expect(noMailFindings('example.com', nullMx, { ...none!, status: 'error' }, noSenders)).toEqual([]);
  });
});
