import type { z } from 'zod';
import type { SupplierErrorCode } from '../../../protocol/suppliers';
import { HttpCallError, requestJson } from '../channels/http-json';
import {
  CONTRACT_PATHS,
  WireCardKeys,
  WireDistributions,
  WireHealth,
  WireInventory,
  type WireReissueRequest,
  WireReissueResult,
} from './contract';
import { backoffDelays, withRetries } from './retry';

/** Where and how to reach one supplier. */
export interface SupplierEndpoint {
  baseUrl: string;
  apiKeyHeader: string;
  apiKey: string | null;
  /** Per attempt, the whole exchange included. */
  timeoutMs: number;
  /** Extra attempts for reads. */
  retries: number;
}

export interface ClientOptions {
  backoffBaseMs: number;
  backoffMaxMs: number;
  sleep?: (ms: number) => Promise<void>;
}

export const DEFAULT_CLIENT_OPTIONS: ClientOptions = { backoffBaseMs: 200, backoffMaxMs: 2000 };

/** A supplier call that did not produce an answer Kadesk can use. Messages never carry the API key. */
export class SupplierCallError extends Error {
  constructor(
    readonly code: SupplierErrorCode,
    message: string,
    /** Worth another attempt: the supplier may answer next time. */
    readonly transient: boolean,
  ) {
    super(message);
    this.name = 'SupplierCallError';
  }
}

/** The supplier HTTP JSON contract (contract.ts) for one supplier. Reads retry; reissues do not. */
export class SupplierClient {
  constructor(
    private readonly endpoint: SupplierEndpoint,
    private readonly opts: ClientOptions = DEFAULT_CLIENT_OPTIONS,
  ) {}

  health() {
    return this.read(CONTRACT_PATHS.health, {}, WireHealth);
  }

  async cardKeys(by: { orderId: string } | { code: string }) {
    return (await this.read(CONTRACT_PATHS.cardKeys, by, WireCardKeys)).keys;
  }

  inventory(product: string) {
    return this.read(CONTRACT_PATHS.inventory, { product }, WireInventory);
  }

  async distribution(orderId: string) {
    return (await this.read(CONTRACT_PATHS.distribution, { orderId }, WireDistributions)).records;
  }

  /**
   * One attempt: the caller keeps the request id and asks again with it, which the contract
   * makes safe, rather than this call holding the agent for several timeouts.
   */
  reissue(request: WireReissueRequest) {
    return this.call('POST', CONTRACT_PATHS.reissues, {}, request, WireReissueResult);
  }

  private read<S extends z.ZodType>(path: string, query: Record<string, string>, schema: S): Promise<z.infer<S>> {
    const { backoffBaseMs, backoffMaxMs, sleep } = this.opts;
    return withRetries(() => this.call('GET', path, query, undefined, schema), {
      delays: backoffDelays(this.endpoint.retries, backoffBaseMs, backoffMaxMs),
      retryable: (err) => err instanceof SupplierCallError && err.transient,
      sleep,
    });
  }

  private async call<S extends z.ZodType>(
    method: 'GET' | 'POST',
    path: string,
    query: Record<string, string>,
    json: unknown,
    schema: S,
  ): Promise<z.infer<S>> {
    const { baseUrl, apiKeyHeader, apiKey, timeoutMs } = this.endpoint;
    const url = new URL(baseUrl.replace(/\/+$/, '') + path);
    for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
    let res;
    try {
      res = await requestJson(url, { method, headers: apiKey === null ? {} : { [apiKeyHeader]: apiKey }, json, timeoutMs });
    } catch (err) {
      if (!(err instanceof HttpCallError)) throw err;
      throw err.reason === 'timeout'
        ? new SupplierCallError('timeout', `供应商接口 ${timeoutMs} 毫秒内未响应 (the supplier did not answer within ${timeoutMs} ms)`, true)
        : new SupplierCallError('unreachable', '无法连接供应商接口 (the supplier cannot be reached)', true);
    }
    if (res.status === 404) {
      throw new SupplierCallError('not_found', '供应商查不到该订单或卡密 (the supplier does not know this order or key)', false);
    }
    if (res.status < 200 || res.status >= 300) {
      // Overload and server faults pass; anything else (a refused key, a contract mismatch) would repeat.
      const transient = res.status >= 500 || res.status === 429;
      throw new SupplierCallError('supplier_error', `供应商接口返回错误 ${res.status} (the supplier answered ${res.status})`, transient);
    }
    const parsed = schema.safeParse(res.body);
    if (!parsed.success) {
      throw new SupplierCallError('bad_response', '供应商返回的数据不符合接口约定 (the supplier\'s answer does not match the contract)', false);
    }
    return parsed.data;
  }
}
