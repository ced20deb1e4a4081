import { describe, expect, it } from 'vitest';
import { LoginThrottle } from './login-throttle';

describe('LoginThrottle', () => {
  const clock = () => {
    let t = 1_000_000;
    return { now: () => t, advance: (ms: number) => (t += ms) };
  };

  it('locks a login after the allowed failures, until the window ends', () => {
    const c = clock();
    const th = new LoginThrottle(3, 60_000, c.now);
    th.fail('lead');
    th.fail('lead');
    expect(th.retryAfterMs('lead')).toBe(0);
    c.advance(10_000);
    th.fail('lead');
    expect(th.retryAfterMs('lead')).toBe(50_000);
    expect(th.retryAfterMs('agent01')).toBe(0);
    c.advance(50_000);
    expect(th.retryAfterMs('lead')).toBe(0);
  });

  it('starts counting afresh after a success or an expired window', () => {
    const c = clock();
    const th = new LoginThrottle(2, 60_000, c.now);
    th.fail('a');
    th.reset('a');
    th.fail('a');
    expect(th.retryAfterMs('a')).toBe(0);
    c.advance(60_000);
    th.fail('a');
    expect(th.retryAfterMs('a')).toBe(0);
    th.fail('a');
    expect(th.retryAfterMs('a')).toBeGreaterThan(0);
  });

  it('stays bounded when guesses spread over many logins', () => {
    const c = clock();
    const th = new LoginThrottle(1, 60_000, c.now, 100);
    for (let i = 0; i < 1000; i++) th.fail(`guess${i}`);
    const tracked = Array.from({ length: 1000 }, (_, i) => th.retryAfterMs(`guess${i}`) > 0).filter(Boolean).length;
    expect(tracked).toBeLessThanOrEqual(100);
    expect(th.retryAfterMs('guess999')).toBeGreaterThan(0);
  });
});
