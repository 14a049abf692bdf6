import { describe, expect, it } from 'vitest';
import { parseCidrLength, parseIp4, parseIp6 } from '../../src/spf/cidr.js';
import { parseDomainSpec, resolveTarget } from '../../src/spf/domain-spec.js';
import { expandMacros, parseMacroString } from '../../src/spf/macro.js';
import type { MacroValues } from '../../src/spf/macro.js';

// RFC 7208 §7.4 examples: sender strong-bad@email.example.com from 192.0.2.3.
const VALUES: MacroValues = {
  s: 'strong-bad@email.example.com',
  l: 'strong-bad',
  o: 'email.example.com',
  d: 'email.example.com',
  i: '192.0.2.3',
  v: 'in-addr',
  h: 'mx.example.org',
};

describe('expandMacros (RFC 7208 §7.4 examples)', () => {
  it.each([
    ['%{s}', 'strong-bad@email.example.com'],
    ['%{o}', 'email.example.com'],
    ['%{d}', 'email.example.com'],
    ['%{d4}', 'email.example.com'],
    ['%{d3}', 'email.example.com'],
    ['%{d2}', 'example.com'],
    ['%{d1}', 'com'],
    ['%{dr}', 'com.example.email'],
    ['%{d2r}', 'example.email'],
    ['%{l}', 'strong-bad'],
    ['%{l-}', 'strong.bad'],
    ['%{lr}', 'strong-bad'],
    ['%{lr-}', 'bad.strong'],
    ['%{l1r-}', 'strong'],
    ['%{ir}.%{v}._spf.%{d2}', '3.2.0.192.in-addr._spf.example.com'],
    ['%{lr-}.lp._spf.%{d2}', 'bad.strong.lp._spf.example.com'],
    ['%{lr-}.lp.%{ir}.%{v}._spf.%{d2}', 'bad.strong.lp.3.2.0.192.in-addr._spf.example.com'],
    ['%{ir}.%{v}.%{l1r-}.lp._spf.%{d2}', '3.2.0.192.in-addr.strong.lp._spf.example.com'],
    ['%{d2}.trusted-domains.example.net', 'example.com.trusted-domains.example.net'],
    ['%{S}', 'strong-bad%40email.example.com'],
    ['a%%b%_c%-d', 'a%b c%20d'],
  ])('%s → %s', (macro, expected) => {
    const parsed = parseMacroString(macro, 'record');
    expect(parsed.ok && expandMacros(parsed.tokens, VALUES)).toEqual({ ok: true, value: expected });
  });

  it('URL-escapes everything outside the unreserved set for upper-case letters', () => {
    const parsed = parseMacroString('%{L}', 'record');
    expect(parsed.ok && expandMacros(parsed.tokens, { l: "~jack&jill=up-a_b3.c!'()*" })).toEqual({
      ok: true,
      value: '~jack%26jill%3Dup-a_b3.c%21%27%28%29%2A',
    });
  });

  it('names the letters it has no value for', () => {
    const parsed = parseMacroString('%{i}.%{l}.%{d}.%{i}', 'record');
    expect(parsed.ok && expandMacros(parsed.tokens, { d: 'example.com' })).toEqual({ ok: false, missing: ['i', 'l'] });
  });
});

describe('parseMacroString contexts', () => {
  it.each([
    ['%{c}', 'record', false],
    ['%{c}', 'explanation', true],
    ['%{r} at %{t}', 'explanation', true],
    ['a b', 'record', false],
    ['a b', 'explanation', true],
    ['%{x}', 'explanation', false],
    ['%', 'explanation', false],
  ] as const)('%j in %s → %s', (text, context, ok) => {
    expect(parseMacroString(text, context).ok).toBe(ok);
  });
});

describe('resolveTarget', () => {
  const spec = (raw: string) => {
    const parsed = parseDomainSpec(raw);
    if (!parsed.ok) throw new Error(parsed.error);
    return parsed.spec;
  };

  it.each([
    [null, { kind: 'name', name: 'example.com' }],
    ['_spf.%{d}', { kind: 'name', name: '_spf.example.com' }],
    ['Mail.Example.ORG.', { kind: 'name', name: 'mail.example.org' }],
    ['%{i}._spf.%{d}', { kind: 'needs-macros', letters: ['i'] }],
    ['mail.example...com', { kind: 'malformed', name: 'mail.example...com' }],
    [`${'a'.repeat(64)}.example.com`, { kind: 'malformed', name: `${'a'.repeat(64)}.example.com` }],
  ])('%j', (raw, expected) => {
    expect(resolveTarget(raw === null ? null : spec(raw), { d: 'example.com' })).toEqual(expected);
  });

  it('drops labels from the left past 253 characters (§7.3)', () => {
    const long = `${'abcdefghi.'.repeat(30)}example.com`;
    const target = resolveTarget(spec(long), { d: 'example.com' });
    expect(target.kind === 'name' && target.name.length).toBeLessThanOrEqual(253);
    expect(target.kind === 'name' && target.name.endsWith('abcdefghi.example.com')).toBe(true);
  });
});

describe('addresses and prefix lengths', () => {
  it.each([
    ['::', [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]],
    ['::ffff:192.0.2.1', [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 192, 0, 2, 1]],
    ['2001:db8::1', [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]],
    ['1:2:3:4:5:6:7::', [0, 1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6, 0, 7, 0, 0]],
    ['1:2:3:4:5:6:1.2.3.4', [0, 1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6, 1, 2, 3, 4]],
  ])('parseIp6(%j)', (text, bytes) => {
    expect(parseIp6(text)).toEqual(bytes);
  });

  it.each(['', ':', ':::', '1::2::3', ':1::', '1:::2', 'g::', '1:2:3:4:5:6:7:8:9', '::1.2.3', '::1.2.3.4:5', '1:2:3:4:5:6:7:1.2.3.4'])(
    'parseIp6 rejects %j',
    (text) => {
      expect(parseIp6(text)).toBeNull();
    },
  );

  it.each([
    ['192.0.2.1', [192, 0, 2, 1]],
    ['0.0.0.0', [0, 0, 0, 0]],
    ['255.255.255.255', [255, 255, 255, 255]],
    ['1.2.3', null],
    ['1.2.3.4.5', null],
    ['01.2.3.4', null],
    ['256.0.0.1', null],
    ['1.2.3.-4', null],
  ])('parseIp4(%j)', (text, expected) => {
    expect(parseIp4(text)).toEqual(expected);
  });

  it.each([
    ['0', 32, 0],
    ['32', 32, 32],
    ['33', 32, null],
    ['128', 128, 128],
    ['129', 128, null],
    ['032', 32, null],
    ['', 32, null],
    ['1e1', 32, null],
  ] as const)('parseCidrLength(%j, %d)', (digits, max, expected) => {
    expect(parseCidrLength(digits, max)).toBe(expected);
  });
});
