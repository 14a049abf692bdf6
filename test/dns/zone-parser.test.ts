import { describe, expect, it } from 'vitest';
import { parseZone, ZoneParseError } from '../fixture-server/index.js';

const ORIGIN = '$ORIGIN example.test.\n';
const only = (text: string) => {
  const { records } = parseZone(ORIGIN + text);
  expect(records).toHaveLength(1);
  const [{ name, type, ttl, data }] = records as [(typeof records)[number]];
  return { name, type, ttl, data };
};
const txt = (...strings: string[]) => strings.map((s) => Buffer.from(s, 'latin1'));

describe('zone parser: good lines', () => {
  it.each<[string, string, object]>([
    ['@ relative to $ORIGIN', '@ A 192.0.2.1', { name: 'example.test', type: 'A', ttl: 3600, data: '192.0.2.1' }],
    ['relative name', 'www A 192.0.2.1', { name: 'www.example.test' }],
    ['absolute name, lower-cased', 'WWW.Other.TEST. A 192.0.2.1', { name: 'www.other.test' }],
    ['TTL and class in either order', 'www IN 60 A 192.0.2.1', { ttl: 60 }],
    ['TTL then class', 'www 60 IN A 192.0.2.1', { ttl: 60 }],
    ['lower-case type', 'www a 192.0.2.1', { type: 'A' }],
    ['AAAA', 'v6 AAAA 2001:db8::1', { type: 'AAAA', data: '2001:db8::1' }],
    ['MX with relative exchange', '@ MX 10 mx', { type: 'MX', data: { preference: 10, exchange: 'mx.example.test' } }],
    ['CNAME absolute', 'w CNAME Target.Test.', { type: 'CNAME', data: 'target.test' }],
    ['PTR', 'p PTR host', { type: 'PTR', data: 'host.example.test' }],
    ['NS', '@ NS ns1', { type: 'NS', data: 'ns1.example.test' }],
    ['SOA', '@ SOA ns hostmaster 1 2 3 4 5', { type: 'SOA', data: { mname: 'ns.example.test', rname: 'hostmaster.example.test', serial: 1, refresh: 2, retry: 3, expire: 4, minimum: 5 } }],
    ['TXT with ; inside quotes and a trailing comment', '_dmarc TXT "v=DMARC1; p=none" ; comment', { data: txt('v=DMARC1; p=none') }],
    ['TXT with several strings', 't TXT "a" "b c" ""', { data: txt('a', 'b c', '') }],
    ['TXT escapes', 't TXT "q\\"uote" "back\\\\slash" "\\059\\255"', { data: txt('q"uote', 'back\\slash', ';\xff') }],
    ['TXT bare word', 't TXT v=spf1', { data: txt('v=spf1') }],
    ['TXT of exactly 255 bytes', `t TXT "${'x'.repeat(255)}"`, { data: txt('x'.repeat(255)) }],
    ['TXT non-ASCII stored as UTF-8', 't TXT "café"', { data: [Buffer.from('café', 'utf8')] }],
    ['parentheses across lines', 't TXT ( "one" ; first\n  "two" )', { data: txt('one', 'two') }],
  ])('%s', (_, line, expected) => {
    expect(only(line)).toMatchObject(expected);
  });

  it('$TTL, continued owners, and line numbers in records', () => {
    const { records } = parseZone('$TTL 60\n$ORIGIN example.test.\n\nwww A 192.0.2.1\n    A 192.0.2.2\n', 'z.zone');
    expect(records.map(({ name, ttl, file, line }) => ({ name, ttl, file, line }))).toEqual([
      { name: 'www.example.test', ttl: 60, file: 'z.zone', line: 4 },
      { name: 'www.example.test', ttl: 60, file: 'z.zone', line: 5 },
    ]);
  });

  it('a relative $ORIGIN is appended to the current one', () => {
    expect(parseZone('$ORIGIN test.\n$ORIGIN example\nwww A 192.0.2.1').records[0]?.name).toBe('www.example.test');
  });

  it.each<[string, object]>([
    ['t FAULT timeout', { name: 't.example.test', mode: 'timeout', argument: undefined, types: [] }],
    ['t FAULT servfail txt MX', { mode: 'servfail', types: ['TXT', 'MX'] }],
    ['t FAULT delay=250', { mode: 'delay', argument: '250' }],
    ['t FAULT TRUNCATE-TCP-CLOSE', { mode: 'truncate-tcp-close' }],
  ])('fault: %s', (line, expected) => {
    expect(parseZone(ORIGIN + line).faults).toEqual([expect.objectContaining(expected)]);
  });
});

describe('zone parser: bad lines are rejected with file:line', () => {
  it.each<[string, string, RegExp]>([
    ['unknown type', 'x SRV 0 0 25 mx', /z\.zone:2: unknown record type "SRV"/],
    ['TXT string over 255 bytes', `x TXT "${'x'.repeat(256)}"`, /z\.zone:2: TXT string of 256 bytes exceeds 255/],
    ['unterminated string', 'x TXT "open', /z\.zone:2: unterminated quoted string/],
    ['escape above 255', 'x TXT "\\256"', /not a byte value/],
    ['bad IPv4', 'x A 192.0.2.300', /not an IPv4 address/],
    ['IPv6 in an A record', 'x A ::1', /not an IPv4 address/],
    ['bad IPv6', 'x AAAA 192.0.2.1', /not an IPv6 address/],
    ['MX without exchange', 'x MX 10', /MX needs 2 field/],
    ['MX preference out of range', 'x MX 70000 mx', /not a number from 0 to 65535/],
    ['missing type', 'x 300 IN', /missing record type/],
    ['other class', 'x CH TXT "a"', /only IN/],
    ['unknown directive', '$INCLUDE other.zone', /unsupported directive \$INCLUDE/],
    ['$TTL not a number', '$TTL 1h', /"1h" is not a number/],
    ['unbalanced parenthesis', 'x TXT "a" )', /unbalanced/],
    ['unclosed parenthesis', 'x TXT ( "a"', /unclosed/],
    ['empty label', 'a..b A 192.0.2.1', /empty or over-long label/],
    ['escape in a name', 'a\\.b A 192.0.2.1', /escapes in names/],
    ['unknown fault mode', 'x FAULT explode', /unknown fault mode "explode"/],
    ['fault argument missing', 'x FAULT delay', /needs an argument/],
    ['fault argument not a number', 'x FAULT delay=soon', /needs milliseconds/],
    ['fault argument where none is taken', 'x FAULT timeout=5', /takes no argument/],
    ['fault for an unknown type', 'x FAULT timeout SPF', /unknown type "SPF"/],
    ['continuation before any owner', '  A 192.0.2.1', /no previous owner/],
  ])('%s', (_, line, error) => {
    const parse = () => parseZone(ORIGIN + line, 'z.zone');
    expect(parse).toThrow(ZoneParseError);
    expect(parse).toThrow(error);
  });

  it.each([
    ['relative name without $ORIGIN', 'www A 192.0.2.1', /z\.zone:1: relative name "www" used before \$ORIGIN/],
    ['@ without $ORIGIN', '@ A 192.0.2.1', /"@" used before \$ORIGIN/],
  ])('%s', (_, text, error) => {
    expect(() => parseZone(text, 'z.zone')).toThrow(error);
  });
});
