import { describe, expect, it } from 'vitest';
import { createMemoryResolver, type MemoryZone } from '../../src/dns/memory.js';
import { chooseOrganizationalDomain, findOrganizationalDomain } from '../../src/dmarc/org-domain.js';
import { treeWalkNames, walkDmarcTree } from '../../src/dmarc/tree-walk.js';

describe('treeWalkNames (RFC 9989 §4.10)', () => {
  it.each([
    ['com', ['com']],
    ['example.com', ['example.com', 'com']],
    ['a.mail.example.com', ['a.mail.example.com', 'mail.example.com', 'example.com', 'com']],
    ['a.b.c.d.e.f.example.com', ['a.b.c.d.e.f.example.com', 'b.c.d.e.f.example.com', 'c.d.e.f.example.com', 'd.e.f.example.com', 'e.f.example.com', 'f.example.com', 'example.com', 'com']],
    ['a.b.c.d.e.f.g.example.com', ['a.b.c.d.e.f.g.example.com', 'c.d.e.f.g.example.com', 'd.e.f.g.example.com', 'e.f.g.example.com', 'f.g.example.com', 'g.example.com', 'example.com', 'com']],
    ['a.b.c.d.e.f.g.h.i.j.mail.example.com', ['a.b.c.d.e.f.g.h.i.j.mail.example.com', 'g.h.i.j.mail.example.com', 'h.i.j.mail.example.com', 'i.j.mail.example.com', 'j.mail.example.com', 'mail.example.com', 'example.com', 'com']],
  ])('%s', (domain, expected) => {
    const names = treeWalkNames(domain);
    expect(names).toEqual(expected);
    expect(names.length).toBeLessThanOrEqual(8);
  });
});

const txt = (...records: string[]): MemoryZone[string] => ({ TXT: records });

describe('walkDmarcTree: where the walk ends', () => {
  it.each<[string, string, MemoryZone, string[]]>([
    ['no records: every name', 'a.mail.example.com', {}, ['a.mail.example.com', 'mail.example.com', 'example.com', 'com']],
    ['parent without psd: walk goes on', 'a.mail.example.com', { '_dmarc.example.com': txt('v=DMARC1; p=reject') }, ['a.mail.example.com', 'mail.example.com', 'example.com', 'com']],
    ['parent psd=n ends it', 'a.mail.example.com', { '_dmarc.mail.example.com': txt('v=DMARC1; p=reject; psd=n') }, ['a.mail.example.com', 'mail.example.com']],
    ['parent psd=y ends it', 'a.gov.example', { '_dmarc.gov.example': txt('v=DMARC1; p=reject; psd=y') }, ['a.gov.example', 'gov.example']],
    ['own psd=n ends it', 'example.com', { '_dmarc.example.com': txt('v=DMARC1; p=reject; psd=n') }, ['example.com']],
    ['own psd=y does not', 'gov.example', { '_dmarc.gov.example': txt('v=DMARC1; p=reject; psd=y') }, ['gov.example', 'example']],
    ['own record without psd does not', 'example.com', { '_dmarc.example.com': txt('v=DMARC1; p=reject') }, ['example.com', 'com']],
  ])('%s', async (_name, domain, zone, expected) => {
    const entries = await walkDmarcTree(domain, createMemoryResolver(zone));
    expect(entries.map((e) => e.domain)).toEqual(expected);
  });

  it('sends at most 8 queries', async () => {
    const asked: string[] = [];
    const memory = createMemoryResolver({});
    await walkDmarcTree('a.b.c.d.e.f.g.h.i.j.mail.example.com', {
      resolve: (name, type) => {
        asked.push(name);
        return memory.resolve(name, type);
      },
    });
    expect(asked).toHaveLength(8);
  });

  it('ignores non-DMARC TXT records and reports several DMARC records', async () => {
    const zone = {
      '_dmarc.example.com': txt('v=spf1 -all', 'v=DMARC1; p=reject', 'v=DMARC1; p=none'),
      '_dmarc.example.net': txt('hello', 'v=DMARC1; p=reject'),
    };
    const [many] = await walkDmarcTree('example.com', createMemoryResolver(zone));
    expect(many?.step).toMatchObject({ outcome: 'multiple', count: 2 });
    const [one] = await walkDmarcTree('example.net', createMemoryResolver(zone));
    expect(one?.step).toMatchObject({ outcome: 'record', record: 'v=DMARC1; p=reject' });
  });
});

describe('Organizational Domain (RFC 9989 §4.10.2)', () => {
  it.each<[string, string, MemoryZone, string | null]>([
    ['no records: the domain itself', 'a.mail.example.com', {}, 'a.mail.example.com'],
    ['fewest labels with a record', 'a.mail.example.com', { '_dmarc.example.com': txt('v=DMARC1; p=reject'), '_dmarc.mail.example.com': txt('v=DMARC1; p=none') }, 'example.com'],
    ['psd=n marks it', 'a.mail.example.com', { '_dmarc.example.com': txt('v=DMARC1; p=reject'), '_dmarc.mail.example.com': txt('v=DMARC1; p=none; psd=n') }, 'mail.example.com'],
    ['one label below psd=y', 'deep.sub.psd.example', { '_dmarc.psd.example': txt('v=DMARC1; psd=y') }, 'sub.psd.example'],
    ['psd=y at the start does not count', 'psd.example', { '_dmarc.psd.example': txt('v=DMARC1; p=none; psd=y') }, 'psd.example'],
    ['below psd=y beyond the 8-name jump', 'a.b.c.d.e.f.g.h.i.j.k.l.m', { '_dmarc.g.h.i.j.k.l.m': txt('v=DMARC1; psd=y') }, 'f.g.h.i.j.k.l.m'],
    ['multiple records count as none', 'a.example.com', { '_dmarc.example.com': txt('v=DMARC1; p=none', 'v=DMARC1; p=reject') }, 'a.example.com'],
    ['a failed query makes it unknown', 'a.example.com', { '_dmarc.com': { TXT: 'timeout' } }, null],
  ])('%s', async (_name, domain, zone, expected) => {
    const result = await findOrganizationalDomain(domain, createMemoryResolver(zone));
    expect(result.organizationalDomain).toBe(expected);
    expect(result.findings.length > 0).toBe(expected === null);
  });

  it('chooses from the consulted entries only', () => {
    expect(chooseOrganizationalDomain('example.com', []).organizationalDomain).toBe('example.com');
  });
});
