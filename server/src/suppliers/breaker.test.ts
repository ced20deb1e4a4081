import { describe, expect, it } from 'vitest';
import { admit, type BreakerOptions, type BreakerState, CLOSED, recordFailure, recordSuccess } from './breaker';

const opts: BreakerOptions = { failureThreshold: 3, openMs: 10_000 };

function failTimes(n: number, state: BreakerState = CLOSED, now = 0): BreakerState {
  let s = state;
  for (let i = 0; i < n; i++) s = recordFailure(s, now, opts);
  return s;
}

describe('circuit breaker', () => {
  it('stays closed below the threshold and lets calls through', () => {
    const s = failTimes(2);
    expect(s).toEqual({ kind: 'closed', failures: 2 });
    expect(admit(s, 0).allowed).toBe(true);
  });

  it('a success in between resets the count: only consecutive failures open it', () => {
    failTimes(2);
    const afterSuccess = recordSuccess();
    expect(failTimes(2, afterSuccess)).toEqual({ kind: 'closed', failures: 2 });
  });

  it('opens at the threshold and refuses calls for the open period', () => {
    const open = failTimes(3, CLOSED, 1_000);
    expect(open).toEqual({ kind: 'open', until: 11_000 });
    expect(admit(open, 1_000)).toEqual({ allowed: false, state: open });
    expect(admit(open, 10_999).allowed).toBe(false);
  });

  it('lets exactly one probe through after the open period (half-open)', () => {
    const open = failTimes(3, CLOSED, 0);
    const probe = admit(open, 10_000);
    expect(probe).toEqual({ allowed: true, state: { kind: 'half_open' } });
    // Others wait for the probe's outcome.
    expect(admit(probe.state, 10_001).allowed).toBe(false);
  });

  it('closes when the probe succeeds, reopens for a full period when it fails', () => {
    const half: BreakerState = { kind: 'half_open' };
    expect(recordSuccess()).toEqual(CLOSED);
    expect(recordFailure(half, 20_000, opts)).toEqual({ kind: 'open', until: 30_000 });
  });

  it('a late failure from before it opened does not extend the open period', () => {
    const open: BreakerState = { kind: 'open', until: 5_000 };
    expect(recordFailure(open, 4_000, opts)).toBe(open);
  });
});
