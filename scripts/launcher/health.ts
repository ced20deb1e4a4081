import { setTimeout as sleep } from 'node:timers/promises';

export interface HealthWaitOptions {
  /** Aborted when waiting no longer makes sense (the server process exited). */
  signal: AbortSignal;
  timeoutMs: number;
  intervalMs: number;
  fetch?: typeof fetch;
}

/** Whether the URL answers with a 2xx right now. */
export async function isHealthy(url: string, fetchImpl: typeof fetch = fetch, signal?: AbortSignal): Promise<boolean> {
  const timeout = AbortSignal.timeout(2000);
  try {
    const response = await fetchImpl(url, { signal: signal ? AbortSignal.any([signal, timeout]) : timeout });
    await response.body?.cancel();
    return response.ok;
  } catch {
    return false;
  }
}

/** Polls the health URL until it answers; rejects on timeout or abort. */
export async function waitForHealthy(url: string, options: HealthWaitOptions): Promise<void> {
  const { signal, timeoutMs, intervalMs } = options;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    signal.throwIfAborted();
    if (await isHealthy(url, options.fetch, signal)) return;
    signal.throwIfAborted();
    if (Date.now() >= deadline) throw new Error(`${url} did not answer within ${Math.round(timeoutMs / 1000)} s`);
    // An aborted sleep rejects with a generic AbortError; surface the caller's reason instead.
    await sleep(intervalMs, undefined, { signal }).catch(() => signal.throwIfAborted());
  }
}
