import { describe, expect, it } from 'vitest';
import { withBudget } from '../../src/dns/budget.js';
import { withCache } from '../../src/dns/cache.js';
import { createMemoryResolver } from '../../src/dns/memory.js';
import type { LookupResult, RecordType, Resolver } from '../../src/dns/types.js';

/** A resolver whose lookups stay open until the test answers them. */
function manualResolver(): Resolver & { calls: string[]; answer(result: LookupResult): void; fail(error: Error): void } {
  const calls: string[] = [];
  const open: { resolve: (result: LookupResult) => void; reject: (error: Error) => void }[] = [];
  return {
    calls,
    resolve: <T extends RecordType>(name: string, type: T) =>
      new Promise<LookupResult<T>>((resolve, reject) => {
        calls.push(`${type} ${name}`);
        open.push({ resolve: resolve as (result: LookupResult) => void, reject });
      }),
    answer: (result) => open.shift()?.resolve(result),
    fail: (error) => open.shift()?.reject(error),
  };
}

const NODATA: LookupResult = { status: 'nodata' };

describe('withBudget', () => {
  it('ends a lookup still unanswered at the deadline as an error, never as "no record"', async () => {
    const budgeted = withBudget(manualResolver(), { maxLookups: 10, deadlineMs: 5 });
    const result = await budgeted.resolver.resolve('slow.test', 'TXT');
    budgeted.dispose();
    expect(result).toEqual({ status: 'error', detail: 'slow.test TXT: per-domain deadline of 5 ms passed before an answer' });
  });

  it('answers every lookup after the deadline at once, without asking', async () => {
    const inner = manualResolver();
    const budgeted = withBudget(inner, { maxLookups: 10, deadlineMs: 5 });
    await budgeted.resolver.resolve('slow.test', 'TXT');
    expect(await budgeted.resolver.resolve('later.test', 'A')).toMatchObject({ status: 'error' });
    expect(inner.calls).toEqual(['TXT slow.test']);
    budgeted.dispose();
  });

  it.each<[string, number, string[]]>([
    ['within the cap every lookup is asked', 3, ['TXT a.test', 'TXT b.test', 'TXT c.test']],
    ['past the cap lookups fail without being asked', 2, ['TXT a.test', 'TXT b.test']],
  ])('%s', async (_, maxLookups, asked) => {
    const inner = manualResolver();
    const budgeted = withBudget(inner, { maxLookups });
    const results = ['a.test', 'b.test', 'c.test'].map((name) => budgeted.resolver.resolve(name, 'TXT'));
    for (let i = 0; i < asked.length; i++) inner.answer(NODATA);
    const settled = await Promise.all(results);
    expect(inner.calls).toEqual(asked);
    expect(settled.filter((result) => result.status === 'error')).toHaveLength(3 - asked.length);
    budgeted.dispose();
  });

  it('passes a rejected lookup on instead of holding it until the deadline', async () => {
    const inner = manualResolver();
    const budgeted = withBudget(inner, { maxLookups: 10, deadlineMs: 60_000 });
    const lookup = budgeted.resolver.resolve('bug.test', 'TXT');
    inner.fail(new Error('resolver bug'));
    await expect(lookup).rejects.toThrow('resolver bug');
    budgeted.dispose();
  });

  it('ends what is still waiting when disposed', async () => {
    const budgeted = withBudget(manualResolver(), { maxLookups: 10, deadlineMs: 60_000 });
    const lookup = budgeted.resolver.resolve('open.test', 'TXT');
    budgeted.dispose();
    expect(await lookup).toMatchObject({ status: 'error' });
  });

  it('hands out a finished cache entry as it is, still counting it against the cap', async () => {
    const inner = manualResolver();
    const cached = withCache(inner);
    const first = cached.resolve('shared.test', 'TXT');
    inner.answer(NODATA);
    await first;
    const budgeted = withBudget(cached, { maxLookups: 1, deadlineMs: 60_000 });
    expect(budgeted.resolver.resolve('shared.test', 'TXT')).toBe(first);
    expect(await budgeted.resolver.resolve('shared.test', 'TXT')).toMatchObject({ status: 'error' });
    budgeted.dispose();
  });
});

describe('withCache finishedLookup', () => {
  it('is undefined while the lookup is in flight and the shared lookup once it has answered', async () => {
    const inner = manualResolver();
    const cached = withCache(inner);
    const lookup = cached.resolve('Name.TEST.', 'A');
    expect(cached.finishedLookup?.('name.test', 'A')).toBeUndefined();
    inner.answer(NODATA);
    await lookup;
    expect(cached.finishedLookup?.('name.test', 'A')).toBe(lookup);
    expect(cached.finishedLookup?.('name.test', 'TXT')).toBeUndefined();
  });

  it('forgets a rejected lookup', async () => {
    const inner = manualResolver();
    const cached = withCache(inner);
    const lookup = cached.resolve('bug.test', 'A');
    inner.fail(new Error('resolver bug'));
    await expect(lookup).rejects.toThrow();
    expect(cached.finishedLookup?.('bug.test', 'A')).toBeUndefined();
    void cached.resolve('bug.test', 'A');
    expect(inner.calls).toEqual(['A bug.test', 'A bug.test']);
  });
});

describe('the deadline signal (for HTTPS fetches)', () => {
  it('starts the clock when asked for and aborts when the deadline passes', async () => {
    const budgeted = withBudget(createMemoryResolver({}), { maxLookups: 10, deadlineMs: 30 });
    const signal = budgeted.deadline();
    expect(signal.aborted).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(signal.aborted).toBe(true);
    expect(budgeted.deadline().aborted).toBe(true);
    budgeted.dispose();
  });

  it('aborts when the audit is over, deadline or not', () => {
    const budgeted = withBudget(createMemoryResolver({}), { maxLookups: 10 });
    const signal = budgeted.deadline();
    budgeted.dispose();
    expect(signal.aborted).toBe(true);
  });
});
