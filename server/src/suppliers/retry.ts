/** How long to wait before each retry: exponential from `baseMs`, capped, with jitter. */
export function backoffDelays(retries: number, baseMs: number, maxMs: number, random: () => number = Math.random): number[] {
  // Half fixed, half random: retries from many workstations' lookups do not line up.
  return Array.from({ length: retries }, (_, i) => {
    const full = Math.min(maxMs, baseMs * 2 ** i);
    return Math.round(full / 2 + (random() * full) / 2);
  });
}

export interface RetryOptions {
  /** One entry per retry; empty means a single attempt. */
  delays: readonly number[];
  retryable: (err: unknown) => boolean;
  sleep?: (ms: number) => Promise<void>;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Runs `attempt` until it succeeds, fails with something not retryable, or the delays run out. */
export async function withRetries<T>(attempt: () => Promise<T>, opts: RetryOptions): Promise<T> {
  const sleep = opts.sleep ?? realSleep;
  for (let i = 0; ; i++) {
    try {
      return await attempt();
    } catch (err) {
      const delay = opts.delays[i];
      if (delay === undefined || !opts.retryable(err)) throw err;
      await sleep(delay);
    }
  }
}
