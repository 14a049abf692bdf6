import { generateKeyPairSync } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isKeyRecord, parseKeyRecord } from '../../src/checks/dkim/key-record.js';
import { probeDkim } from '../../src/checks/dkim/probe.js';
import { parseSelector, selectorsToProbe, SELECTOR_LISTS } from '../../src/checks/dkim/selectors.js';
import { createMemoryResolver } from '../../src/dns/memory.js';
import type { Resolver } from '../../src/dns/types.js';
import { runs } from '../properties/runs.js';

const spki = (bits: number): string => generateKeyPairSync('rsa', { modulusLength: bits }).publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
const pkcs1 = (bits: number): string => generateKeyPairSync('rsa', { modulusLength: bits }).publicKey.export({ type: 'pkcs1', format: 'der' }).toString('base64');
const ed25519 = Buffer.from(generateKeyPairSync('ed25519').publicKey.export({ format: 'jwk' }).x ?? '', 'base64url').toString('base64');
const RSA2048 = spki(2048);

describe('DKIM key records (RFC 6376 §3.6.1)', () => {
  it.each<[string, string, { status: string; keyType?: string | null; keyBits?: number | null; testing?: boolean; hashAlgorithms?: string[] | null; problem?: RegExp }]>([
    ['RSA, SubjectPublicKeyInfo', `v=DKIM1; k=rsa; p=${RSA2048}`, { status: 'valid', keyType: 'rsa', keyBits: 2048 }],
    ['RSA, RSAPublicKey as RFC 6376 names it', `v=DKIM1; p=${pkcs1(1024)}`, { status: 'valid', keyType: 'rsa', keyBits: 1024 }],
    ['no v= (optional) and k= defaults to rsa', `p=${RSA2048}`, { status: 'valid', keyType: 'rsa', keyBits: 2048 }],
    ['Ed25519 (RFC 8463)', `v=DKIM1; k=ed25519; p=${ed25519}`, { status: 'valid', keyType: 'ed25519', keyBits: 256 }],
    ['white space inside p= (FWS)', `v=DKIM1; p=${RSA2048.slice(0, 100)} ${RSA2048.slice(100)}`, { status: 'valid', keyBits: 2048 }],
    ['t=y', `v=DKIM1; t=y; p=${RSA2048}`, { status: 'valid', testing: true }],
    ['t=s:y', `v=DKIM1; t=s:y; p=${RSA2048}`, { status: 'valid', testing: true }],
    ['h=sha1', `v=DKIM1; h=sha1; p=${RSA2048}`, { status: 'valid', hashAlgorithms: ['sha1'] }],
    ['h=sha1:sha256', `v=DKIM1; h=sha1:sha256; p=${RSA2048}`, { status: 'valid', hashAlgorithms: ['sha1', 'sha256'] }],
    ['s=* and unknown tags', `v=DKIM1; s=*; n=notes; x=y; p=${RSA2048}`, { status: 'valid' }],
    ['empty p= is revoked', 'v=DKIM1; p=', { status: 'revoked' }],
    ['no p=', 'v=DKIM1; k=rsa', { status: 'invalid', problem: /no p=/ }],
    ['v= not first', `k=rsa; v=DKIM1; p=${RSA2048}`, { status: 'invalid', problem: /v= must come first/ }],
    ['v=DKIM2', `v=DKIM2; p=${RSA2048}`, { status: 'invalid', problem: /DKIM1/ }],
    ['unknown key type', `v=DKIM1; k=dsa; p=${RSA2048}`, { status: 'invalid', problem: /k=dsa/ }],
    ['not for email', `v=DKIM1; s=other; p=${RSA2048}`, { status: 'invalid', problem: /does not list email/ }],
    ['garbage base64', 'v=DKIM1; p=%%%%', { status: 'invalid', problem: /not base64/ }],
    ['base64 that is no key', `v=DKIM1; p=${Buffer.from('hello world, not a key').toString('base64')}`, { status: 'invalid', problem: /does not decode/ }],
    ['an RSA key said to be Ed25519', `v=DKIM1; k=ed25519; p=${RSA2048}`, { status: 'invalid', problem: /Ed25519 key is 32 bytes/ }],
    ['a key of 10 KB', `v=DKIM1; p=${'A'.repeat(10240)}`, { status: 'invalid', problem: /more than any real key/ }],
    ['a repeated tag', `v=DKIM1; p=${RSA2048}; p=${RSA2048}`, { status: 'invalid', problem: /twice/ }],
  ])('%s', (_name, text, expected) => {
    const key = parseKeyRecord(text);
    const { problem, ...fields } = expected;
    expect(key).toMatchObject(fields);
    if (problem) expect(key.problem).toMatch(problem);
  });

  it.each([
    ['v=DKIM1; p=abc', true],
    ['k=rsa; p=abc', true],
    ['v=spf1 -all', false],
    ['google-site-verification=x', false],
  ])('%j is a key record: %s', (text, expected) => {
    expect(isKeyRecord(text)).toBe(expected);
  });

  it('never throws, whatever the record says', () => {
    const parts = fc.constantFrom('v=DKIM1', 'k=rsa', 'k=ed25519', 'p=', `p=${RSA2048}`, 'p=!!', 't=y', 'h=sha1', 's=*', ';', ' ', '=', 'x');
    fc.assert(
      fc.property(fc.array(parts, { maxLength: 12 }), fc.string({ maxLength: 40 }), (list, tail) => {
        const key = parseKeyRecord(`${list.join(';')}${tail}`);
        expect(['valid', 'revoked', 'invalid']).toContain(key.status);
      }),
      { numRuns: runs(500) },
    );
  });
});

describe('which selectors are probed', () => {
  const defaults = SELECTOR_LISTS.default.map((s) => s.selector);
  it.each([
    ['nothing named: the default list', [], undefined, defaults],
    ['--dkim-selector alone replaces it', ['mine'], undefined, ['mine']],
    ['--dkim-selectors default adds to it', ['mine'], 'default' as const, ['mine', ...defaults]],
    ['--dkim-selectors extended', [], 'extended' as const, SELECTOR_LISTS.extended.map((s) => s.selector)],
    ['--dkim-selectors none and no name: nothing', [], 'none' as const, []],
  ])('%s', (_name, named, list, expected) => {
    expect(selectorsToProbe(named, list).selectors).toEqual(expected);
  });

  it('Microsoft 365\'s selector2 is asked after selector1, unless named', () => {
    expect(selectorsToProbe([], undefined).after).toEqual({ selector2: 'selector1' });
    expect(selectorsToProbe(['selector2'], 'default').after).toEqual({});
    expect(selectorsToProbe(['selector2'], undefined).after).toEqual({});
  });

  it.each(['Selector1', 's2048.mail', 'k_1'])('%s is a selector', (text) => expect(() => parseSelector(text)).not.toThrow());
  it.each(['', '-x', 'a..b', 'a b', 'x'.repeat(64)])('%j is not', (text) => expect(() => parseSelector(text)).toThrow());
});

describe('probing (RFC 6376 §3.6.2.1, RFC 8020)', () => {
  const zone = {
    'selector1._domainkey.keys.test': { TXT: [`v=DKIM1; p=${RSA2048}`] },
    'google._domainkey.keys.test': { TXT: ['v=spf1 -all'] },
    'selector1._domainkey.broken.test': { TXT: 'servfail' as const },
    'selector2._domainkey.broken.test': { TXT: [`v=DKIM1; p=${RSA2048}`] },
    'selector1._domainkey.failing.test': { TXT: 'timeout' as const },
    '_domainkey.wrong-nx.test': { TXT: 'servfail' as const },
    '_domainkey.down.test': { fail: 'timeout' as const },
    'selector1._domainkey.down.test': { fail: 'timeout' as const },
    'selector2._domainkey.down.test': { fail: 'timeout' as const },
    'selector1._domainkey.m365.test': { TXT: [`v=DKIM1; p=${RSA2048}`] },
    'selector2._domainkey.m365.test': { TXT: [`v=DKIM1; p=${RSA2048}`] },
    'google._domainkey.m365.test': { TXT: [`v=DKIM1; p=${RSA2048}`] },
  };
  const resolver = createMemoryResolver(zone);

  it('a key under one selector: found, and the other selectors\' answers are not keys', async () => {
    const result = await probeDkim('keys.test', resolver, ['selector1', 'google', 'k1'], false);
    expect(result).toMatchObject({ status: 'found', probed: 4 });
    expect(result.selectors.map((k) => k.selector)).toEqual(['selector1']);
  });

  it('no _domainkey name: one query, nothing else asked', async () => {
    const result = await probeDkim('nothing.test', resolver, ['selector1', 'selector2'], false);
    expect(result).toMatchObject({ status: 'not-found', probed: 1 });
    expect(result.findings.map((f) => f.code)).toEqual(['DKIM_NOT_FOUND']);
  });

  it('--dkim-probe-always asks the selectors even so', async () => {
    expect(await probeDkim('nothing.test', resolver, ['selector1', 'selector2'], true)).toMatchObject({ status: 'not-found', probed: 2 });
  });

  it('a failed probe beside a key found: found, the failure still reported', async () => {
    const result = await probeDkim('broken.test', resolver, ['selector1', 'selector2'], false);
    expect(result.status).toBe('found');
    expect(result.findings.map((f) => f.code)).toContain('DNS_ERROR');
  });

  it('a failed probe and no key: error, never not-found', async () => {
    const result = await probeDkim('failing.test', resolver, ['selector1', 'selector2'], false);
    expect(result.status).toBe('error');
    expect(result.findings.map((f) => f.code)).not.toContain('DKIM_NOT_FOUND');
  });

  describe('a selector asked after another (Microsoft 365 publishes selector1 and selector2 together)', () => {
    const after = { selector2: 'selector1' };
    it('asked when the first has a key', async () => {
      const result = await probeDkim('m365.test', resolver, ['selector1', 'selector2', 'google'], false, after);
      expect(result).toMatchObject({ status: 'found', probed: 4, probedSelectors: ['selector1', 'selector2', 'google'] });
      expect(result.selectors.map((k) => k.selector)).toEqual(['selector1', 'selector2', 'google']);
    });

    it('not asked when the first answered with no key, and the finding names only what was asked', async () => {
      const result = await probeDkim('keys.test', resolver, ['google', 'selector2'], false, { selector2: 'google' });
      expect(result).toMatchObject({ status: 'not-found', probed: 2, probedSelectors: ['google'] });
      expect(result.findings).toEqual([expect.objectContaining({ code: 'DKIM_NOT_FOUND', args: expect.objectContaining({ selectors: 'google' }) })]);
    });

    it('asked when the first failed: a failure is not "no key"', async () => {
      const result = await probeDkim('broken.test', resolver, ['selector1', 'selector2'], false, after);
      expect(result).toMatchObject({ status: 'found', probed: 3, probedSelectors: ['selector1', 'selector2'] });
    });

    /** Which lookups had ended when each name was asked. */
    function askOrder(): { resolver: Resolver; endedBefore: Map<string, string[]> } {
      const ended: string[] = [];
      const endedBefore = new Map<string, string[]>();
      return {
        endedBefore,
        resolver: {
          resolve: (name, type) => {
            endedBefore.set(name, [...ended]);
            return resolver.resolve(name, type).then((result) => (ended.push(name), result));
          },
        },
      };
    }

    it.each([
      // _domainkey answered: the pair waits for selector1 (whose lookup fails here).
      { domain: 'failing.test', waits: true, probedSelectors: ['selector1', 'selector2'] },
      // _domainkey failed, the servers are likely down: no round of timeouts spent waiting on selector1.
      { domain: 'down.test', waits: false, probedSelectors: ['selector1', 'selector2'] },
      // _domainkey failed though selector1 answers "no key": selector2 asked as well, one query more.
      { domain: 'wrong-nx.test', waits: false, probedSelectors: ['selector1', 'selector2'] },
    ])('$domain: selector2 asked after selector1 ended: $waits', async ({ domain, waits, probedSelectors }) => {
      const { resolver: ordered, endedBefore } = askOrder();
      const result = await probeDkim(domain, ordered, ['selector1', 'selector2'], false, after);
      expect(result.probedSelectors).toEqual(probedSelectors);
      expect(endedBefore.get(`selector2._domainkey.${domain}`)?.includes(`selector1._domainkey.${domain}`)).toBe(waits);
    });
  });

  it('a failed _domainkey lookup only loses the shortcut', async () => {
    const result = await probeDkim('wrong-nx.test', resolver, ['selector1'], false);
    expect(result).toMatchObject({ status: 'not-found', probed: 2 });
    expect(result.findings.map((f) => f.code)).toEqual(['DNS_ERROR', 'DKIM_NOT_FOUND']);
  });
});
