import { describe, expect, it } from 'vitest';
import { isSpfRecord, parseSpfRecord } from '../../src/spf/parse.js';
import type { SpfTerm } from '../../src/spf/record.js';

/** The fields of a term a reader compares, without token detail. */
function summary(term: SpfTerm): Record<string, unknown> {
  const { raw: _raw, ...rest } = term;
  if ('domain' in rest) return { ...rest, domain: rest.domain?.raw ?? null };
  if ('value' in rest) return { ...rest, value: rest.value.length };
  if ('address' in rest) return { ...rest, address: rest.address.length };
  return rest;
}

describe('isSpfRecord (RFC 7208 §4.5)', () => {
  it.each([
    ['v=spf1', true],
    ['v=spf1 -all', true],
    ['V=SPF1 -all', true],
    ['v=SpF1 ~all', true],
    ['v=spf1 ', true],
    ['v=spf10', false],
    ['v=spf1-all', false],
    ['v=spf1\t-all', false],
    [' v=spf1 -all', false],
    ['spf1 -all', false],
    ['v=DMARC1; p=none', false],
    ['', false],
  ])('%j → %s', (text, expected) => {
    expect(isSpfRecord(text)).toBe(expected);
  });
});

describe('parseSpfRecord: valid records', () => {
  it.each<[string, Record<string, unknown>[]]>([
    ['v=spf1', []],
    ['v=spf1 -all', [{ kind: 'all', qualifier: '-' }]],
    ['V=SPF1 ALL', [{ kind: 'all', qualifier: '+' }]],
    ['v=spf1 ?all', [{ kind: 'all', qualifier: '?' }]],
    ['v=spf1 a  -all', [{ kind: 'a', qualifier: '+', domain: null, cidr4: 32, cidr6: 128 }, { kind: 'all', qualifier: '-' }]],
    ['v=spf1 -all ', [{ kind: 'all', qualifier: '-' }]],
    ['v=spf1 include:_spf.example.com', [{ kind: 'include', qualifier: '+', domain: '_spf.example.com' }]],
    ['v=spf1 ~Include:Example.COM', [{ kind: 'include', qualifier: '~', domain: 'Example.COM' }]],
    ['v=spf1 a:mail.example.com', [{ kind: 'a', qualifier: '+', domain: 'mail.example.com', cidr4: 32, cidr6: 128 }]],
    ['v=spf1 a/24', [{ kind: 'a', qualifier: '+', domain: null, cidr4: 24, cidr6: 128 }]],
    ['v=spf1 a//64', [{ kind: 'a', qualifier: '+', domain: null, cidr4: 32, cidr6: 64 }]],
    ['v=spf1 a/24//64', [{ kind: 'a', qualifier: '+', domain: null, cidr4: 24, cidr6: 64 }]],
    ['v=spf1 a:example.com/24//64', [{ kind: 'a', qualifier: '+', domain: 'example.com', cidr4: 24, cidr6: 64 }]],
    ['v=spf1 a//33 a/0 a//0', [
      { kind: 'a', qualifier: '+', domain: null, cidr4: 32, cidr6: 33 },
      { kind: 'a', qualifier: '+', domain: null, cidr4: 0, cidr6: 128 },
      { kind: 'a', qualifier: '+', domain: null, cidr4: 32, cidr6: 0 },
    ]],
    ['v=spf1 a:foo:bar/baz.example.com', [{ kind: 'a', qualifier: '+', domain: 'foo:bar/baz.example.com', cidr4: 32, cidr6: 128 }]],
    ['v=spf1 a:foo.example.xn--zckzah', [{ kind: 'a', qualifier: '+', domain: 'foo.example.xn--zckzah', cidr4: 32, cidr6: 128 }]],
    ['v=spf1 a:example.com.', [{ kind: 'a', qualifier: '+', domain: 'example.com.', cidr4: 32, cidr6: 128 }]],
    ['v=spf1 mx', [{ kind: 'mx', qualifier: '+', domain: null, cidr4: 32, cidr6: 128 }]],
    ['v=spf1 mx//64', [{ kind: 'mx', qualifier: '+', domain: null, cidr4: 32, cidr6: 64 }]],
    ['v=spf1 -mx:example.org/30', [{ kind: 'mx', qualifier: '-', domain: 'example.org', cidr4: 30, cidr6: 128 }]],
    ['v=spf1 ptr', [{ kind: 'ptr', qualifier: '+', domain: null }]],
    ['v=spf1 ?ptr:example.com', [{ kind: 'ptr', qualifier: '?', domain: 'example.com' }]],
    ['v=spf1 ip4:192.0.2.1', [{ kind: 'ip4', qualifier: '+', ip: '192.0.2.1', address: 4, cidr: 32 }]],
    ['v=spf1 ip4:192.0.2.0/24', [{ kind: 'ip4', qualifier: '+', ip: '192.0.2.0', address: 4, cidr: 24 }]],
    ['v=spf1 ip4:0.0.0.0/0', [{ kind: 'ip4', qualifier: '+', ip: '0.0.0.0', address: 4, cidr: 0 }]],
    ['v=spf1 ip6:2001:db8::/32', [{ kind: 'ip6', qualifier: '+', ip: '2001:db8::', address: 16, cidr: 32 }]],
    ['v=spf1 ip6:2001:DB8:0:0:0:0:0:1', [{ kind: 'ip6', qualifier: '+', ip: '2001:DB8:0:0:0:0:0:1', address: 16, cidr: 128 }]],
    ['v=spf1 ip6:::', [{ kind: 'ip6', qualifier: '+', ip: '::', address: 16, cidr: 128 }]],
    ['v=spf1 ip6:::1', [{ kind: 'ip6', qualifier: '+', ip: '::1', address: 16, cidr: 128 }]],
    ['v=spf1 ip6:fe80::/10', [{ kind: 'ip6', qualifier: '+', ip: 'fe80::', address: 16, cidr: 10 }]],
    ['v=spf1 ip6:::ffff:192.0.2.1', [{ kind: 'ip6', qualifier: '+', ip: '::ffff:192.0.2.1', address: 16, cidr: 128 }]],
    ['v=spf1 ip6:::1.1.1.1/0', [{ kind: 'ip6', qualifier: '+', ip: '::1.1.1.1', address: 16, cidr: 0 }]],
    ['v=spf1 ip6:Cafe:Babe:8000::/33', [{ kind: 'ip6', qualifier: '+', ip: 'Cafe:Babe:8000::', address: 16, cidr: 33 }]],
    ['v=spf1 exists:%{i}._spf.example.com', [{ kind: 'exists', qualifier: '+', domain: '%{i}._spf.example.com' }]],
    ['v=spf1 redirect=_spf.example.com', [{ kind: 'redirect', domain: '_spf.example.com' }]],
    ['v=spf1 REDIRECT=_spf.example.com', [{ kind: 'redirect', domain: '_spf.example.com' }]],
    ['v=spf1 -all exp=explain.%{d}', [{ kind: 'all', qualifier: '-' }, { kind: 'exp', domain: 'explain.%{d}' }]],
    ['v=spf1 moo.cow-far_out=man:dog/cat -all', [{ kind: 'modifier', name: 'moo.cow-far_out', value: 1 }, { kind: 'all', qualifier: '-' }]],
    ['v=spf1 default=pass', [{ kind: 'modifier', name: 'default', value: 1 }]],
    ['v=spf1 empty=', [{ kind: 'modifier', name: 'empty', value: 0 }]],
    ['v=spf1 x=%{d}%%', [{ kind: 'modifier', name: 'x', value: 2 }]],
  ])('%j', (record, expected) => {
    const parsed = parseSpfRecord(record);
    expect(parsed.errors).toEqual([]);
    expect(parsed.terms.map(summary)).toEqual(expected);
  });

  it.each([
    ['a:%{d}', '%{d}'],
    ['a:%{d2}.example.com', '%{d2}.example.com'],
    ['a:%{ir}.%{v}._spf.%{d}', '%{ir}.%{v}._spf.%{d}'],
    ['exists:%{l2r-}.user.%{d2}', '%{l2r-}.user.%{d2}'],
    ['exists:%{l2r+-}.user.%{d2}', '%{l2r+-}.user.%{d2}'],
    ['exists:%{S}.%{L}.%{O}.%{D}.%{I}.%{P}.%{V}.%{H}.example.com', '%{S}.%{L}.%{O}.%{D}.%{I}.%{P}.%{V}.%{H}.example.com'],
    ['exists:%{i.-+,/_=}.example.com', '%{i.-+,/_=}.example.com'],
    ['a:macro%%percent%_%_space%-url-space.example.com', 'macro%%percent%_%_space%-url-space.example.com'],
    ['a:foo%%', 'foo%%'],
    ['redirect=%{d}.d.spf.example.com.', '%{d}.d.spf.example.com.'],
  ])('macro domain-spec %j', (term, domain) => {
    const parsed = parseSpfRecord(`v=spf1 ${term}`);
    expect(parsed.errors).toEqual([]);
    const [first] = parsed.terms;
    expect(first && 'domain' in first ? first.domain?.raw : undefined).toBe(domain);
  });

  it('keeps macro tokens with their transformers', () => {
    const [term] = parseSpfRecord('v=spf1 exists:%{I2R-}x%%.%{d}.example.com').terms;
    expect(term?.kind).toBe('exists');
    expect(term && 'domain' in term ? term.domain?.tokens : null).toEqual([
      { kind: 'macro', letter: 'i', urlEscape: true, keep: 2, reverse: true, delimiters: '-' },
      { kind: 'literal', text: 'x' },
      { kind: 'escape', raw: '%%', text: '%' },
      { kind: 'literal', text: '.' },
      { kind: 'macro', letter: 'd', urlEscape: false, keep: null, reverse: false, delimiters: '.' },
      { kind: 'literal', text: '.example.com' },
    ]);
  });

  it('exposes redirect and exp', () => {
    const parsed = parseSpfRecord('v=spf1 redirect=a.example exp=b.example');
    expect(parsed.redirect?.domain.raw).toBe('a.example');
    expect(parsed.exp?.domain.raw).toBe('b.example');
  });
});

describe('parseSpfRecord: invalid records', () => {
  it.each([
    ['v=spf10', 'v=spf10'],
    ['v=spf1 ip4:1.2.3.4 -all moo', 'moo'],
    ['v=spf1 moo.cow/far_out=man:dog/cat -all', 'moo.cow/far_out=man:dog/cat'],
    ['v=spf1 moo.cow:far_out=man:dog/cat -all', 'moo.cow:far_out=man:dog/cat'],
    ['v=spf1 1up=foo', '1up=foo'],
    ['v=spf1 =all', '=all'],
    ['v=spf1 foo=%abc', 'foo=%abc'],
    ['v=spf1 ip4:1.2.3.4 redirect:t2.example.com', 'redirect:t2.example.com'],
    ['v=spf1 -all.', '-all.'],
    ['v=spf1 -all:foobar', '-all:foobar'],
    ['v=spf1 -all/8', '-all/8'],
    ['v=spf1 + -all', '+'],
    ['v=spf1 !a -all', '!a'],
    ['v=spf1 a:foo-bar -all', 'a:foo-bar'],
    ['v=spf1 a:museum', 'a:museum'],
    ['v=spf1 a:museum.', 'a:museum.'],
    ['v=spf1 a:111.222.33.44', 'a:111.222.33.44'],
    ['v=spf1 a:abc.123', 'a:abc.123'],
    ['v=spf1 a:example.-com', 'a:example.-com'],
    ['v=spf1 a:example.com:8080', 'a:example.com:8080'],
    ['v=spf1 a:', 'a:'],
    ['v=spf1 a/33 -all', 'a/33'],
    ['v=spf1 a//129 -all', 'a//129'],
    ['v=spf1 a/24/64 -all', 'a/24/64'],
    ['v=spf1 a/032', 'a/032'],
    ['v=spf1 a:foo.example.com\0', 'a:foo.example.com\0'],
    ['v=spf1 mx: -all', 'mx:'],
    ['v=spf1 mx//129', 'mx//129'],
    ['v=spf1 ptr/0 -all', 'ptr/0'],
    ['v=spf1 ptr:', 'ptr:'],
    ['v=spf1 include +all', 'include'],
    ['v=spf1 include: -all', 'include:'],
    ['v=spf1 include:ip5.example.com/24 -all', 'include:ip5.example.com/24'],
    ['v=spf1 exists', 'exists'],
    ['v=spf1 exists:mail.example.com/24', 'exists:mail.example.com/24'],
    ['v=spf1 ip4', 'ip4'],
    ['v=spf1 ip4:1.2.3.4/33', 'ip4:1.2.3.4/33'],
    ['v=spf1 ip4:1.2.3.4/032', 'ip4:1.2.3.4/032'],
    ['v=spf1 ip4:1.2.3.4//32', 'ip4:1.2.3.4//32'],
    ['v=spf1 ip4:1.2.3.4:8080', 'ip4:1.2.3.4:8080'],
    ['v=spf1 ip4:1.2.3', 'ip4:1.2.3'],
    ['v=spf1 ip4:256.1.1.1', 'ip4:256.1.1.1'],
    ['v=spf1 ip4:01.2.3.4', 'ip4:01.2.3.4'],
    ['v=spf1 -all ip6', 'ip6'],
    ['v=spf1 ip6:::1.1.1.1/129', 'ip6:::1.1.1.1/129'],
    ['v=spf1 ip6:::1.1.1.1//33', 'ip6:::1.1.1.1//33'],
    ['v=spf1 ip6::CAFE::BABE', 'ip6::CAFE::BABE'],
    ['v=spf1 ip6:1::2::3', 'ip6:1::2::3'],
    ['v=spf1 ip6:1:2:3:4:5:6:7', 'ip6:1:2:3:4:5:6:7'],
    ['v=spf1 ip6:1:2:3:4:5:6:7:8:9', 'ip6:1:2:3:4:5:6:7:8:9'],
    ['v=spf1 ip6:1:2:3:4:5:6:7::8', 'ip6:1:2:3:4:5:6:7::8'],
    ['v=spf1 ip6:12345::', 'ip6:12345::'],
    ['v=spf1 ip6:1.2.3.4::', 'ip6:1.2.3.4::'],
    ['v=spf1 ip6:fe80::1%eth0', 'ip6:fe80::1%eth0'],
    ['v=spf1 ip6:192.0.2.1', 'ip6:192.0.2.1'],
    ['v=spf1 -exists:%(ir).sbl.example.com ?all', '-exists:%(ir).sbl.example.com'],
    ['v=spf1 exists:foo%.sbl.example.com', 'exists:foo%.sbl.example.com'],
    ['v=spf1 exists:foo.example.com%', 'exists:foo.example.com%'],
    ['v=spf1 a:%{a}.example.com -all', 'a:%{a}.example.com'],
    ['v=spf1 -all exp=%{r}.example.com', 'exp=%{r}.example.com'],
    ['v=spf1 exists:%{c}.example.com', 'exists:%{c}.example.com'],
    ['v=spf1 exists:%{t}.example.com', 'exists:%{t}.example.com'],
    ['v=spf1 exists:%{d0}.example.com', 'exists:%{d0}.example.com'],
    ['v=spf1 exists:%{dx}.example.com', 'exists:%{dx}.example.com'],
    ['v=spf1 exists:%{d.example.com', 'exists:%{d.example.com'],
    ['v=spf1 a:%{d}.', 'a:%{d}.'],
    ['v=spf1 exp= -all', 'exp='],
    ['v=spf1 exp=-all', 'exp=-all'],
    ['v=spf1 redirect=-all ?all', 'redirect=-all'],
    ['v=spf1 ?all redirect=', 'redirect='],
    ['v=spf1 redirect=a.example -all redirect=a.example', 'redirect=a.example'],
    ['v=spf1 exp=a.example -all exp=b.example', 'exp=b.example'],
    ['v=spf1 a:ctrl.example.com\rptr -all', 'a:ctrl.example.com\rptr'],
    ['v=spf1 ip4:192.0.2.5\n include:example.org ~all', 'ip4:192.0.2.5\n'],
    ['v=spf1 \u0080a:example.net -all', '\u0080a:example.net'],
    ['v=spf1 a:\uFEFFgarbage.example.net -all', 'a:\uFEFFgarbage.example.net'],
  ])('%j fails at %j', (record, term) => {
    const { errors } = parseSpfRecord(record);
    expect(errors.map((e) => e.term)).toEqual([term]);
    expect(errors[0]?.detail).toContain(JSON.stringify(term));
  });

  it('reports every malformed term and keeps the well-formed ones', () => {
    const parsed = parseSpfRecord('v=spf1 ip4:1.2.3.4/33 include:_spf.example.com foo:bar -all');
    expect(parsed.errors.map((e) => e.term)).toEqual(['ip4:1.2.3.4/33', 'foo:bar']);
    expect(parsed.terms.map((t) => t.raw)).toEqual(['include:_spf.example.com', '-all']);
  });

  it.each([
    ['v=spf1 a:1.2.3.4', 'ip4:'],
    ['v=spf1 redirect:example.com', 'redirect='],
    ['v=spf1 exp=%{c}.example.com', 'explanation'],
  ])('%j explains the likely mistake (%s)', (record, hint) => {
    expect(parseSpfRecord(record).errors[0]?.detail).toContain(hint);
  });
});
