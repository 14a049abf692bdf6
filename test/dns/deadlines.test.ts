import { describe, expect, it } from 'vitest';
import { DeadlineQueue, type Deadlined } from '../../src/dns/deadlines.js';

interface Entry extends Deadlined<Entry> {
  label: string;
}

const entry = (label: string): Entry => ({ label, deadline: 0, older: undefined, newer: undefined });

/** A queue on a clock the test moves; the sweep timer is real, so each test waits a few milliseconds. */
function queue(timeoutMs: number) {
  const clock = { now: 0 };
  const expired: string[] = [];
  let onExpire = (_: Entry): void => {};
  const deadlines = new DeadlineQueue<Entry>(timeoutMs, (e) => (expired.push(e.label), onExpire(e)), () => clock.now);
  return { deadlines, clock, expired, whenExpired: (f: (e: Entry) => void) => (onExpire = f) };
}

const timers = (): number => process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('DeadlineQueue', () => {
  it.each([
    { removed: [], expired: ['a', 'b', 'c'] },
    { removed: ['a'], expired: ['b', 'c'] },
    { removed: ['b'], expired: ['a', 'c'] },
    { removed: ['c'], expired: ['a', 'b'] },
    { removed: ['a', 'c'], expired: ['b'] },
    { removed: ['c', 'b', 'a'], expired: [] },
  ])('entries expire oldest first, removed ones never (removed $removed)', async ({ removed, expired: expected }) => {
    const { deadlines, clock, expired } = queue(5);
    const entries = new Map(['a', 'b', 'c'].map((label) => [label, entry(label)]));
    for (const e of entries.values()) deadlines.add(e);
    for (const label of removed) deadlines.remove(entries.get(label)!);
    clock.now = 5;
    await sleep(20);
    expect(expired).toEqual(expected);
  });

  it('expires only what has reached its deadline, and comes back for the rest', async () => {
    const { deadlines, clock, expired } = queue(5);
    deadlines.add(entry('early'));
    clock.now = 3;
    deadlines.add(entry('late'));
    clock.now = 5;
    await sleep(20);
    expect(expired).toEqual(['early']);
    clock.now = 8;
    await sleep(20);
    expect(expired).toEqual(['early', 'late']);
  });

  it('an entry added while another expires gets a full timeout of its own', async () => {
    const { deadlines, clock, expired, whenExpired } = queue(5);
    whenExpired((e) => {
      if (e.label === 'first') deadlines.add(entry('retry'));
    });
    deadlines.add(entry('first'));
    clock.now = 5;
    await sleep(20);
    expect(expired).toEqual(['first']);
    clock.now = 9;
    await sleep(20);
    expect(expired).toEqual(['first']);
    clock.now = 10;
    await sleep(20);
    expect(expired).toEqual(['first', 'retry']);
  });

  it('removing an entry twice, or one never added, changes nothing', async () => {
    const { deadlines, clock, expired } = queue(5);
    const [a, b] = [entry('a'), entry('b')];
    deadlines.add(a);
    deadlines.add(b);
    deadlines.remove(a);
    deadlines.remove(a);
    deadlines.remove(entry('stranger'));
    clock.now = 5;
    await sleep(20);
    expect(expired).toEqual(['b']);
  });

  it('holds a timer (and so the process) while something is queued, none once the queue is empty', () => {
    const before = timers();
    const { deadlines } = queue(60_000);
    const [a, b] = [entry('a'), entry('b')];
    deadlines.add(a);
    deadlines.add(b);
    expect(timers()).toBe(before + 1);
    deadlines.remove(b);
    expect(timers()).toBe(before + 1);
    deadlines.remove(a);
    expect(timers()).toBe(before);
  });
});
