import { createMemoryResolver } from '../../src/dns/memory.js';
import type { MemoryZone, MemoryZoneEntry } from '../../src/dns/memory.js';
import type { LookupResult, RecordType, Resolver } from '../../src/dns/types.js';

/** A zone entry holding one TXT record. */
export const txt = (record: string): MemoryZoneEntry => ({ TXT: [record] });

/** Wraps a resolver and remembers every question asked, as "TYPE name". */
export function recording(inner: Resolver): Resolver & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    resolve<T extends RecordType>(name: string, type: T): Promise<LookupResult<T>> {
      asked.push(`${type} ${name}`);
      return inner.resolve(name, type);
    },
  };
}

export const zoneResolver = (zone: MemoryZone) => recording(createMemoryResolver(zone));

/**
 * A resolver for an endless generated tree: every name publishes the SPF record `record(name)`
 * and nothing else. Optional random delays shuffle the order answers arrive in.
 */
export function generated(record: (name: string) => string, options: { jitterMs?: number } = {}): Resolver & { asked: string[] } {
  return recording({
    async resolve<T extends RecordType>(name: string, type: T): Promise<LookupResult<T>> {
      if (options.jitterMs) await new Promise((resolve) => setTimeout(resolve, Math.random() * (options.jitterMs ?? 0)));
      if (type !== 'TXT') return { status: 'nxdomain' };
      return { status: 'answer', records: [record(name)], canonicalName: name } as LookupResult<T>;
    },
  });
}
