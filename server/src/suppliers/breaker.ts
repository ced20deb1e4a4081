// A circuit breaker per supplier, as pure transitions over a small state value. Closed lets
// calls through and counts consecutive failures; enough of them open it, and while open no
// call goes out (callers answer from the cache at once instead of waiting on a dead
// supplier). After the open period one probe goes through (half-open): its success closes
// the breaker, its failure opens it for another period.

export interface BreakerOptions {
  /** Consecutive failed calls that open the breaker. */
  failureThreshold: number;
  /** How long it stays open before a probe is let through. */
  openMs: number;
}

export const DEFAULT_BREAKER: BreakerOptions = { failureThreshold: 5, openMs: 30_000 };

export type BreakerState =
  | { kind: 'closed'; failures: number }
  | { kind: 'open'; until: number }
  /** A probe is in flight; everyone else waits for its outcome. */
  | { kind: 'half_open' };

export const CLOSED: BreakerState = { kind: 'closed', failures: 0 };

export interface Admission {
  allowed: boolean;
  /** The state to keep, whether or not the call goes out. */
  state: BreakerState;
}

export function admit(state: BreakerState, now: number): Admission {
  switch (state.kind) {
    case 'closed':
      return { allowed: true, state };
    case 'open':
      return now < state.until ? { allowed: false, state } : { allowed: true, state: { kind: 'half_open' } };
    case 'half_open':
      return { allowed: false, state };
  }
}

export function recordSuccess(): BreakerState {
  return CLOSED;
}

export function recordFailure(state: BreakerState, now: number, opts: BreakerOptions): BreakerState {
  switch (state.kind) {
    case 'closed': {
      const failures = state.failures + 1;
      return failures >= opts.failureThreshold ? { kind: 'open', until: now + opts.openMs } : { kind: 'closed', failures };
    }
    case 'half_open':
      return { kind: 'open', until: now + opts.openMs };
    case 'open':
      // A call let through before the breaker opened failed late; the open period stands.
      return state;
  }
}
