import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseFixtureZone } from '../fixture-server/index.js';

export const ZONES = fileURLToPath(new URL('../../fixtures/zones', import.meta.url));

/**
 * Every name of every fixture zone, as a domain to audit: `_dmarc.x` as x, the rest as written. Names
 * that are no domain to audit (`_spf.provider.test`) stay in: their input-error reports are reports too.
 */
export function fixtureNames(): string[] {
  const names = new Set<string>();
  for (const file of readdirSync(ZONES).filter((f) => f.endsWith('.zone'))) {
    const zone = parseFixtureZone(readFileSync(path.join(ZONES, file), 'utf8'), file);
    for (const { name } of [...zone.records, ...zone.extras]) names.add(name.replace(/\.$/, '').replace(/^_dmarc\./, ''));
  }
  return [...names];
}
