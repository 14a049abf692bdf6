import { describe, expect, it } from 'vitest';
import type { MemoryZone } from '../../src/dns/memory.js';
import { checkHost } from '../../src/spf/check-host.js';
import type { CheckHostInput } from '../../src/spf/check-host.js';
import { parseClientIp } from '../../src/spf/client-ip.js';
import { domainProblem, senderIdentity } from '../../src/spf/identity.js';
import { txt, zoneResolver } from './helpers.js';

const mx = (...hosts: string[]) => hosts.map((exchange, preference) => ({ preference, exchange }));

const ZONE: MemoryZone = {
  'example.test': { TXT: ['v=spf1 a mx include:_spf.provider.test ip4:192.0.2.0/24 -all exp=why.example.test'], A: ['198.51.100.1'], MX: mx('mx.example.test'), AAAA: ['2001:db8::1'] },
  'mx.example.test': { A: ['198.51.100.2'], AAAA: ['2001:db8::2'] },
  'why.example.test': txt('%{c} may not send for %{d} (%{s}, %{h}, %{v}, %{r}, %{t})'),
  '_spf.provider.test': txt('v=spf1 ip4:203.0.113.0/24 ip6:2001:db8:ff::/48 ~all'),
  'soft.test': txt('v=spf1 ?ip4:192.0.2.1 ~all'),
  'default.test': txt('v=spf1 ip4:192.0.2.1'),
  'nospf.test': { A: ['192.0.2.1'] },
  'broken.test': txt('v=spf1 ip4:192.0.2.1 frobnicate -all'),
  'two.test': { TXT: ['v=spf1 -all', 'v=spf1 +all'] },
  'timeout.test': { TXT: 'timeout' },
  'a-timeout.test': { TXT: ['v=spf1 a:slow.test -all'] },
  'slow.test': { fail: 'timeout' },
  'redirect.test': txt('v=spf1 ip4:192.0.2.99 redirect=example.test exp=ignored.test'),
  'redirect-none.test': txt('v=spf1 redirect=nospf.test'),
  'include-none.test': txt('v=spf1 include:nospf.test -all'),
  'include-perm.test': txt('v=spf1 include:broken.test +all'),
  'neg-include.test': txt('v=spf1 -include:_spf.provider.test +all'),
  'dual.test': { TXT: ['v=spf1 a:host.dual.test/24//64 -all'] },
  'host.dual.test': { A: ['192.0.2.200'], AAAA: ['2001:db8:5::1'] },
  'mapped.test': txt('v=spf1 ip6:::ffff:192.0.2.0/120 ip4:192.0.2.0/24 -all'),
  'exists.test': txt('v=spf1 exists:%{ir}.%{l}.allow.exists.test -all'),
  '10.2.0.192.alice.allow.exists.test': { A: ['127.0.0.2'] },
  'ptr.test': txt('v=spf1 ptr -all'),
  '10.2.0.192.in-addr.arpa': { PTR: ['mail.ptr.test', 'other.test'] },
  '11.2.0.192.in-addr.arpa': { PTR: 'timeout' },
  'mail.ptr.test': { A: ['192.0.2.10'] },
  'helo.test': txt('v=spf1 a:%{h} -all'),
  'mta.helo.test': { A: ['192.0.2.25'] },
  'voids.test': txt('v=spf1 a:v1.test a:v2.test a:v3.test ip4:192.0.2.1 -all'),
  'eleven.test': txt(`v=spf1 ${Array.from({ length: 11 }, () => 'a').join(' ')} -all`),
  'manymx.test': { TXT: ['v=spf1 mx -all'], MX: mx(...Array.from({ length: 11 }, (_, i) => `m${i}.test`)) },
  'bad-exp.test': txt('v=spf1 -all exp=badexp.test'),
  'badexp.test': txt('%{z} is not a macro'),
  'upper.test': txt('v=spf1 -all exp=upper-exp.test'),
  'upper-exp.test': txt('see https://example.test/?s=%{S}'),
};

const run = (input: CheckHostInput) =>
  checkHost({ helo: 'mta.helo.test', ...input }, zoneResolver(ZONE), { receiver: 'mx.receiver.test', now: new Date(1_700_000_000_000) });

describe('check_host() results (RFC 7208 §2.6, §4–§6)', () => {
  it.each([
    { why: 'ip4 in the record', domain: 'example.test', ip: '192.0.2.77', result: 'pass', mechanism: 'ip4:192.0.2.0/24' },
    { why: 'a: the domain’s A record', domain: 'example.test', ip: '198.51.100.1', result: 'pass', mechanism: 'a' },
    { why: 'a for IPv6 uses AAAA', domain: 'example.test', ip: '2001:db8::1', result: 'pass', mechanism: 'a' },
    { why: 'mx: the MX host’s address', domain: 'example.test', ip: '198.51.100.2', result: 'pass', mechanism: 'mx' },
    { why: 'include matches on the included pass', domain: 'example.test', ip: '203.0.113.9', result: 'pass', mechanism: 'include:_spf.provider.test' },
    { why: 'include’s ~all is no match; -all decides', domain: 'example.test', ip: '198.51.100.99', result: 'fail', mechanism: '-all' },
    { why: 'a negated include that matches', domain: 'neg-include.test', ip: '203.0.113.1', result: 'fail', mechanism: '-include:_spf.provider.test' },
    { why: 'qualifier ~', domain: 'soft.test', ip: '192.0.2.2', result: 'softfail', mechanism: '~all' },
    { why: 'qualifier ?', domain: 'soft.test', ip: '192.0.2.1', result: 'neutral', mechanism: '?ip4:192.0.2.1' },
    { why: 'no match and no redirect: neutral (§4.7)', domain: 'default.test', ip: '192.0.2.2', result: 'neutral', mechanism: null },
    { why: 'no SPF record (§4.5)', domain: 'nospf.test', ip: '192.0.2.1', result: 'none', mechanism: null },
    { why: 'NXDOMAIN (§4.3)', domain: 'nowhere.test', ip: '192.0.2.1', result: 'none', mechanism: null },
    { why: 'single-label domain (§4.3)', domain: 'localhost', ip: '192.0.2.1', result: 'none', mechanism: null },
    { why: 'unknown mechanism anywhere (§4.6)', domain: 'broken.test', ip: '192.0.2.1', result: 'permerror', mechanism: null },
    { why: 'two SPF records (§4.5)', domain: 'two.test', ip: '192.0.2.1', result: 'permerror', mechanism: null },
    { why: 'TXT lookup times out (§4.4)', domain: 'timeout.test', ip: '192.0.2.1', result: 'temperror', mechanism: null },
    { why: 'a lookup times out (§5)', domain: 'a-timeout.test', ip: '192.0.2.1', result: 'temperror', mechanism: null },
    { why: 'redirect after the mechanisms (§6.1)', domain: 'redirect.test', ip: '192.0.2.77', result: 'pass', mechanism: 'ip4:192.0.2.0/24' },
    { why: 'redirect target without SPF (§6.1)', domain: 'redirect-none.test', ip: '192.0.2.1', result: 'permerror', mechanism: null },
    { why: 'include target without SPF (§5.2)', domain: 'include-none.test', ip: '192.0.2.1', result: 'permerror', mechanism: null },
    { why: 'include passes a permerror up (§5.2)', domain: 'include-perm.test', ip: '192.0.2.1', result: 'permerror', mechanism: null },
    { why: 'dual CIDR, IPv4 /24', domain: 'dual.test', ip: '192.0.2.1', result: 'pass', mechanism: 'a:host.dual.test/24//64' },
    { why: 'dual CIDR, IPv6 /64', domain: 'dual.test', ip: '2001:db8:5::ffff', result: 'pass', mechanism: 'a:host.dual.test/24//64' },
    { why: 'dual CIDR, outside the IPv6 /64', domain: 'dual.test', ip: '2001:db8:6::1', result: 'fail', mechanism: '-all' },
    { why: 'an IPv4-mapped address is IPv4: ip6 never matches it (§5)', domain: 'mapped.test', ip: '::ffff:192.0.2.5', result: 'pass', mechanism: 'ip4:192.0.2.0/24' },
    { why: 'exists with %{ir} and %{l}', domain: 'exists.test', ip: '192.0.2.10', sender: 'alice@exists.test', result: 'pass', mechanism: 'exists:%{ir}.%{l}.allow.exists.test' },
    { why: 'exists finds nothing', domain: 'exists.test', ip: '192.0.2.10', sender: 'bob@exists.test', result: 'fail', mechanism: '-all' },
    { why: 'ptr with a validated name (§5.5)', domain: 'ptr.test', ip: '192.0.2.10', result: 'pass', mechanism: 'ptr' },
    { why: 'ptr: a failed PTR lookup does not match (§5.5)', domain: 'ptr.test', ip: '192.0.2.11', result: 'fail', mechanism: '-all' },
    { why: 'HELO identity for an empty sender (§2.4)', domain: 'helo.test', ip: '192.0.2.25', sender: '', result: 'pass', mechanism: 'a:%{h}' },
    { why: 'a third void lookup (§4.6.4)', domain: 'voids.test', ip: '192.0.2.1', result: 'permerror', mechanism: null },
    { why: 'an 11th DNS-querying term (§4.6.4)', domain: 'eleven.test', ip: '192.0.2.1', result: 'permerror', mechanism: null },
    { why: 'more than 10 MX names (§4.6.4)', domain: 'manymx.test', ip: '192.0.2.1', result: 'permerror', mechanism: null },
  ])('$why: $domain from $ip → $result', async ({ domain, ip, sender, result, mechanism }) => {
    const outcome = await run({ domain, ip, sender: sender ?? `someone@${domain}` });
    expect(outcome.result, outcome.reason).toBe(result);
    expect(outcome.mechanism).toBe(mechanism);
  });
});

describe('explanations (§6.2)', () => {
  it.each([
    {
      why: 'exp= with c, d, s, h, v, r and t expanded',
      input: { domain: 'example.test', ip: '198.51.100.99', sender: 'me@example.test' },
      text: '198.51.100.99 may not send for example.test (me@example.test, mta.helo.test, in-addr, mx.receiver.test, 1700000000)',
      source: 'exp',
    },
    {
      why: 'IPv6 %{c} in RFC 5952 form',
      input: { domain: 'example.test', ip: '2001:DB8:0:0:0:0:0:99', sender: 'me@example.test' },
      text: '2001:db8::99 may not send for example.test (me@example.test, mta.helo.test, ip6, mx.receiver.test, 1700000000)',
      source: 'exp',
    },
    { why: 'a bad explain-string falls back to the default', input: { domain: 'bad-exp.test', ip: '192.0.2.1', sender: 'me@bad-exp.test' }, text: '192.0.2.1 is not authorized to send mail as me@bad-exp.test', source: 'default' },
    { why: 'upper-case macros are URL-escaped', input: { domain: 'upper.test', ip: '192.0.2.1', sender: 'a b@upper.test' }, text: 'see https://example.test/?s=a%20b%40upper.test', source: 'exp' },
  ])('$why', async ({ input, text, source }) => {
    const outcome = await run(input);
    expect(outcome.result).toBe('fail');
    expect(outcome.explanation).toBe(text);
    expect(outcome.explanationSource).toBe(source);
  });

  it('fetches exp= only for a fail, and never counts it as a lookup', async () => {
    const resolver = zoneResolver(ZONE);
    const pass = await checkHost({ domain: 'example.test', ip: '192.0.2.1', sender: 'x@example.test' }, resolver);
    expect(pass.explanation).toBeNull();
    expect(resolver.asked).not.toContain('TXT why.example.test');
    const fail = await checkHost({ domain: 'example.test', ip: '198.51.100.99', sender: 'x@example.test' }, resolver);
    expect(resolver.asked).toContain('TXT why.example.test');
    expect(fail.lookups).toBe(3);
  });
});

describe('trace and counters', () => {
  it('records each step in evaluation order, an include before the record it leads to', async () => {
    const outcome = await run({ domain: 'example.test', ip: '203.0.113.9', sender: 'x@example.test' });
    expect(outcome.trace.map((s) => `${s.depth} ${s.outcome} ${s.term ?? s.domain} ${s.lookups}`)).toEqual([
      '0 record example.test 0',
      '0 no-match a 1',
      '0 no-match mx 2',
      '0 match include:_spf.provider.test 3',
      '1 record _spf.provider.test 3',
      '1 match ip4:203.0.113.0/24 3',
    ]);
    expect(outcome).toMatchObject({ lookups: 3, voidLookups: 0, mechanismDomain: 'example.test' });
  });

  it('shows the error at the term that caused it', async () => {
    const outcome = await run({ domain: 'voids.test', ip: '192.0.2.1', sender: 'x@voids.test' });
    expect(outcome.trace.at(-1)).toMatchObject({ term: 'a:v3.test', outcome: 'error' });
    expect(outcome.voidLookups).toBe(3);
  });

  it('rejects an address that is not IPv4 or IPv6', async () => {
    await expect(run({ domain: 'example.test', ip: '192.0.2.256' })).rejects.toThrow(TypeError);
  });
});

describe('helpers', () => {
  it.each([
    ['192.0.2.1', '192.0.2.1', '192.0.2.1', '1.2.0.192.in-addr.arpa'],
    ['::FFFF:192.0.2.1', '192.0.2.1', '192.0.2.1', '1.2.0.192.in-addr.arpa'],
    ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1', '2.0.0.1.0.D.B.8.0.0.0.0.0.0.0.0.0.0.0.1.0.0.0.0.0.0.0.0.0.0.0.1', '1.0.0.0.0.0.0.0.0.0.0.0.1.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa'],
  ])('client IP %s → %s, %{i} %s, PTR name %s', (input, text, dotted, reverse) => {
    expect(parseClientIp(input)).toMatchObject({ text, dotted, reverseName: reverse });
  });

  it.each([
    [undefined, 'mta.test', 'postmaster@mta.test'],
    ['', 'mta.test', 'postmaster@mta.test'],
    ['@example.test', 'mta.test', 'postmaster@example.test'],
    ['a@b@example.test', 'mta.test', 'a@b@example.test'],
  ])('sender %j with HELO %s → %s', (sender, helo, expected) => {
    expect(senderIdentity(sender, helo, 'fallback.test').sender).toBe(expected);
  });

  it.each([
    ['example.test', null],
    ['localhost', 'single label'],
    ['a..example.test', 'empty label'],
    [`${'x'.repeat(64)}.test`, 'longer than 63'],
    ['[192.0.2.1]', 'top-level label'],
    ['192.0.2.1', 'top-level label'],
  ])('§4.3 domain %s → %s', (domain, problem) => {
    const found = domainProblem(domain);
    if (problem === null) expect(found).toBeNull();
    else expect(found).toContain(problem);
  });
});
