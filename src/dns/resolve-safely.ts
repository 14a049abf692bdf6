import type { FailedLookup, LookupResult, RecordType, Resolver } from './types.js';

/** A resolver that throws breaks its contract; treat that as a failed lookup (unknown), never as "no record". */
export function resolveSafely<T extends RecordType>(resolver: Resolver, name: string, type: T): Promise<LookupResult<T>> {
  // Not an async function: this wraps every lookup of an audit, and a plain catch costs one promise, not three.
  try {
    return resolver.resolve(name, type).catch(brokenResolver);
  } catch (error) {
    return Promise.resolve(brokenResolver(error));
  }
}

function brokenResolver(error: unknown): FailedLookup {
  return { status: 'error', detail: error instanceof Error ? error.message : String(error) };
}
