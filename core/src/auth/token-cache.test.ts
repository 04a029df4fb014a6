import { describe, expect, it } from 'vitest';
import { TokenCache } from './token-cache.js';

const actor = (userId: number, tokenId: number) => ({ userId, tokenId, channel: 'api' as const });

describe('TokenCache', () => {
  it('serves an entry until its time to live has passed', () => {
    const cache = new TokenCache(1000);
    cache.set('t1', actor(1, 10), 0);
    expect(cache.get('t1', 999)).toEqual(actor(1, 10));
    expect(cache.get('t1', 1001)).toBeUndefined();
    expect(cache.get('t1', 500)).toBeUndefined();
  });

  it('forgets revoked tokens, all tokens of a user, or everything, at once', () => {
    const cache = new TokenCache(60_000);
    cache.set('a', actor(1, 10), 0);
    cache.set('b', actor(1, 11), 0);
    cache.set('c', actor(2, 12), 0);
    cache.forgetToken(10);
    expect(cache.get('a', 1)).toBeUndefined();
    expect(cache.get('b', 1)).toBeDefined();
    cache.forgetUser(1);
    expect(cache.get('b', 1)).toBeUndefined();
    expect(cache.get('c', 1)).toBeDefined();
    cache.forgetAll();
    expect(cache.get('c', 1)).toBeUndefined();
  });
});
