import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LruMap } from '../../src/dns/lru-map.js';

type Step = ['get' | 'set' | 'delete', string];

/** The reference: an array from least to most recently used, as slow and obvious as possible. */
function reference(capacity: number, steps: Step[]): { order: string[]; gets: (string | undefined)[] } {
  let order: string[] = [];
  const gets: (string | undefined)[] = [];
  for (const [op, key] of steps) {
    const present = order.includes(key);
    order = order.filter((k) => k !== key);
    if (op === 'get') gets.push(present ? key : undefined);
    if ((op === 'get' && present) || op === 'set') order.push(key);
    if (order.length > capacity) order.shift();
  }
  return { order, gets };
}

/** The keys still held after `steps`, in alphabetical order. */
function heldAfter(capacity: number, steps: Step[]): string[] {
  const map = new LruMap<string, string>(capacity);
  for (const [op, key] of steps) {
    if (op === 'get') map.get(key);
    else if (op === 'set') map.set(key, key);
    else map.delete(key);
  }
  const held = ['a', 'b', 'c'].filter((key) => map.get(key) === key);
  expect(map.size).toBe(held.length);
  return held;
}

describe('LruMap', () => {
  it.each<[string, number, Step[], string[]]>([
    ['keeps what fits', 2, [['set', 'a'], ['set', 'b']], ['a', 'b']],
    ['drops the least recently set', 2, [['set', 'a'], ['set', 'b'], ['set', 'c']], ['b', 'c']],
    ['a get refreshes', 2, [['set', 'a'], ['set', 'b'], ['get', 'a'], ['set', 'c']], ['a', 'c']],
    ['a get of a missing key changes nothing', 2, [['set', 'a'], ['set', 'b'], ['get', 'c'], ['set', 'c']], ['b', 'c']],
    ['a set of a present key refreshes it', 2, [['set', 'a'], ['set', 'b'], ['set', 'a'], ['set', 'c']], ['a', 'c']],
    ['delete frees room', 2, [['set', 'a'], ['set', 'b'], ['delete', 'a'], ['set', 'c']], ['b', 'c']],
    ['capacity 1', 1, [['set', 'a'], ['set', 'b']], ['b']],
  ])('%s', (_, capacity, steps, expected) => {
    expect(heldAfter(capacity, steps)).toEqual(expected);
  });

  it('behaves like the reference for any sequence', () => {
    const step = fc.tuple(fc.constantFrom<Step[0]>('get', 'set', 'delete'), fc.constantFrom('a', 'b', 'c', 'd', 'e'));
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }), fc.array(step, { maxLength: 40 }), (capacity, steps) => {
        const want = reference(capacity, steps);
        const map = new LruMap<string, string>(capacity);
        const gets = steps.flatMap(([op, key]): (string | undefined)[] => {
          if (op === 'get') return [map.get(key)];
          if (op === 'set') map.set(key, key);
          else map.delete(key);
          return [];
        });
        expect(gets).toEqual(want.gets);
        expect(map.size).toBe(want.order.length);
      }),
    );
  });

  it.each([0, -1, 1.5])('rejects capacity %s', (capacity) => {
    expect(() => new LruMap(capacity)).toThrow(RangeError);
  });
});
