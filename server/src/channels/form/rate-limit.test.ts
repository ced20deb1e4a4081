import { describe, expect, it } from 'vitest';
import { RateLimiter } from './rate-limit';

describe('per-address rate limit', () => {
  it('allows a burst, then one request per refill period, per address', () => {
    let now = 0;
    const limiter = new RateLimiter({ capacity: 3, refillMs: 60_000, maxKeys: 100 }, () => now);
    expect([limiter.take('a'), limiter.take('a'), limiter.take('a')]).toEqual([0, 0, 0]);
    expect(limiter.take('a')).toBe(60_000);
    expect(limiter.take('b')).toBe(0);
    now = 30_000;
    expect(limiter.take('a')).toBe(30_000);
    now = 60_000;
    expect(limiter.take('a')).toBe(0);
    expect(limiter.take('a')).toBe(60_000);
    now = 10 * 60_000;
    expect([limiter.take('a'), limiter.take('a'), limiter.take('a'), limiter.take('a')]).toEqual([0, 0, 0, 60_000]);
  });

  it('forgets full buckets first and the least recently seen when memory is full', () => {
    let now = 0;
    const limiter = new RateLimiter({ capacity: 2, refillMs: 1000, maxKeys: 2 }, () => now);
    limiter.take('old');
    limiter.take('old');
    limiter.take('busy');
    limiter.take('busy');
    now = 500;
    limiter.take('new');
    // "old" was seen least recently and is forgotten: it starts again with a full bucket.
    expect(limiter.take('busy')).toBeGreaterThan(0);
    expect(limiter.take('old')).toBe(0);
  });
});
