import type { LookupResult, RecordType, Resolver } from './types.js';

/** A resolver that throws breaks its contract; treat that as a failed lookup (unknown), never as "no record". */
export async function resolveSafely<T extends RecordType>(resolver: Resolver, name: string, type: T): Promise<LookupResult<T>> {
  try {
    return await resolver.resolve(name, type);
  } catch (error) {
    return { status: 'error', detail: error instanceof Error ? error.message : String(error) };
  }
}
