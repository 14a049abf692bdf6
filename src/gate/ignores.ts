import type { IgnoreEntry } from './config-schema.js';
import { resultId, type RuleResult } from './rules.js';

export interface SortedIgnores {
  active: IgnoreEntry[];
  /** Past their expiry: reported so someone renews or fixes them, and no longer applied. */
  expired: IgnoreEntry[];
}

/** Today as YYYY-MM-DD in UTC, so a pipeline's verdict does not depend on the runner's time zone. */
export function utcToday(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** An ignore applies through its expiry date and stops the day after. ISO dates compare as strings. */
export function sortIgnores(entries: readonly IgnoreEntry[], today: string): SortedIgnores {
  const active: IgnoreEntry[] = [];
  const expired: IgnoreEntry[] = [];
  for (const entry of entries) (entry.expires !== undefined && entry.expires < today ? expired : active).push(entry);
  return { active, expired };
}

/**
 * The ignore that covers a failed result for a domain, matched by finding code or rule name.
 * Only failures can be ignored: an undetermined result stays undetermined, so a DNS failure never
 * turns into a pass through an ignore.
 */
export function ignoreFor(active: readonly IgnoreEntry[], domain: string, result: RuleResult): IgnoreEntry | undefined {
  if (result.status !== 'fail') return undefined;
  return active.find(
    (entry) => (entry.code === result.rule || entry.code === resultId(result)) && (entry.domains === undefined || entry.domains.includes(domain)),
  );
}
