import { ZoneParseError } from '../../src/zone/lexer.js';
import type { ParsedZone, ZoneExtraLine, ZoneRecord } from '../../src/zone/parser.js';
import { ZoneStore, type ZoneAnswer } from '../../src/zone/store.js';
import { parseFaultSpec, type FaultSpec } from './faults.js';

/** The query types a FAULT line may name. */
export const SERVED_TYPES = ['A', 'AAAA', 'MX', 'TXT', 'CNAME', 'PTR', 'NS', 'SOA', 'TLSA'] as const;

/** `name FAULT <mode> [TYPE…]`: the fixture server's own line type, beside the records of the shared parser. */
export interface ZoneFault extends FaultSpec {
  name: string;
  /** Query types the fault applies to; empty means all. */
  types: string[];
  file: string;
  line: number;
}

/**
 * Every loaded file merged into one namespace (the shared ZoneStore without an origin) plus the
 * faults to inject: answered like a recursive resolver in front of authoritative data.
 */
export class FixtureZones {
  private readonly store: ZoneStore;
  private readonly faultsByName = new Map<string, ZoneFault[]>();

  constructor(zones: ParsedZone[]) {
    const records: ZoneRecord[] = [];
    const faults: ZoneFault[] = [];
    for (const zone of zones) {
      records.push(...zone.records);
      for (const extra of zone.extras) faults.push(faultOf(extra));
    }
    // A fault makes its name exist even with no record, like any owner name.
    const owners = new Set(records.map((record) => record.name));
    for (const { name, mode, file, line } of faults) {
      if (!owners.has(name)) records.push({ type: 'OTHER', rrtype: 'FAULT', data: mode, name, ttl: 0, file, line });
    }
    this.store = new ZoneStore(records);
    for (const fault of faults) this.faultsByName.set(fault.name, [...(this.faultsByName.get(fault.name) ?? []), fault]);
  }

  faultFor(name: string, type: string): ZoneFault | undefined {
    return this.faultsByName.get(name)?.find((fault) => fault.types.length === 0 || fault.types.includes(type));
  }

  answer(name: string, type: string): ZoneAnswer {
    return this.store.answer(name, type);
  }
}

function faultOf({ name, words, file, line }: ZoneExtraLine): ZoneFault {
  const fail = (reason: string): never => {
    throw new ZoneParseError(file, line, reason);
  };
  const [spec = fail('FAULT needs a mode'), ...types] = words;
  const parsed = parseFaultSpec(spec);
  if (typeof parsed === 'string') fail(parsed);
  const upper = types.map((t) => t.toUpperCase());
  const unknown = upper.find((t) => !(SERVED_TYPES as readonly string[]).includes(t));
  if (unknown !== undefined) fail(`FAULT lists unknown type "${unknown}"`);
  return { ...(parsed as FaultSpec), name, types: upper, file, line };
}
