import { describe, expect, it } from 'vitest';
import { isHealthy, waitForHealthy } from './health';

const URL = 'http://127.0.0.1:4170/api/health';

function fakeFetch(answers: (number | 'refused')[]): typeof fetch & { calls: number } {
  const impl = async () => {
    impl.calls += 1;
    const answer = answers[Math.min(impl.calls - 1, answers.length - 1)];
    if (answer === 'refused') throw new TypeError('fetch failed');
    return new Response('{}', { status: answer });
  };
  impl.calls = 0;
  return impl as unknown as typeof fetch & { calls: number };
}

describe('isHealthy', () => {
  it('is true only for a 2xx answer', async () => {
    expect(await isHealthy(URL, fakeFetch([200]))).toBe(true);
    expect(await isHealthy(URL, fakeFetch([503]))).toBe(false);
    expect(await isHealthy(URL, fakeFetch(['refused']))).toBe(false);
  });
});

describe('waitForHealthy', () => {
  it('keeps polling until the server answers', async () => {
    const fetchImpl = fakeFetch(['refused', 'refused', 503, 200]);
    await waitForHealthy(URL, { signal: new AbortController().signal, timeoutMs: 5000, intervalMs: 1, fetch: fetchImpl });
    expect(fetchImpl.calls).toBe(4);
  });

  it('gives up after the timeout', async () => {
    await expect(
      waitForHealthy(URL, {
        signal: new AbortController().signal,
        timeoutMs: 30,
        intervalMs: 5,
        fetch: fakeFetch(['refused']),
      }),
    ).rejects.toThrow(/did not answer/);
  });

  it('stops at once when aborted, for example because the server exited', async () => {
    const controller = new AbortController();
    const fetchImpl = fakeFetch(['refused']);
    const waiting = waitForHealthy(URL, { signal: controller.signal, timeoutMs: 60_000, intervalMs: 10, fetch: fetchImpl });
    setTimeout(() => controller.abort(new Error('server exited with code 1')), 25);
    await expect(waiting).rejects.toThrow('server exited with code 1');
    expect(fetchImpl.calls).toBeLessThan(10);
  });
});
