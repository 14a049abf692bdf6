import { readFileSync, realpathSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, relative, resolve, isAbsolute } from 'node:path';
import { ZoneParseError } from './lexer.js';
import { parseZone, type IncludedFile } from './parser.js';
import { ZoneStore } from './store.js';

export interface LoadedZone {
  /** The path as given: how reports and messages name the zone. */
  file: string;
  /** The apex: the owner of the zone's SOA record. */
  origin: string;
  store: ZoneStore;
}

export interface ZoneFileOptions {
  /** Folders, besides the zone file's own, whose files $INCLUDE may read. */
  includeDirs?: readonly string[];
  /**
   * The zone's name, for files that do not say it with $ORIGIN (DNSControl writes none: BIND takes
   * it from named.conf). The SOA must then be at this name.
   */
  origin?: string;
}

/** A zone file that cannot be read at all (missing, a directory…), as opposed to one with a bad line. */
export class ZoneFileError extends Error {
  override readonly name = 'ZoneFileError';
}

/**
 * Reads one zone's master file. Its origin is its SOA record's owner, so the file must hold exactly
 * one SOA (as every zone does, and `named-checkzone` requires). `$INCLUDE` paths are relative to the
 * including file and must stay inside the zone file's folder (or `includeDirs`), symlinks resolved:
 * a zone from a pull request must not be able to read the CI runner's other files into a report.
 */
export async function loadZoneFile(file: string, options: ZoneFileOptions = {}): Promise<LoadedZone> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    throw new ZoneFileError(`--zone ${file}: cannot read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const allowed = [dirname(file), ...(options.includeDirs ?? [])].map((dir) => realpathOr(dir));
  const { origin } = options;
  const { records } = parseZone(bytes, { file, origin, include: (written, from) => readIncluded(written, from, allowed) });
  const soas = records.filter((record) => record.type === 'SOA');
  const [soa, second] = soas;
  if (!soa) throw new ZoneParseError(file, 1, 'no SOA record: a zone file needs one at its apex (its origin)');
  if (second) throw new ZoneParseError(second.file, second.line, `a second SOA record (the first is at ${soa.file}:${soa.line})`);
  if (origin !== undefined && soa.name !== origin) throw new ZoneParseError(soa.file, soa.line, `the SOA record is at ${soa.name}, not at the zone's name ${origin}`);
  return { file, origin: soa.name, store: new ZoneStore(records, { origin: soa.name }) };
}

function readIncluded(written: string, from: string, allowed: readonly string[]): IncludedFile {
  const target = resolve(dirname(from), written);
  let real: string;
  try {
    real = realpathSync(target);
  } catch (error) {
    throw new Error(`cannot read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  if (!allowed.some((dir) => isInside(real, dir))) {
    throw new Error('outside the zone file\'s folder; allow its folder with --zone-include-dir <dir>');
  }
  try {
    return { file: relative(process.cwd(), target) || target, bytes: readFileSync(real) };
  } catch (error) {
    throw new Error(`cannot read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

function isInside(path: string, dir: string): boolean {
  const rel = relative(dir, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

function realpathOr(dir: string): string {
  try {
    return realpathSync(dir);
  } catch {
    return resolve(dir);
  }
}
