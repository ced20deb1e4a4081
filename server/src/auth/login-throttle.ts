/**
 * Per-login failure counter: after `maxFailures` wrong passwords within `windowMs` the login
 * is locked until the window ends. In memory, so a restart forgets it; it slows guessing,
 * it is not an audit trail.
 */
export class LoginThrottle {
  private failures = new Map<string, { count: number; since: number }>();

  constructor(
    private readonly maxFailures = 5,
    private readonly windowMs = 15 * 60_000,
    private readonly now: () => number = Date.now,
    private readonly maxTracked = 10_000,
  ) {}

  /** Milliseconds until `login` may try again; 0 when it is not locked. */
  retryAfterMs(login: string): number {
    const f = this.failures.get(login);
    if (!f) return 0;
    const left = f.since + this.windowMs - this.now();
    if (left <= 0) {
      this.failures.delete(login);
      return 0;
    }
    return f.count >= this.maxFailures ? left : 0;
  }

  fail(login: string): void {
    const at = this.now();
    const f = this.failures.get(login);
    if (f && at - f.since < this.windowMs) {
      f.count += 1;
      return;
    }
    if (this.failures.size >= this.maxTracked) this.forgetExpired(at);
    this.failures.set(login, { count: 1, since: at });
  }

  reset(login: string): void {
    this.failures.delete(login);
  }

  private forgetExpired(at: number): void {
    for (const [login, f] of this.failures) if (at - f.since >= this.windowMs) this.failures.delete(login);
    // Guessing across more logins than we track: drop the oldest rather than grow without bound.
    const oldest = this.failures.keys().next();
    if (this.failures.size >= this.maxTracked && !oldest.done) this.failures.delete(oldest.value);
  }
}
