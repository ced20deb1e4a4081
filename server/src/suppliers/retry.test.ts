import { describe, expect, it } from 'vitest';
import { backoffDelays, withRetries } from './retry';

describe('backoff', () => {
  it('doubles from the base, caps, and keeps at least half of each step', () => {
    expect(backoffDelays(4, 100, 300, () => 1)).toEqual([100, 200, 300, 300]);
    expect(backoffDelays(4, 100, 300, () => 0)).toEqual([50, 100, 150, 150]);
    expect(backoffDelays(0, 100, 300)).toEqual([]);
  });
});

describe('withRetries', () => {
  const retryable = (err: unknown) => err instanceof Error && err.message === 'transient';
  const slept: number[] = [];
  const sleep = async (ms: number) => {
    slept.push(ms);
  };

  it('retries transient failures with the given delays until one succeeds', async () => {
    slept.length = 0;
    let calls = 0;
    const out = await withRetries(
      async () => {
        calls++;
        if (calls < 3) throw new Error('transient');
        return 'ok';
      },
      { delays: [10, 20, 40], retryable, sleep },
    );
    expect(out).toBe('ok');
    expect(calls).toBe(3);
    expect(slept).toEqual([10, 20]);
  });

  it('gives up after the last delay with the last error', async () => {
    let calls = 0;
    await expect(
      withRetries(
        async () => {
          calls++;
          throw new Error('transient');
        },
        { delays: [1, 1], retryable, sleep },
      ),
    ).rejects.toThrow('transient');
    expect(calls).toBe(3);
  });

  it('does not retry what is not retryable', async () => {
    let calls = 0;
    await expect(
      withRetries(
        async () => {
          calls++;
          throw new Error('permanent');
        },
        { delays: [1, 1], retryable, sleep },
      ),
    ).rejects.toThrow('permanent');
    expect(calls).toBe(1);
  });
});
