import { describe, expect, it } from 'vitest';
import { ZoneParseError } from '../../src/zone/lexer.js';
import { parseZone } from '../../src/zone/parser.js';
import { FixtureZones } from '../fixture-server/fixture-zones.js';
import { parseFixtureZone } from '../fixture-server/index.js';

const ORIGIN = '$ORIGIN example.test.\n';
const only = (text: string) => {
  const { records } = parseZone(ORIGIN + text);
  expect(records).toHaveLength(1);
  const [{ file: _file, line: _line, ...record }] = records as [(typeof records)[number]];
  return record;
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
    ['TTL in BIND units', 'www 1h30m A 192.0.2.1', { ttl: 5400 }],
    ['TTL in upper-case units', 'www 2W IN A 192.0.2.1', { ttl: 1_209_600 }],
    ['AAAA in RFC 5952 form', 'v6 AAAA 2001:DB8:0:0::0:1', { data: '2001:db8::1' }],
    ['TLSA with data split by blanks', '_25._tcp.mx TLSA 3 1 1 ( 0123ABcd\n ef01 )', { type: 'TLSA', data: { usage: 3, selector: 1, matchingType: 1, certificate: '0123abcdef01' } }],
    ['DNAME', 'old DNAME new.test.', { type: 'DNAME', data: 'new.test' }],
    ['a type kept as written', 's SRV 0 5 25 mx', { type: 'OTHER', rrtype: 'SRV', data: '0 5 25 mx' }],
    ['RFC 3597 type and class', 'x CLASS1 TYPE65534 \\# 1 00', { type: 'OTHER', rrtype: 'TYPE65534', data: '\\# 1 00' }],
    ['wildcard owner', '* TXT "v=spf1 -all"', { name: '*.example.test' }],
  ])('%s', (_, line, expected) => {
    expect(only(line)).toMatchObject(expected);
  });

  it('$TTL, continued owners, and line numbers in records', () => {
    const { records } = parseZone('$TTL 60\n$ORIGIN example.test.\n\nwww A 192.0.2.1\n    A 192.0.2.2\n', { file: 'z.zone' });
    expect(records.map(({ name, ttl, file, line }) => ({ name, ttl, file, line }))).toEqual([
      { name: 'www.example.test', ttl: 60, file: 'z.zone', line: 4 },
      { name: 'www.example.test', ttl: 60, file: 'z.zone', line: 5 },
    ]);
  });

  it('a relative $ORIGIN is appended to the current one', () => {
    expect(parseZone('$ORIGIN test.\n$ORIGIN example\nwww A 192.0.2.1').records[0]?.name).toBe('www.example.test');
  });

  it('$INCLUDE reads through the injected reader, with its own origin, and restores the origin after it', () => {
    const files: Record<string, string> = { 'sub.zone': 'www A 192.0.2.1\n$ORIGIN elsewhere.test.\nx A 192.0.2.2\n' };
    const include = (written: string) => ({ file: written, bytes: Buffer.from(files[written] ?? '') });
    const zone = parseZone('$ORIGIN example.test.\n$INCLUDE sub.zone sub\nafter A 192.0.2.3\n', { file: 'main.zone', include });
    expect(zone.records.map(({ name, file, line }) => `${name} ${file}:${line}`)).toEqual([
      'www.sub.example.test sub.zone:1',
      'x.elsewhere.test sub.zone:3',
      'after.example.test main.zone:3',
    ]);
  });

  it('$INCLUDE errors name the including line', () => {
    const include = (written: string) => {
      if (written === 'loop.zone') return { file: 'loop.zone', bytes: Buffer.from('$INCLUDE loop.zone\n') };
      throw new Error('outside the zone file\'s folder');
    };
    expect(() => parseZone('$ORIGIN a.test.\n$INCLUDE ../etc/passwd\n', { file: 'z.zone', include })).toThrow(/z\.zone:2: \$INCLUDE \.\.\/etc\/passwd: outside/);
    expect(() => parseZone('$INCLUDE loop.zone\n', { file: 'z.zone', include })).toThrow(/loop\.zone:1: \$INCLUDE nested more than 16 deep/);
    expect(() => parseZone('$INCLUDE x.zone\n', { file: 'z.zone' })).toThrow(/z\.zone:1: \$INCLUDE is not allowed here/);
  });
});

describe('fixture server FAULT lines', () => {
  const faultAt = (line: string) => new FixtureZones([parseFixtureZone(ORIGIN + line, 'z.zone')]).faultFor('t.example.test', 'TXT');

  it.each<[string, object]>([
    ['t FAULT timeout', { name: 't.example.test', mode: 'timeout', argument: undefined, types: [] }],
    ['t FAULT servfail txt MX', { mode: 'servfail', types: ['TXT', 'MX'] }],
    ['t FAULT delay=250', { mode: 'delay', argument: '250' }],
    ['t FAULT TRUNCATE-TCP-CLOSE', { mode: 'truncate-tcp-close' }],
  ])('%s', (line, expected) => {
    expect(faultAt(line)).toEqual(expect.objectContaining(expected));
  });

  it.each<[string, RegExp]>([
    ['x FAULT explode', /z\.zone:2: unknown fault mode "explode"/],
    ['x FAULT delay', /needs an argument/],
    ['x FAULT delay=soon', /needs milliseconds/],
    ['x FAULT timeout=5', /takes no argument/],
    ['x FAULT timeout SPF', /unknown type "SPF"/],
  ])('%s is rejected', (line, error) => {
    expect(() => faultAt(line)).toThrow(error);
  });
});

describe('zone parser: bad lines are rejected with file:line', () => {
  it.each<[string, string, RegExp]>([
    ['unknown type', 'x TXTT "a"', /z\.zone:2: unknown record type "TXTT"/],
    ['a type with no data', 'x SRV', /SRV needs data/],
    ['generic data for a checked type', 'x TXT \\# 2 0161', /generic data .* not supported for TXT/],
    ['TLSA data not hex', 'x TLSA 3 1 1 xyz', /even number of hex digits/],
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
    ['RFC 3597 class other than IN', 'x CLASS3 TXT "a"', /class CLASS3 is not supported/],
    ['unknown directive', '$GENERATE 1-2 h$ A 192.0.2.$', /unsupported directive \$GENERATE/],
    ['$TTL not a number', '$TTL 1x', /"1x" is not a TTL/],
    ['TTL over 2^31-1', 'x 9999999999 A 192.0.2.1', /not a number from 0 to 2147483647/],
    ['unbalanced parenthesis', 'x TXT "a" )', /unbalanced/],
    ['unclosed parenthesis', 'x TXT ( "a"', /unclosed/],
    ['empty label', 'a..b A 192.0.2.1', /empty or over-long label/],
    ['escape in a name', 'a\\.b A 192.0.2.1', /escapes in names/],
    ['continuation before any owner', '  A 192.0.2.1', /no previous owner/],
  ])('%s', (_, line, error) => {
    const parse = () => parseZone(ORIGIN + line, { file: 'z.zone' });
    expect(parse).toThrow(ZoneParseError);
    expect(parse).toThrow(error);
  });

  it.each([
    ['relative name without $ORIGIN', 'www A 192.0.2.1', /z\.zone:1: relative name "www" used before \$ORIGIN/],
    ['@ without $ORIGIN', '@ A 192.0.2.1', /"@" used before \$ORIGIN/],
  ])('%s', (_, text, error) => {
    expect(() => parseZone(text, { file: 'z.zone' })).toThrow(error);
  });
});
