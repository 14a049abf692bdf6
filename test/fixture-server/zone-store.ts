import { ZoneParseError } from './zone-lexer.js';
import type { ParsedZone, ZoneFault, ZoneRecord } from './zone-parser.js';

export interface ZoneAnswer {
  rcode: 'NOERROR' | 'NXDOMAIN';
  records: ZoneRecord[];
}

/** Bounds CNAME following inside the fixture data; a loop just stops answering further. */
const MAX_CNAME_HOPS = 16;

/**
 * All loaded zones merged into one namespace, answered like a recursive resolver in front of
 * authoritative data: CNAMEs are followed within the data, a name with nothing at or below it
 * is NXDOMAIN, anything else without the asked type is NODATA.
 */
export class ZoneStore {
  private readonly byName = new Map<string, ZoneRecord[]>();
  private readonly faultsByName = new Map<string, ZoneFault[]>();
  /** Every owner name and all its ancestors: names that exist (RFC 8020 empty non-terminals included). */
  private readonly existing = new Set<string>();

  constructor(zones: ParsedZone[]) {
    for (const zone of zones) {
      for (const record of zone.records) this.addRecord(record);
      for (const fault of zone.faults) {
        this.faultsByName.set(fault.name, [...(this.faultsByName.get(fault.name) ?? []), fault]);
        this.markExisting(fault.name);
      }
    }
  }

  faultFor(name: string, type: string): ZoneFault | undefined {
    return this.faultsByName.get(name)?.find((fault) => fault.types.length === 0 || fault.types.includes(type));
  }

  answer(name: string, type: string): ZoneAnswer {
    const records: ZoneRecord[] = [];
    let current = name;
    for (let hop = 0; hop <= MAX_CNAME_HOPS; hop++) {
      const here = this.byName.get(current) ?? [];
      const matching = here.filter((record) => record.type === type);
      if (matching.length > 0) return { rcode: 'NOERROR', records: [...records, ...matching] };
      const alias = here.find((record) => record.type === 'CNAME');
      if (!alias || alias.type !== 'CNAME') break;
      records.push(alias);
      current = alias.data;
    }
    // RFC 6604: after a CNAME the RCODE describes the last name of the chain.
    return { rcode: this.existing.has(current) ? 'NOERROR' : 'NXDOMAIN', records };
  }

  private addRecord(record: ZoneRecord): void {
    const here = this.byName.get(record.name) ?? [];
    const clash = here.find((other) => record.type === 'CNAME' || other.type === 'CNAME');
    if (clash) {
      const reason = `CNAME at ${record.name} cannot coexist with other data (see ${clash.file}:${clash.line})`;
      throw new ZoneParseError(record.file, record.line, reason);
    }
    here.push(record);
    this.byName.set(record.name, here);
    this.markExisting(record.name);
  }

  private markExisting(name: string): void {
    const labels = name.split('.');
    for (let i = 0; i < labels.length; i++) this.existing.add(labels.slice(i).join('.'));
  }
}
