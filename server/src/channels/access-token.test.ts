import { describe, expect, it } from 'vitest';
import { AccessTokenCache } from './access-token';

describe('access token cache', () => {
  it('fetches once for concurrent callers and reuses the token until shortly before expiry', async () => {
    let now = 0;
    let issued = 0;
    const cache = new AccessTokenCache(async () => ({ token: `t${++issued}`, expiresInSeconds: 7200 }), () => now);
    expect(await Promise.all([cache.get(), cache.get(), cache.get()])).toEqual(['t1', 't1', 't1']);
    now = (7200 - 5 * 60 - 1) * 1000;
    expect(await cache.get()).toBe('t1');
    now += 2000;
    expect(await cache.get()).toBe('t2');
  });

  it('drops a token the API rejected, but not one another caller already replaced', async () => {
    let issued = 0;
    const cache = new AccessTokenCache(async () => ({ token: `t${++issued}`, expiresInSeconds: 7200 }));
    const first = await cache.get();
    cache.invalidate(first);
    const second = await cache.get();
    expect(second).toBe('t2');
    cache.invalidate(first);
    expect(await cache.get()).toBe('t2');
  });

  it('keeps short-lived tokens for half their life and lets a failed fetch be retried', async () => {
    let now = 0;
    let fail = true;
    const cache = new AccessTokenCache(async () => {
      if (fail) throw new Error('down');
      return { token: `t${now}`, expiresInSeconds: 60 };
    }, () => now);
    await expect(cache.get()).rejects.toThrow('down');
    fail = false;
    expect(await cache.get()).toBe('t0');
    now = 29_000;
    expect(await cache.get()).toBe('t0');
    now = 31_000;
    expect(await cache.get()).toBe('t31000');
  });
});
