/** A token as a channel's API issues it. */
export interface IssuedToken {
  token: string;
  expiresInSeconds: number;
}

// Refresh a little before the API's own expiry so a token never dies in flight.
const REFRESH_MARGIN_MS = 5 * 60_000;

/**
 * Caches a channel API's access token until shortly before it expires. Concurrent callers
 * share one fetch, and a token the API rejects early can be dropped so the next call
 * fetches a fresh one.
 */
export class AccessTokenCache {
  private current: { token: string; refreshAt: number } | null = null;
  private pending: Promise<string> | null = null;

  constructor(
    private readonly issue: () => Promise<IssuedToken>,
    private readonly now: () => number = Date.now,
  ) {}

  get(): Promise<string> {
    if (this.current && this.now() < this.current.refreshAt) return Promise.resolve(this.current.token);
    this.pending ??= this.issue()
      .then(({ token, expiresInSeconds }) => {
        const lifetimeMs = expiresInSeconds * 1000;
        // Short-lived tokens are kept for half their life rather than not at all.
        const keepMs = lifetimeMs > 2 * REFRESH_MARGIN_MS ? lifetimeMs - REFRESH_MARGIN_MS : lifetimeMs / 2;
        this.current = { token, refreshAt: this.now() + keepMs };
        return token;
      })
      .finally(() => {
        this.pending = null;
      });
    return this.pending;
  }

  /** Drops `token` if it is still the cached one; another caller may have refreshed already. */
  invalidate(token: string): void {
    if (this.current?.token === token) this.current = null;
  }
}
