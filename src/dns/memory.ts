import { MAX_CNAME_HOPS } from './classify.js';
import { canonicalName, type FailureStatus, type LookupResult, type RecordDataByType, type RecordType, type Resolver } from './types.js';

/** Records at one name; a failure status makes every lookup of that name (or of that type) fail. */
export type MemoryZoneEntry = {
  [T in RecordType]?: RecordDataByType[T][] | FailureStatus;
} & { fail?: FailureStatus };

export type MemoryZone = Record<string, MemoryZoneEntry>;


/**
 * A resolver answering from a table: for tests and for library users who want to audit
 * prepared data. Follows CNAMEs and tells NXDOMAIN from NODATA as a real server would
 * (a name with records below it exists).
 */
export function createMemoryResolver(zone: MemoryZone): Resolver {
  const entries = new Map(Object.entries(zone).map(([name, entry]) => [canonicalName(name), entry]));
  const exists = (name: string): boolean => {
    if (entries.has(name)) return true;
    for (const key of entries.keys()) if (key.endsWith(`.${name}`)) return true;
    return false;
  };

  return {
    async resolve<T extends RecordType>(name: string, type: T): Promise<LookupResult<T>> {
      let current = canonicalName(name);
      for (let hop = 0; hop <= MAX_CNAME_HOPS; hop++) {
        const entry = entries.get(current);
        if (entry?.fail) return { status: entry.fail, detail: `${entry.fail} (memory zone)` };
        const data = entry?.[type] as RecordDataByType[T][] | FailureStatus | undefined;
        if (typeof data === 'string') return { status: data, detail: `${data} (memory zone)` };
        if (data && data.length > 0) return { status: 'answer', records: [...data], canonicalName: current };
        const alias = entry?.CNAME;
        if (type !== 'CNAME' && Array.isArray(alias) && alias[0]) {
          current = canonicalName(alias[0]);
          continue;
        }
        return exists(current) ? { status: 'nodata' } : { status: 'nxdomain' };
      }
      return { status: 'error', detail: `CNAME chain longer than ${MAX_CNAME_HOPS}` };
    },
  };
}
