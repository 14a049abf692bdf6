import { describe, expect, it } from 'vitest';
import { createMemoryResolver } from '../../src/dns/memory.js';
import type { RecordType, Resolver } from '../../src/dns/types.js';
import type { LoadedZone } from '../../src/zone/load.js';
import { withZoneOverlay } from '../../src/zone/overlay.js';
import { parseZone } from '../../src/zone/parser.js';
import { ZoneStore } from '../../src/zone/store.js';

function zone(file: string, origin: string, body: string): LoadedZone {
  const text = `$ORIGIN ${origin}.\n@ SOA ns hostmaster 1 2 3 4 5\n@ NS ns\nns A 192.0.2.53\n${body}`;
  return { file, origin, store: new ZoneStore(parseZone(text, { file }).records, { origin }) };
}

const EXAMPLE = zone(
  'example.com.zone',
  'example.com',
  [
    '@ TXT "v=spf1 include:_spf.provider.net -all"',
    '_dmarc TXT "v=DMARC1; p=reject"',
    'www CNAME @',
    'out CNAME target.live.test.',
    'dangling CNAME gone.live.test.',
    'mail MX 10 mx1',
    '_25._tcp.mx1 TLSA 3 1 1 ( ABCD 0123 )',
    'a.b.c A 192.0.2.7',
    '*.wild TXT "v=spf1 -all"',
    'here.wild A 192.0.2.8',
    'child NS ns.child',
    'ns.child A 192.0.2.9',
    'old DNAME example.org.',
    'long1 CNAME long2',
    ...Array.from({ length: 9 }, (_, i) => `long${i + 2} CNAME long${i + 3}`),
    'loop CNAME loop.example.org.',
  ].join('\n'),
);
const ORG = zone('example.org.zone', 'example.org', 'x TXT "from org"\nb.c A 192.0.2.10\nloop CNAME loop.example.com.\n');

/** Live DNS behind the overlay, remembering what it was asked. */
function live(): Resolver & { asked: string[] } {
  const memory = createMemoryResolver({
    'target.live.test': { TXT: ['live target'] },
    'example.com': { TXT: ['v=spf1 live -all'] },
    'x.child.example.com': { TXT: ['delegated'] },
    'other.test': { TXT: ['unrelated'] },
  });
  const asked: string[] = [];
  return {
    asked,
    resolve: <T extends RecordType>(name: string, type: T) => {
      asked.push(`${name} ${type}`);
      return memory.resolve(name, type);
    },
  };
}

describe('zone overlay', () => {
  it.each<[string, RecordType, object]>([
    ['example.com', 'TXT', { status: 'answer', records: ['v=spf1 include:_spf.provider.net -all'], canonicalName: 'example.com' }],
    ['_DMARC.Example.COM.', 'TXT', { status: 'answer', records: ['v=DMARC1; p=reject'] }],
    ['nothere.example.com', 'TXT', { status: 'nxdomain' }],
    ['_dmarc.nothere.example.com', 'TXT', { status: 'nxdomain' }],
    ['example.com', 'A', { status: 'nodata' }],
    ['b.c.example.com', 'TXT', { status: 'nodata' }],
    ['c.example.com', 'A', { status: 'nodata' }],
    ['www.example.com', 'TXT', { status: 'answer', canonicalName: 'example.com' }],
    ['www.example.com', 'CNAME', { status: 'answer', records: ['example.com'] }],
    ['mail.example.com', 'MX', { status: 'answer', records: [{ preference: 10, exchange: 'mx1.example.com' }] }],
    ['_25._tcp.mx1.example.com', 'TLSA', { status: 'answer', records: [{ usage: 3, selector: 1, matchingType: 1, certificate: 'abcd0123' }] }],
    ['any.wild.example.com', 'TXT', { status: 'answer', records: ['v=spf1 -all'], canonicalName: 'any.wild.example.com' }],
    ['here.wild.example.com', 'TXT', { status: 'nodata' }],
    ['b.c.old.example.com', 'A', { status: 'answer', records: ['192.0.2.10'], canonicalName: 'b.c.example.org' }],
    ['long1.example.com', 'TXT', { status: 'error', detail: expect.stringMatching(/CNAME chain longer than 8/) }],
    ['loop.example.com', 'TXT', { status: 'error', detail: expect.stringMatching(/CNAME loop/) }],
  ])('%s %s', async (name, type, expected) => {
    const next = live();
    const result = await withZoneOverlay(next, [EXAMPLE, ORG]).resolve(name, type);
    expect(result).toMatchObject({ ...expected, zone: 'example.com.zone' });
    expect(next.asked).toEqual([]);
  });

  it('a CNAME out of the zone is followed on the live servers, and the answer still says the zone took part', async () => {
    const next = live();
    const overlay = withZoneOverlay(next, [EXAMPLE]);
    expect(await overlay.resolve('out.example.com', 'TXT')).toEqual({ status: 'answer', records: ['live target'], canonicalName: 'target.live.test', zone: 'example.com.zone' });
    expect(await overlay.resolve('dangling.example.com', 'TXT')).toEqual({ status: 'nxdomain', zone: 'example.com.zone' });
    expect(next.asked).toEqual(['target.live.test TXT', 'gone.live.test TXT']);
  });

  it('names outside every zone, and below a delegation, go to the live servers unmarked', async () => {
    const next = live();
    const overlay = withZoneOverlay(next, [EXAMPLE]);
    expect(await overlay.resolve('other.test', 'TXT')).toEqual({ status: 'answer', records: ['unrelated'], canonicalName: 'other.test' });
    expect(await overlay.resolve('x.child.example.com', 'TXT')).toEqual({ status: 'answer', records: ['delegated'], canonicalName: 'x.child.example.com' });
    expect(await overlay.resolve('com', 'TXT')).toEqual({ status: 'nodata' });
    expect(next.asked).toEqual(['other.test TXT', 'x.child.example.com TXT', 'com TXT']);
  });

  it('live failures behind a CNAME stay failures', async () => {
    const failing: Resolver = { resolve: async () => ({ status: 'timeout', detail: 'no reply' }) };
    expect(await withZoneOverlay(failing, [EXAMPLE]).resolve('out.example.com', 'TXT')).toEqual({ status: 'timeout', detail: 'no reply', zone: 'example.com.zone' });
  });

  it('refuses two files for one zone', () => {
    expect(() => withZoneOverlay(live(), [EXAMPLE, { ...EXAMPLE, file: 'copy.zone' }])).toThrow(/example\.com\.zone and copy\.zone are both the zone example\.com/);
  });
});
