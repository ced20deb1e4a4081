import type { z } from 'zod';
import type { SupplierError, SupplierPart } from '../../../protocol/suppliers';
import type { Db } from '../db/db';
import { admit, type BreakerOptions, type BreakerState, CLOSED, DEFAULT_BREAKER, recordFailure, recordSuccess } from './breaker';
import { type ClientOptions, DEFAULT_CLIENT_OPTIONS, SupplierCallError, SupplierClient } from './client';
import { loadSnapshot, saveSnapshot } from './snapshots';
import type { SupplierRecord } from './store';

/** One cacheable question to a supplier: its cache key and the shape its answer keeps. */
export interface Question<T> {
  kind: string;
  key: string;
  schema: z.ZodType<T>;
}

export interface GatewayOptions {
  breaker: BreakerOptions;
  client: ClientOptions;
  now: () => number;
}

const errorOf = (err: SupplierCallError): SupplierError => ({ code: err.code, message: err.message });

/**
 * Every supplier call goes through here: one circuit breaker per supplier (in this server
 * process), and for reads the last answer from the database when a fresh one cannot be had.
 */
export class SupplierGateway {
  /** Base URL of the built-in sandbox supplier while it runs; suppliers set to use it are served there. */
  sandboxUrl: string | null = null;
  private readonly breakers = new Map<string, BreakerState>();
  private readonly opts: GatewayOptions;

  constructor(
    private readonly db: Db,
    opts: Partial<GatewayOptions> = {},
  ) {
    this.opts = { breaker: DEFAULT_BREAKER, client: DEFAULT_CLIENT_OPTIONS, now: Date.now, ...opts };
  }

  breakerState(supplierId: string): BreakerState['kind'] {
    return (this.breakers.get(supplierId) ?? CLOSED).kind;
  }

  /** Starts the supplier afresh, e.g. after an admin changed its connection. */
  forget(supplierId: string): void {
    this.breakers.delete(supplierId);
  }

  /**
   * A fresh answer (and it is cached), else the cached one marked stale with the error, else
   * the error alone. "Not found" is an answer, not an outage: no stale data for it.
   */
  async read<T>(supplier: SupplierRecord, q: Question<T>, ask: (c: SupplierClient) => Promise<T>): Promise<SupplierPart<T>> {
    try {
      const data = await this.guarded(supplier, ask);
      const fetchedAt = new Date(this.opts.now());
      await saveSnapshot(this.db, supplier.id, q.kind, q.key, data, fetchedAt);
      return { ok: true, data, stale: false, fetchedAt: fetchedAt.toISOString(), ageSeconds: 0, error: null };
    } catch (err) {
      if (!(err instanceof SupplierCallError)) throw err;
      const error = errorOf(err);
      if (err.code === 'not_found' || err.code === 'not_configured') return { ok: false, error };
      const cached = await loadSnapshot(this.db, supplier.id, q.kind, q.key);
      const parsed = cached && q.schema.safeParse(cached.data);
      if (!cached || !parsed?.success) return { ok: false, error };
      const ageSeconds = Math.max(0, Math.floor((this.opts.now() - cached.fetchedAt.getTime()) / 1000));
      return { ok: true, data: parsed.data, stale: true, fetchedAt: cached.fetchedAt.toISOString(), ageSeconds, error };
    }
  }

  /** A call with effects (reissue): the breaker applies, there is nothing cached to fall back on. */
  command<T>(supplier: SupplierRecord, send: (c: SupplierClient) => Promise<T>): Promise<T> {
    return this.guarded(supplier, send);
  }

  private async guarded<T>(supplier: SupplierRecord, call: (c: SupplierClient) => Promise<T>): Promise<T> {
    const client = this.clientFor(supplier);
    const admission = admit(this.breakers.get(supplier.id) ?? CLOSED, this.opts.now());
    this.breakers.set(supplier.id, admission.state);
    if (!admission.allowed) {
      throw new SupplierCallError('circuit_open', '供应商接口连续失败，暂停调用片刻 (the supplier failed repeatedly; calls are paused briefly)', true);
    }
    try {
      const out = await call(client);
      this.breakers.set(supplier.id, recordSuccess());
      return out;
    } catch (err) {
      // An answer, even "no such order", shows the supplier is up.
      const answered = err instanceof SupplierCallError && err.code === 'not_found';
      const state = this.breakers.get(supplier.id) ?? CLOSED;
      this.breakers.set(supplier.id, answered ? recordSuccess() : recordFailure(state, this.opts.now(), this.opts.breaker));
      throw err;
    }
  }

  private clientFor(s: SupplierRecord): SupplierClient {
    const baseUrl = s.useSandbox ? this.sandboxUrl && `${this.sandboxUrl}/${encodeURIComponent(s.id)}` : s.baseUrl;
    if (!baseUrl) {
      throw new SupplierCallError(
        'not_configured',
        s.useSandbox ? '沙箱供应商未启动 (the sandbox supplier is not running)' : '供应商未配置接口地址 (the supplier has no base URL)',
        false,
      );
    }
    return new SupplierClient({ baseUrl, apiKeyHeader: s.apiKeyHeader, apiKey: s.apiKey, timeoutMs: s.timeoutMs, retries: s.retries }, this.opts.client);
  }
}
