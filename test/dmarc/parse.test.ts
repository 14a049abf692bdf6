import { describe, expect, it } from 'vitest';
import type { DmarcIssueKind } from '../../src/dmarc/issues.js';
import { isDmarcRecord, parseDmarcRecord, type DmarcDisposition } from '../../src/dmarc/parse.js';
import type { DmarcRecord } from '../../src/dmarc/types.js';

const kinds = (issues: { kind: DmarcIssueKind }[]): DmarcIssueKind[] => issues.map((i) => i.kind);

describe('isDmarcRecord', () => {
  it.each([
    ['v=DMARC1; p=none', true],
    ['v=DMARC1', true],
    ['v=DMARC1;', true],
    ['v = DMARC1 ; p=none', true],
    ['v\t=\tDMARC1;p=none', true],
    ['V=DMARC1; p=none', true], // "v" is an ABNF quoted string: case-insensitive (RFC 5234 §2.3)
    ['v=DMARC1 p=none', true], // selected (a receiver may find it), then void: v's value is not "DMARC1"
    ['v=dmarc1; p=none', false], // %s"DMARC1" is case-sensitive
    ['v=DMARC10; p=none', false],
    ['v=DMARC2; p=none', false],
    [' v=DMARC1; p=none', false],
    ['p=none; v=DMARC1', false],
    ['v=spf1 -all', false],
    ['', false],
  ])('%j → %s', (text, expected) => {
    expect(isDmarcRecord(text)).toBe(expected);
  });
});

interface Row {
  errors?: DmarcIssueKind[];
  warnings?: DmarcIssueKind[];
  record?: Partial<DmarcRecord>;
  disposition?: DmarcDisposition;
}

describe('parseDmarcRecord: tags and values (RFC 9989 §4.7)', () => {
  it.each<[string, string, Row]>([
    ['minimal', 'v=DMARC1; p=none', { record: { p: 'none' } }],
    ['every current tag', 'v=DMARC1; p=reject; sp=quarantine; np=reject; psd=n; t=y; adkim=s; aspf=r; fo=d:s; rua=mailto:a@example.com; ruf=mailto:f@example.com',
      { record: { p: 'reject', sp: 'quarantine', np: 'reject', psd: 'n', t: 'y', adkim: 's', aspf: 'r', fo: 'd:s' } }],
    ['psd=y', 'v=DMARC1; p=none; psd=y', { record: { psd: 'y' } }],
    ['psd=u', 'v=DMARC1; p=none; psd=u', { record: { psd: 'u' } }],
    ['t=n', 'v=DMARC1; p=none; t=n', { record: { t: 'n' } }],
    ['fo=0', 'v=DMARC1; p=none; fo=0', { record: { fo: '0' } }],
    ['fo=1', 'v=DMARC1; p=none; fo=1', { record: { fo: '1' } }],
    ['fo with WSP around ":"', 'v=DMARC1; p=none; fo=0 : 1 : d', { record: { fo: '0:1:d' } }],
    ['values are case-insensitive', 'v=DMARC1; p=Reject; sp=NONE; adkim=S; t=Y', { record: { p: 'reject', sp: 'none', adkim: 's', t: 'y' } }],
    ['an upper-case V is the ABNF "v" (RFC 5234 §2.3)', 'V=DMARC1; p=quarantine', { record: { p: 'quarantine' } }],
    ['no spaces', 'v=DMARC1;p=reject;sp=none', { record: { p: 'reject', sp: 'none' } }],
    ['WSP around "=" and ";"', 'v = DMARC1 ;  p = reject ;\tsp\t=\tnone', { record: { p: 'reject', sp: 'none' } }],
    ['trailing ";"', 'v=DMARC1; p=none;', { record: { p: 'none' } }],
    ['trailing "; " and WSP', 'v=DMARC1; p=none; \t', { record: { p: 'none' } }],
    ['rua with several URIs', 'v=DMARC1; p=none; rua=mailto:a@example.com, mailto:b@example.net', { record: { p: 'none' } }],
  ])('%s', (_name, text, expected) => {
    const result = parseDmarcRecord(text);
    expect(result.isDmarc).toBe(true);
    expect(kinds(result.errors)).toEqual(expected.errors ?? []);
    expect(kinds(result.warnings)).toEqual(expected.warnings ?? []);
    expect(result.record).toMatchObject(expected.record ?? {});
    expect(result.disposition).toBe(expected.disposition ?? 'applies');
  });
});

describe('parseDmarcRecord: problems', () => {
  it.each<[string, string, Row]>([
    ['v=DMARC1 not first', 'p=none; v=DMARC1', { errors: ['not-dmarc'], disposition: 'void' }],
    ['v=dmarc1 is not DMARC', 'v=dmarc1; p=none', { errors: ['not-dmarc'], disposition: 'void' }],
    ['empty text', '', { errors: ['not-dmarc'], disposition: 'void' }],
    ['duplicate tag voids the record', 'v=DMARC1; p=reject; p=none', { errors: ['duplicate-tag'], disposition: 'void', record: { p: 'reject' } }],
    ['duplicate in other case', 'v=DMARC1; p=reject; P=reject', { errors: ['duplicate-tag'], disposition: 'void' }],
    ['tag names are case-sensitive (RFC 6376 §3.2)', 'v=DMARC1; P=quarantine; SP=reject', { errors: ['tag-case', 'tag-case'], disposition: 'disputed', record: { p: 'quarantine', sp: 'reject' } }],
    ['empty fragments ";;"', 'v=DMARC1;; p=none;;', { errors: ['malformed', 'malformed'], disposition: 'disputed', record: { p: 'none' } }],
    ['duplicate v', 'v=DMARC1; p=none; v=DMARC1', { errors: ['duplicate-tag'], disposition: 'void' }],
    ['duplicate unknown tag', 'v=DMARC1; p=none; x=1; x=2', { errors: ['duplicate-tag'], warnings: ['unknown-tag'], disposition: 'void' }],
    ['missing p and rua', 'v=DMARC1', { errors: ['missing-p'] }],
    ['missing p and rua, other tags', 'v=DMARC1; adkim=s', { errors: ['missing-p'] }],
    ['missing p with a valid rua (counts as p=none, RFC 9989 §4.7)', 'v=DMARC1; rua=mailto:a@example.com', { errors: [] }],
    ['bad p', 'v=DMARC1; p=bob', { errors: ['bad-value'], record: { p: undefined } }],
    ['p=n (abbreviation)', 'v=DMARC1; p=n', { errors: ['bad-value'] }],
    ['empty p', 'v=DMARC1; p=', { errors: ['bad-value'] }],
    ['bad sp', 'v=DMARC1; p=none; sp=bob', { errors: ['bad-value'], record: { sp: undefined } }],
    ['bad np', 'v=DMARC1; p=none; np=all', { errors: ['bad-value'] }],
    ['bad psd', 'v=DMARC1; p=none; psd=yes', { errors: ['bad-value'], record: { psd: undefined }, disposition: 'disputed' }],
    ['bad t', 'v=DMARC1; p=none; t=1', { errors: ['bad-value'], disposition: 'disputed' }],
    ['bad adkim', 'v=DMARC1; p=none; adkim=x', { errors: ['bad-value'], disposition: 'disputed' }],
    ['bad aspf', 'v=DMARC1; p=none; aspf=relaxed', { errors: ['bad-value'], disposition: 'disputed' }],
    ['bad fo', 'v=DMARC1; p=none; fo=2', { errors: ['bad-value'], disposition: 'disputed' }],
    ['fo=01', 'v=DMARC1; p=none; fo=01', { errors: ['bad-value'], disposition: 'disputed' }],
    ['fo with an empty option', 'v=DMARC1; p=none; fo=0:', { errors: ['bad-value'], disposition: 'disputed' }],
    ['value with inner space', 'v=DMARC1; p=re ject', { errors: ['bad-value'] }],
    ['missing ";" between tags: p swallows the next tag', 'v=DMARC1; p=reject adkim=s', { errors: ['bad-value'], record: { p: undefined } }],
    ['missing ";" after version', 'v=DMARC1 p=none', { errors: ['bad-version'], disposition: 'void', record: { p: undefined } }],
    ['a tab instead of ";" after version', 'v=DMARC1\tp=reject', { errors: ['bad-version'], disposition: 'void' }],
    ['another tag right after version', 'v=DMARC1 rua=mailto:a@example.com; p=reject', { errors: ['bad-version'], disposition: 'void' }],
    ['fragment without "="', 'v=DMARC1; p=none; fo:0', { errors: ['malformed'], record: { p: 'none' }, disposition: 'disputed' }],
    ['bare word', 'v=DMARC1; p=reject; reject', { errors: ['malformed'], record: { p: 'reject' }, disposition: 'disputed' }],
    ['fragment without a name', 'v=DMARC1; p=none; =x', { errors: ['malformed'], disposition: 'disputed' }],
    ['empty rua', 'v=DMARC1; p=none; rua=', { errors: ['bad-value'], disposition: 'disputed' }],
    ['rua not a URI', 'v=DMARC1; p=none; rua=reports@example.com', { errors: ['bad-uri'], disposition: 'disputed' }],
    ['rua with a bad address', 'v=DMARC1; p=none; rua=mailto://example.com', { errors: ['bad-uri'], disposition: 'disputed' }],
    ['rua with a bad domain', 'v=DMARC1; p=none; rua=mailto:a@exa_mple.com', { errors: ['bad-uri'], disposition: 'disputed' }],
    ['rua with a stray comma', 'v=DMARC1; p=none; rua=mailto:a@example.com,', { errors: ['bad-uri'], disposition: 'disputed' }],
    ['rua with an unencoded space', 'v=DMARC1; p=none; rua=mailto:a b@example.com', { errors: ['bad-uri'], disposition: 'disputed' }],
    ['rua with a bad "!"', 'v=DMARC1; p=none; rua=mailto:a!b@example.com', { errors: ['bad-uri'], disposition: 'disputed' }],
    ['rua with bad percent-encoding', 'v=DMARC1; p=none; rua=mailto:a%2@example.com', { errors: ['bad-uri'], disposition: 'disputed' }],
    ['ruf bad, rua good', 'v=DMARC1; p=none; rua=mailto:a@example.com; ruf=nope', { errors: ['bad-uri'], disposition: 'disputed' }],
    ['unknown tag', 'v=DMARC1; p=none; foo=bar', { warnings: ['unknown-tag'] }],
    ['tag name not alphabetic', 'v=DMARC1; p=none; ignore_me=true', { errors: ['malformed'], disposition: 'disputed' }],
    ['unknown tag with empty value', 'v=DMARC1; p=none; foo=', { warnings: ['unknown-tag'] }],
    ['legacy pct', 'v=DMARC1; p=reject; pct=50', { warnings: ['legacy-tag'], record: { pct: 50 } }],
    ['legacy pct out of range', 'v=DMARC1; p=reject; pct=500', { errors: ['bad-value'], warnings: ['legacy-tag'], record: { pct: undefined }, disposition: 'disputed' }],
    ['legacy rf', 'v=DMARC1; p=none; rf=afrf', { warnings: ['legacy-tag'], record: { rf: 'afrf' } }],
    ['legacy rf bad value', 'v=DMARC1; p=none; rf=bob', { errors: ['bad-value'], warnings: ['legacy-tag'], record: { rf: undefined }, disposition: 'disputed' }],
    ['legacy ri', 'v=DMARC1; p=none; ri=86400', { warnings: ['legacy-tag'], record: { ri: 86400 } }],
    ['legacy ri bad value', 'v=DMARC1; p=none; ri=daily', { errors: ['bad-value'], warnings: ['legacy-tag'], record: { ri: undefined }, disposition: 'disputed' }],
    ['legacy size suffix', 'v=DMARC1; p=none; rua=mailto:a@example.com!10m', { warnings: ['uri-size-limit'] }],
  ])('%s', (_name, text, expected) => {
    const result = parseDmarcRecord(text);
    expect(kinds(result.errors)).toEqual(expected.errors ?? []);
    expect(kinds(result.warnings)).toEqual(expected.warnings ?? []);
    expect(result.disposition).toBe(expected.disposition ?? 'applies');
    for (const [key, value] of Object.entries(expected.record ?? {})) {
      expect(result.record[key as keyof DmarcRecord]).toEqual(value);
    }
  });

  it('names the tag a missing ";" swallowed', () => {
    const [issue] = parseDmarcRecord('v=DMARC1; p=reject adkim=s; rua=mailto:a@example.com').errors;
    expect(issue?.detail).toContain('a ";" is missing before "adkim="');
  });

  it('points at the offending tag and caps long values', () => {
    const long = 'x'.repeat(5000);
    const result = parseDmarcRecord(`v=DMARC1; p=none; adkim=${long}`);
    const [issue] = result.errors;
    expect(issue?.position).toBe('v=DMARC1; p=none; '.length);
    expect(issue?.detail.length).toBeLessThan(200);
    expect(issue?.value?.length).toBeLessThan(100);
  });
});

describe('rua/ruf URIs', () => {
  it.each([
    ['mailto:Reports@Example.COM', { uri: 'mailto:Reports@Example.COM', scheme: 'mailto', domain: 'example.com' }],
    ['mailto:a@bücher.example', undefined], // non-ASCII must be percent-encoded in a URI
    ['mailto:a@b%C3%BCcher.example', { scheme: 'mailto', domain: 'xn--bcher-kva.example' }],
    ['mailto:user%20@example.com', { domain: 'example.com' }],
    ['mailto:dmarc@example.com?subject=report', { domain: 'example.com' }],
    ['https://reports.example.com/dmarc', { uri: 'https://reports.example.com/dmarc', scheme: 'https' }], // valid, no mailto domain
    ['mailto:a@example.com!10m', { uri: 'mailto:a@example.com', sizeLimit: '10m' }],
    ['mailto:a@example.com ! 2G', { uri: 'mailto:a@example.com', sizeLimit: '2g' }],
    ['mailto:a@example.com!500', { sizeLimit: '500' }],
  ])('%s', (uri, expected) => {
    const result = parseDmarcRecord(`v=DMARC1; p=none; rua=${uri}`);
    if (expected === undefined) {
      expect(kinds(result.errors)).toEqual(['bad-uri']);
      return;
    }
    expect(kinds(result.errors)).toEqual([]);
    expect(result.record.rua).toHaveLength(1);
    expect(result.record.rua[0]).toMatchObject(expected);
  });
});
