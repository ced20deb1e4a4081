export interface RateLimitOptions {
  /** Requests allowed in a burst. */
  capacity: number;
  /** One more request is allowed every this many ms. */
  refillMs: number;
  /** Keys remembered at most; beyond it the least recently seen are forgotten. */
  maxKeys: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * A token bucket per key (client IP), in memory: enough to blunt form spam from one
 * address. Each server instance counts on its own, which only loosens the limit.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly opts: RateLimitOptions,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes a token for `key`: 0 when the request may go ahead, else the ms until it may. */
  take(key: string): number {
    const at = this.now();
    const tokens = this.tokensOf(key, at);
    this.buckets.delete(key);
    if (tokens < 1) {
      this.buckets.set(key, { tokens, at });
      return Math.ceil((1 - tokens) * this.opts.refillMs);
    }
    this.buckets.set(key, { tokens: tokens - 1, at });
    if (this.buckets.size > this.opts.maxKeys) this.forget(at);
    return 0;
  }

  private tokensOf(key: string, at: number): number {
    const b = this.buckets.get(key);
    return b ? Math.min(this.opts.capacity, b.tokens + (at - b.at) / this.opts.refillMs) : this.opts.capacity;
  }

  /** Drops full buckets (they equal a fresh one), then the least recently used if still too many. */
  private forget(at: number): void {
    for (const key of this.buckets.keys()) if (this.tokensOf(key, at) >= this.opts.capacity) this.buckets.delete(key);
    for (const key of this.buckets.keys()) {
      if (this.buckets.size <= this.opts.maxKeys) break;
      this.buckets.delete(key);
    }
  }
}
