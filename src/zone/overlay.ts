import { MAX_CNAME_HOPS } from '../dns/classify.js';
import { canonicalName, type LookupResult, type RecordDataByType, type RecordType, type Resolver } from '../dns/types.js';
import type { LoadedZone } from './load.js';
import type { ZoneRecord } from './parser.js';
import type { ZoneAnswer } from './store.js';

/** Two zone files for one origin: which one is meant is unknowable. */
export class ZoneOverlayError extends Error {
  override readonly name = 'ZoneOverlayError';
}

/** Throws ZoneOverlayError when two files are the same zone. */
export function checkZoneOrigins(zones: readonly LoadedZone[]): void {
  const byOrigin = new Map<string, LoadedZone>();
  for (const zone of zones) {
    const other = byOrigin.get(zone.origin);
    if (other) throw new ZoneOverlayError(`${other.file} and ${zone.file} are both the zone ${zone.origin}: give one of them`);
    byOrigin.set(zone.origin, zone);
  }
}

/**
 * Zone files in front of a resolver (the name servers, or a replay): for names at or below a zone's
 * origin (and not delegated away), the zone is authoritative — its records answer, a name it does
 * not hold is NXDOMAIN, an empty non-terminal is NODATA — and a CNAME is followed wherever it leads,
 * into another zone or out to `next`. Every other name goes to `next` untouched. Each result the
 * overlay took part in carries `zone`: the file of the zone that answered first.
 */
export function withZoneOverlay(next: Resolver, zones: readonly LoadedZone[]): Resolver {
  checkZoneOrigins(zones);
  // Most specific first: a child zone answers for its names, not the parent that delegates them.
  const ordered = [...zones].sort((a, b) => b.origin.length - a.origin.length);
  const zoneFor = (name: string): LoadedZone | undefined => ordered.find((zone) => zone.store.covers(name));

  return {
    async resolve<T extends RecordType>(name: string, type: T): Promise<LookupResult<T>> {
      let current = canonicalName(name);
      const first = zoneFor(current);
      if (!first) return next.resolve(name, type);
      const asked = new Set<string>();
      let hops = 0;
      for (let zone: LoadedZone | undefined = first; ; zone = zoneFor(current)) {
        if (!zone) return { ...(await next.resolve(current, type)), zone: first.file };
        asked.add(current);
        const answer = zone.store.answer(current, type);
        hops += answer.records.filter((record) => record.type === 'CNAME' && type !== 'CNAME').length;
        if (answer.endless || hops > MAX_CNAME_HOPS) {
          return { status: 'error', detail: `${name} ${type}: CNAME chain longer than ${MAX_CNAME_HOPS} (${zone.file})`, zone: first.file };
        }
        if (answer.continueAt === undefined) return overlayResult(answer, type, first.file);
        if (asked.has(answer.continueAt)) return { status: 'error', detail: `${name} ${type}: CNAME loop at ${answer.continueAt} (${zone.file})`, zone: first.file };
        current = answer.continueAt;
      }
    },
  };
}

function overlayResult<T extends RecordType>(answer: ZoneAnswer, type: T, zone: string): LookupResult<T> {
  if (answer.rcode === 'NXDOMAIN') return { status: 'nxdomain', zone };
  const records: RecordDataByType[T][] = [];
  let owner = '';
  for (const record of answer.records) {
    const value = valueOf(record, type);
    if (value === undefined) continue;
    records.push(value as RecordDataByType[T]);
    owner = record.name;
  }
  return records.length > 0 ? { status: 'answer', records, canonicalName: owner, zone } : { status: 'nodata', zone };
}

/** The record's data as the DNS client decodes it from the wire, if it is of the asked type. */
function valueOf(record: ZoneRecord, type: RecordType): RecordDataByType[RecordType] | undefined {
  if (record.type !== type) return undefined;
  switch (record.type) {
    // As on the wire: the strings' bytes joined, then decoded (RFC 7208 §3.3).
    case 'TXT':
      return Buffer.concat(record.data).toString('utf8');
    case 'MX':
      return { preference: record.data.preference, exchange: record.data.exchange };
    case 'TLSA':
      return { ...record.data };
    case 'A':
    case 'AAAA':
    case 'CNAME':
    case 'PTR':
      return record.data;
    default:
      return undefined;
  }
}
