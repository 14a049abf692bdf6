import type { LookupResult, RecordType, Resolver } from './types.js';

/**
 * Lookups one domain's audit may ask for, answered from the cache or the wire. A complete audit of
 * an ordinary domain needs about 10; the largest legitimate one (8-query DMARC tree walk, existence
 * check, report destinations, the 100-query SPF cap) stays well below. Hostile data — a DMARC record
 * with a thousand external rua hosts, each costing a tree walk — is what this stops.
 */
export const MAX_LOOKUPS_PER_DOMAIN = 200;

/** Per-domain deadline as a multiple of one lookup's worst case (timeout × attempts). */
export const DOMAIN_DEADLINE_LOOKUPS = 10;

export function defaultDomainTimeoutMs(timeoutMs: number, retries: number): number {
  return DOMAIN_DEADLINE_LOOKUPS * timeoutMs * (retries + 1);
}

export interface DomainBudget {
  /** Lookups allowed; later ones fail with status `error` without being asked. */
  maxLookups: number;
  /** Milliseconds from the first lookup; lookups unanswered by then fail with status `error`. */
  deadlineMs?: number;
}

export interface BudgetedResolver {
  resolver: Resolver;
  /**
   * A signal that aborts when the deadline passes (or the audit is over), so work other than DNS (an
   * HTTPS fetch) ends with the domain; asking for it starts the clock if no lookup has.
   */
  deadline(): AbortSignal;
  /** Releases the deadline timer; call when the audit is over. */
  dispose(): void;
}

/**
 * One audit's view of the shared run resolver, with a hard cap on lookups and an optional deadline.
 * Both end in a failed lookup (`error`), never in "no record", so a domain that exhausts its budget
 * reports DNS_ERROR rather than a wrong verdict. The underlying lookups are not cancelled: they are
 * shared with other domains through the run's cache and end at their own timeouts.
 */
export function withBudget(resolver: Resolver, budget: DomainBudget): BudgetedResolver {
  let used = 0;
  let timer: NodeJS.Timeout | undefined;
  let expired = false;
  // Lookups not answered yet, each with the way to end it early: one closure per lookup is cheaper
  // than a race against a shared promise, and this runs for every lookup of every domain.
  const waiting = new Set<() => void>();
  // Made only for an audit that asks for it (one that fetches over HTTPS): most never do.
  let deadline: AbortController | undefined;
  const deadlineFailure = (name: string, type: RecordType): { status: 'error'; detail: string } => ({
    status: 'error',
    detail: `${name} ${type}: per-domain deadline of ${budget.deadlineMs} ms passed before an answer`,
  });
  const startClock = (): void => {
    if (budget.deadlineMs !== undefined && !expired) timer ??= setTimeout(expire, budget.deadlineMs);
  };
  const expire = (): void => {
    expired = true;
    deadline?.abort();
    for (const end of waiting) end();
    waiting.clear();
  };

  return {
    resolver: {
      resolve<T extends RecordType>(name: string, type: T): Promise<LookupResult<T>> {
        if (expired) return Promise.resolve(deadlineFailure(name, type));
        if (++used > budget.maxLookups) {
          return Promise.resolve({ status: 'error', detail: `${name} ${type}: not asked, the per-domain cap of ${budget.maxLookups} lookups was reached` });
        }
        if (budget.deadlineMs === undefined) return resolver.resolve(name, type);
        // An answer already in hand cannot miss the deadline; in a batch, about half the lookups are such cache hits.
        const finished = resolver.finishedLookup?.(name, type);
        if (finished) return finished;
        const lookup = resolver.resolve(name, type);
        startClock();
        return new Promise((resolve, reject) => {
          const end = (): void => resolve(deadlineFailure(name, type));
          waiting.add(end);
          lookup.then(
            (result) => {
              waiting.delete(end);
              resolve(result);
            },
            (error: unknown) => {
              waiting.delete(end);
              reject(error);
            },
          );
        });
      },
    },
    deadline: () => {
      deadline ??= new AbortController();
      if (expired) deadline.abort();
      startClock();
      return deadline.signal;
    },
    dispose: () => {
      clearTimeout(timer);
      // Ends what is still waiting, so nothing of this audit stays reachable.
      expire();
    },
  };
}
