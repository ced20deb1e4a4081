import { describe, expect, it } from 'vitest';
import { checkBackoffMs, MAX_CHECK_ATTEMPTS, nextCheckState } from './supplier-checks';

const unavailable = { outcome: 'unavailable' as const, error: { code: 'timeout' as const, message: 'no answer in 3 s' } };

describe('supplier check retry policy', () => {
  it('finishes on any answer, however it came out', () => {
    for (const outcome of ['healthy', 'down'] as const) {
      expect(nextCheckState({ outcome, etaMinutes: null }, 2)).toEqual({ state: 'done', attempts: 2, retryInMs: null, error: null });
    }
    expect(nextCheckState({ outcome: 'already_notified' }, 0).state).toBe('done');
    expect(nextCheckState({ outcome: 'no_order' }, 0).state).toBe('done');
  });

  it('retries an unreachable supplier with a growing back-off, then gives up', () => {
    expect(nextCheckState(unavailable, 0)).toEqual({ state: 'retrying', attempts: 1, retryInMs: 30_000, error: 'timeout: no answer in 3 s' });
    expect(nextCheckState({ outcome: 'error', message: 'db gone' }, 1)).toEqual({ state: 'retrying', attempts: 2, retryInMs: 60_000, error: 'db gone' });
    expect(nextCheckState(unavailable, MAX_CHECK_ATTEMPTS - 1)).toMatchObject({ state: 'gave_up', attempts: MAX_CHECK_ATTEMPTS, retryInMs: null });
    expect(checkBackoffMs(3)).toBe(120_000);
    expect(checkBackoffMs(20)).toBe(15 * 60_000);
  });
});
