import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadZoneFile, ZoneFileError } from '../../src/zone/load.js';

const root = mkdtempSync(join(tmpdir(), 'dmarc-audit-zones-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const zones = join(root, 'zones');
const outside = join(root, 'outside');
mkdirSync(join(zones, 'parts'), { recursive: true });
mkdirSync(outside);
writeFileSync(join(outside, 'secret.inc'), 'leak TXT "from outside"\n');
writeFileSync(join(zones, 'parts', 'spf.inc'), '@ TXT "v=spf1 -all"\n');
symlinkSync(join(outside, 'secret.inc'), join(zones, 'link.inc'));

const HEAD = '$ORIGIN example.com.\n@ SOA ns hostmaster 1 2 3 4 5\n';
function zoneFile(name: string, body: string): string {
  const file = join(zones, name);
  writeFileSync(file, HEAD + body);
  return file;
}

describe('loading a zone file', () => {
  it('takes its origin from the SOA and reads $INCLUDE below its folder', async () => {
    const zone = await loadZoneFile(zoneFile('ok.zone', '$INCLUDE parts/spf.inc\n'));
    expect(zone.origin).toBe('example.com');
    expect(zone.store.answer('example.com', 'TXT').records).toEqual([expect.objectContaining({ file: expect.stringMatching(/parts\/spf\.inc$/), line: 1 })]);
  });

  it.each([
    ['a path that climbs out', '$INCLUDE ../outside/secret.inc\n'],
    ['an absolute path', `$INCLUDE ${join(outside, 'secret.inc')}\n`],
    ['a symlink that points out', '$INCLUDE link.inc\n'],
  ])('refuses %s, at the $INCLUDE line', async (_, body) => {
    const file = zoneFile('escape.zone', body);
    await expect(loadZoneFile(file)).rejects.toThrow(`${file}:3: $INCLUDE`);
    await expect(loadZoneFile(file)).rejects.toThrow(/outside the zone file's folder; allow its folder with --zone-include-dir/);
    const allowed = await loadZoneFile(file, { includeDirs: [outside] });
    expect(allowed.store.answer('leak.example.com', 'TXT').records).toHaveLength(1);
  });

  it.each<[string, string, string, RegExp]>([
    ['two SOA records', 'two.zone', 'sub SOA ns hostmaster 1 2 3 4 5\n', /two\.zone:3: a second SOA record \(the first is at .*two\.zone:2\)/],
    ['a record outside the zone', 'out.zone', 'example.org. TXT "x"\n', /out\.zone:3: example\.org is outside the zone example\.com/],
    ['a missing $INCLUDE', 'missing.zone', '$INCLUDE nothere.inc\n', /missing\.zone:3: \$INCLUDE nothere\.inc: cannot read: ENOENT/],
  ])('refuses %s', async (_, name, body, error) => {
    await expect(loadZoneFile(zoneFile(name, body))).rejects.toThrow(error);
  });

  it('refuses a file without SOA: its origin is unknown', async () => {
    writeFileSync(join(zones, 'none.zone'), '$ORIGIN example.com.\n@ TXT "x"\n');
    await expect(loadZoneFile(join(zones, 'none.zone'))).rejects.toThrow(/none\.zone:1: no SOA record/);
  });

  it('a zone named by the caller must have its SOA there', async () => {
    const file = zoneFile('named.zone', '');
    await expect(loadZoneFile(file, { origin: 'example.org' })).rejects.toThrow(/named\.zone:2: the SOA record is at example\.com, not at the zone's name example\.org/);
    expect((await loadZoneFile(file, { origin: 'example.com' })).origin).toBe('example.com');
  });

  it('a file that cannot be read is a ZoneFileError', async () => {
    await expect(loadZoneFile(join(zones, 'nothere.zone'))).rejects.toThrow(ZoneFileError);
    await expect(loadZoneFile(zones)).rejects.toThrow(/--zone .*zones: cannot read: EISDIR/);
  });
});
