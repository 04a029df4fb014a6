import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff.js';

describe('backoffDelay', () => {
  it('doubles from the base after each failed attempt, up to the cap', () => {
    const options = { baseMs: 1000, maxMs: 10_000, jitter: false };
    expect([1, 2, 3, 4, 5, 6].map((a) => backoffDelay(a, options))).toEqual([1000, 2000, 4000, 8000, 10_000, 10_000]);
  });

  it('stays finite for absurd attempt counts', () => {
    expect(backoffDelay(10_000, { baseMs: 1000, maxMs: 60_000, jitter: false })).toBe(60_000);
  });

  it('with jitter, spreads each wait over its second half', () => {
    expect(backoffDelay(3, { baseMs: 1000 }, () => 0)).toBe(2000);
    expect(backoffDelay(3, { baseMs: 1000 }, () => 1)).toBe(4000);
  });
});
