import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseZone, type ParsedZone } from '../../src/zone/parser.js';
import { FixtureZones } from './fixture-zones.js';

export interface ZoneSources {
  zoneFiles?: string[];
  /** Every `*.zone` file in this directory, in name order. */
  zoneDir?: string;
  zoneText?: string;
}

/** The fixture server's zone files: the product's parser, plus its own FAULT lines. */
export function parseFixtureZone(text: Buffer | string, file = '<inline>'): ParsedZone {
  return parseZone(text, { file, extraTypes: ['FAULT'] });
}

/** Parses every source into one namespace; throws `ZoneParseError` naming file and line. */
export async function loadZones({ zoneFiles = [], zoneDir, zoneText }: ZoneSources): Promise<FixtureZones> {
  const files = [...zoneFiles];
  if (zoneDir !== undefined) {
    const names = (await readdir(zoneDir)).filter((name) => name.endsWith('.zone')).sort();
    files.push(...names.map((name) => path.join(zoneDir, name)));
  }
  const zones = await Promise.all(files.map(async (file) => parseFixtureZone(await readFile(file), file)));
  if (zoneText !== undefined) zones.push(parseFixtureZone(zoneText, '<zoneText>'));
  return new FixtureZones(zones);
}
