import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseZone } from './zone-parser.js';
import { ZoneStore } from './zone-store.js';

export interface ZoneSources {
  zoneFiles?: string[];
  /** Every `*.zone` file in this directory, in name order. */
  zoneDir?: string;
  zoneText?: string;
}

/** Parses every source into one store; throws `ZoneParseError` naming file and line. */
export async function loadZones({ zoneFiles = [], zoneDir, zoneText }: ZoneSources): Promise<ZoneStore> {
  const files = [...zoneFiles];
  if (zoneDir !== undefined) {
    const names = (await readdir(zoneDir)).filter((name) => name.endsWith('.zone')).sort();
    files.push(...names.map((name) => path.join(zoneDir, name)));
  }
  const zones = await Promise.all(files.map(async (file) => parseZone(await readFile(file, 'utf8'), file)));
  if (zoneText !== undefined) zones.push(parseZone(zoneText, '<zoneText>'));
  return new ZoneStore(zones);
}
