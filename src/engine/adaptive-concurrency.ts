import { performance, type EventLoopUtilization } from 'node:perf_hooks';

export interface ConcurrencyBounds {
  min: number;
  max: number;
}

/**
 * The range `--concurrency auto` moves in. Under a query-rate cap the loop idles while lookups wait for
 * their turn, which would read as "waiting on the network" and raise the limit without end; at most
 * `rate` domains in flight keeps each lookup's wait to about a second per query the domain asks.
 */
export function autoConcurrencyBounds(defaults: ConcurrencyBounds, queriesPerSecond?: number): ConcurrencyBounds {
  if (queriesPerSecond === undefined) return defaults;
  const max = Math.min(defaults.max, queriesPerSecond);
  return { min: Math.min(defaults.min, max), max };
}

/** Below this share of busy time the run mostly waits on the network: more in flight overlaps more lookups. */
const WAITING_BELOW = 0.8;
/** Above it the run is bound by its own CPU: more in flight only adds live state for the garbage collector to copy. */
const BUSY_ABOVE = 0.95;

/**
 * The next limit on items in flight, from the event loop's utilisation over the last interval (the share of
 * time not spent waiting for I/O). Pure: raise quickly while waiting, lower gently while saturated, else hold.
 */
export function nextConcurrency(current: number, utilization: number, bounds: ConcurrencyBounds): number {
  if (utilization < WAITING_BELOW) return Math.min(bounds.max, Math.ceil(current * 1.5));
  if (utilization > BUSY_ABOVE) return Math.max(bounds.min, Math.floor(current * 0.85));
  return current;
}

/** How often the limit is reconsidered; long enough to average over many event-loop turns. */
const INTERVAL_MS = 200;

/**
 * A concurrency limit that follows the run: against a fast local resolver the run is CPU-bound and a small
 * limit is fastest; against a distant one, round trips dominate and hundreds of domains must overlap.
 */
export class AdaptiveConcurrency {
  private current: number;
  private last: EventLoopUtilization = performance.eventLoopUtilization();
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly bounds: ConcurrencyBounds) {
    this.current = bounds.min;
    this.timer = setInterval(() => this.adjust(), INTERVAL_MS).unref();
  }

  get limit(): number {
    return this.current;
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private adjust(): void {
    const now = performance.eventLoopUtilization();
    this.current = nextConcurrency(this.current, performance.eventLoopUtilization(now, this.last).utilization, this.bounds);
    this.last = now;
  }
}
