import { describe, expect, it } from 'vitest';
import { autoConcurrencyBounds, nextConcurrency } from '../../src/engine/adaptive-concurrency.js';

const bounds = { min: 32, max: 1024 };

describe('nextConcurrency', () => {
  it.each<[string, number, number, number]>([
    ['waiting on the network: raise by half', 100, 0.3, 150],
    ['raise, but not past the maximum', 900, 0.1, 1024],
    ['saturated: lower gently', 100, 0.99, 85],
    ['lower, but not under the minimum', 33, 1, 32],
    ['busy but not saturated: hold', 100, 0.9, 100],
    ['at the lower threshold: hold', 100, 0.8, 100],
    ['at the upper threshold: hold', 100, 0.95, 100],
  ])('%s', (_, current, utilization, expected) => {
    expect(nextConcurrency(current, utilization, bounds)).toBe(expected);
  });

  it('reaches the maximum from the minimum within ten intervals of waiting, and returns to the minimum when saturated', () => {
    let limit = bounds.min;
    for (let i = 0; i < 10; i++) limit = nextConcurrency(limit, 0.2, bounds);
    expect(limit).toBe(bounds.max);
    for (let i = 0; i < 30; i++) limit = nextConcurrency(limit, 1, bounds);
    expect(limit).toBe(bounds.min);
  });
});

describe('autoConcurrencyBounds', () => {
  it.each<[string, number | undefined, { min: number; max: number }]>([
    ['no rate cap: the defaults', undefined, { min: 32, max: 1024 }],
    ['a high cap leaves them', 5000, { min: 32, max: 1024 }],
    ['a cap lowers the maximum to the rate', 200, { min: 32, max: 200 }],
    ['a very low cap lowers both', 10, { min: 10, max: 10 }],
  ])('%s', (_, rate, expected) => {
    expect(autoConcurrencyBounds(bounds, rate)).toEqual(expected);
  });
});
