import { ZoneParseError } from './lexer.js';
import type { ZoneRecord } from './parser.js';

export interface ZoneAnswer {
  /** RFC 6604: after CNAMEs, the RCODE describes the last name of the chain. */
  rcode: 'NOERROR' | 'NXDOMAIN';
  /** The CNAMEs followed, then the records of the asked type (wildcard and DNAME answers owned by the name asked). */
  records: ZoneRecord[];
  /** The chain led out of this data's authority, to this name: the answer continues wherever that name is answered. */
  continueAt?: string;
  /** The chain went on past MAX_CHAIN (a loop): `records` holds where it stopped. */
  endless?: boolean;
}

/** Longer than any chain a resolver follows (8 in the DNS client): a longer one is a loop. */
const MAX_CHAIN = 16;

/** RFC 4035 §2.5 (and RFC 2065's KEY): DNSSEC records may sit beside a CNAME. */
const BESIDE_CNAME = new Set(['RRSIG', 'NSEC', 'KEY']);

export const recordType = (record: ZoneRecord): string => (record.type === 'OTHER' ? record.rrtype : record.type);

const parentOf = (name: string): string | undefined => {
  if (name === '') return undefined;
  const dot = name.indexOf('.');
  return dot === -1 ? '' : name.slice(dot + 1);
};
const isAtOrBelow = (name: string, origin: string): boolean => origin === '' || name === origin || name.endsWith(`.${origin}`);

/**
 * Records indexed as a name server holds them, answered as a recursive resolver in front of it
 * would: CNAMEs followed (RFC 1034 §4.3.2), wildcards (RFC 4592), DNAME (RFC 6672), a name with
 * nothing at or below it NXDOMAIN, an existing name (empty non-terminals included, RFC 8020) without
 * the type NODATA.
 *
 * With an `origin`, the data is one zone: every record must be at or below it, and names at or below
 * a delegation (NS records below the apex) are outside its authority. Without one (the test fixture
 * server), all data is one namespace and NS records are plain data.
 */
export class ZoneStore {
  private readonly byName = new Map<string, ZoneRecord[]>();
  /** Every owner name and its ancestors (up to the origin): the names that exist. */
  private readonly existing = new Set<string>();
  private readonly cuts = new Set<string>();
  private readonly dnames = new Map<string, ZoneRecord>();
  readonly origin: string | undefined;

  constructor(records: Iterable<ZoneRecord>, options: { origin?: string } = {}) {
    this.origin = options.origin;
    for (const record of records) this.add(record);
  }

  /** Every record held, by owner name. */
  *records(): Iterable<ZoneRecord> {
    for (const here of this.byName.values()) yield* here;
  }

  /** Whether this data answers for `name` with authority. */
  covers(name: string): boolean {
    if (this.origin === undefined) return true;
    if (!isAtOrBelow(name, this.origin)) return false;
    if (this.cuts.size === 0) return true;
    for (let at: string | undefined = name; at !== undefined && at !== this.origin; at = parentOf(at)) if (this.cuts.has(at)) return false;
    return true;
  }

  answer(name: string, type: string): ZoneAnswer {
    const records: ZoneRecord[] = [];
    let current = name;
    for (let hop = 0; hop <= MAX_CHAIN; hop++) {
      if (!this.covers(current)) return { rcode: 'NOERROR', records, continueAt: current };
      const redirect = this.dnameRedirect(current);
      if (redirect) {
        records.push(redirect.dname, redirect.cname);
        current = redirect.cname.data;
        continue;
      }
      const here = this.recordsAt(current);
      if (here === undefined) return { rcode: 'NXDOMAIN', records };
      const matching = here.filter((record) => recordType(record) === type);
      if (matching.length > 0) return { rcode: 'NOERROR', records: [...records, ...matching] };
      const alias = type === 'CNAME' ? undefined : here.find((record) => record.type === 'CNAME');
      if (alias?.type !== 'CNAME') return { rcode: 'NOERROR', records };
      records.push(alias);
      current = alias.data;
    }
    return { rcode: 'NOERROR', records, endless: true };
  }

  /** The records at `name` (wildcard-synthesized if it does not exist), [] for an empty non-terminal, undefined if it does not exist. */
  private recordsAt(name: string): ZoneRecord[] | undefined {
    const here = this.byName.get(name);
    if (here) return here;
    if (this.existing.has(name)) return [];
    // RFC 4592 §3.3.1: the closest encloser's wildcard, if it has one, answers for the missing name.
    let encloser = parentOf(name);
    while (encloser !== undefined && !this.existing.has(encloser)) encloser = parentOf(encloser);
    if (encloser === undefined) return undefined;
    const wildcard = this.byName.get(encloser === '' ? '*' : `*.${encloser}`);
    return wildcard?.map((record) => ({ ...record, name }));
  }

  /** RFC 6672 §2.2: a DNAME above `name` rewrites its suffix into a synthesized CNAME. */
  private dnameRedirect(name: string): { dname: ZoneRecord; cname: ZoneRecord & { type: 'CNAME' } } | undefined {
    if (this.dnames.size === 0) return undefined;
    for (let at = parentOf(name); at !== undefined; at = parentOf(at)) {
      const dname = this.dnames.get(at);
      if (dname?.type === 'DNAME') {
        const prefix = at === '' ? name : name.slice(0, name.length - at.length - 1);
        const target = dname.data === '' ? prefix : `${prefix}.${dname.data}`;
        return { dname, cname: { ...dname, type: 'CNAME', name, data: target } };
      }
      if (at === this.origin) break;
    }
    return undefined;
  }

  private add(record: ZoneRecord): void {
    const fail = (reason: string): never => {
      throw new ZoneParseError(record.file, record.line, reason);
    };
    if (this.origin !== undefined && !isAtOrBelow(record.name, this.origin)) fail(`${record.name} is outside the zone ${this.origin || '.'}`);
    const here = this.byName.get(record.name) ?? [];
    const type = recordType(record);
    const clash = BESIDE_CNAME.has(type) ? undefined : here.find((other) => !BESIDE_CNAME.has(recordType(other)) && (type === 'CNAME' || other.type === 'CNAME'));
    if (clash) fail(`CNAME at ${record.name} cannot coexist with other data (see ${clash.file}:${clash.line})`);
    if (record.type === 'DNAME') {
      if (this.dnames.has(record.name)) fail(`more than one DNAME at ${record.name}`);
      this.dnames.set(record.name, record);
    }
    if (record.type === 'NS' && this.origin !== undefined && record.name !== this.origin) this.cuts.add(record.name);
    here.push(record);
    this.byName.set(record.name, here);
    for (let at: string | undefined = record.name; at !== undefined && !this.existing.has(at); at = parentOf(at)) {
      this.existing.add(at);
      if (at === this.origin) break;
    }
  }
}
