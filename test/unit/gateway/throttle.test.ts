// Token buckets with an injected clock: burst first, then `rateLimit` per second, the method
// bucket before the account's, fresh buckets when limits change.
import { describe, expect, it } from 'vitest';
import { ACCOUNT_THROTTLE, TokenBucket, Throttler } from '../../../src/gateway/throttle.js';

describe('token bucket', () => {
  it('allows the burst at once, then refills at the rate', () => {
    const bucket = new TokenBucket({ rateLimit: 2, burstLimit: 3 }, 0);
    expect([1, 2, 3, 4].map(() => bucket.tryTake(0))).toEqual([true, true, true, false]);
    expect(bucket.tryTake(499)).toBe(false);
    expect(bucket.tryTake(500)).toBe(true);
    expect(bucket.tryTake(500)).toBe(false);
    // Never more than the burst, however long it idles.
    const later = 10_000_000;
    expect(Array.from({ length: 5 }, () => bucket.tryTake(later)).filter(Boolean)).toHaveLength(3);
  });

  it('takes fractional rates and a zero burst (everything throttled)', () => {
    const slow = new TokenBucket({ rateLimit: 0.5, burstLimit: 1 }, 0);
    expect(slow.tryTake(0)).toBe(true);
    expect(slow.tryTake(1999)).toBe(false);
    expect(slow.tryTake(2000)).toBe(true);
    const closed = new TokenBucket({ rateLimit: 100, burstLimit: 0 }, 0);
    expect(closed.tryTake(0)).toBe(false);
    expect(closed.tryTake(60_000)).toBe(false);
  });
});

describe('throttler', () => {
  it('checks the method bucket, then the account bucket', () => {
    let now = 0;
    const t = new Throttler(() => now);
    const method = { rateLimit: 1, burstLimit: 2 };
    const account = { rateLimit: 1, burstLimit: 3 };
    expect([1, 2, 3].map(() => t.allow('api/dev/GET', method, 'acct', account))).toEqual([true, true, false]);
    expect(t.allow('api/dev/POST', method, 'acct', account)).toBe(true);
    expect(t.allow('api/dev/PUT', method, 'acct', account)).toBe(false);
    now = 1000;
    expect(t.allow('api/dev/PUT', undefined, 'acct', account)).toBe(true);
  });

  it('replaces a bucket whose limits changed and forgets a stage', () => {
    const t = new Throttler(() => 0);
    expect(t.allow('a/s/GET', { rateLimit: 1, burstLimit: 1 }, 'acct')).toBe(true);
    expect(t.allow('a/s/GET', { rateLimit: 1, burstLimit: 1 }, 'acct')).toBe(false);
    expect(t.allow('a/s/GET', { rateLimit: 1, burstLimit: 2 }, 'acct')).toBe(true);
    expect(t.size).toBe(2);
    t.forget('a/s/');
    expect(t.size).toBe(1);
    expect(ACCOUNT_THROTTLE).toEqual({ rateLimit: 10_000, burstLimit: 5_000 });
  });
});
