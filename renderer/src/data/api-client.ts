import type { z } from 'zod';
import { ApiError } from '../../../protocol';

export type ApiErrorKind = 'network' | 'http' | 'response';

/** A failed API call: no answer (`network`), an error answer (`http`), or an answer that broke the protocol (`response`). */
export class ApiRequestError extends Error {
  constructor(
    readonly kind: ApiErrorKind,
    readonly status: number | null,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiRequestError';
  }
}

export function isUnauthorized(err: unknown): boolean {
  return err instanceof ApiRequestError && err.status === 401;
}

/**
 * Whether trying again later may succeed. Anything that is not an error answer from the
 * server counts as a network failure, including errors a custom transport throws.
 */
export function isTransient(err: unknown): boolean {
  if (!(err instanceof ApiRequestError) || err.kind !== 'http' || err.status === null) return true;
  return err.status >= 500 || err.status === 408 || err.status === 429;
}

export interface ApiClientOptions {
  serverUrl: string;
  getToken: () => Promise<string | null>;
  /** Called once per 401 answer, so the app can sign the agent out. */
  onUnauthorized?: () => void;
  fetch?: typeof fetch;
  /**
   * A request unanswered after this long counts as a network failure. Sync runs one
   * request at a time, so a connection that silently hangs must not hold the queue.
   */
  timeoutMs?: number;
}

export class ApiClient {
  private readonly fetchFn: typeof fetch;

  constructor(private readonly options: ApiClientOptions) {
    this.fetchFn = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  }

  get serverUrl(): string {
    return this.options.serverUrl;
  }

  async get<S extends z.ZodType>(path: string, schema: S): Promise<z.output<S>> {
    return this.parse(await this.send('GET', path), schema);
  }

  async post<S extends z.ZodType>(path: string, body: unknown, schema: S): Promise<z.output<S>> {
    return this.parse(await this.send('POST', path, body), schema);
  }

  async patch<S extends z.ZodType>(path: string, body: unknown, schema: S): Promise<z.output<S>> {
    return this.parse(await this.send('PATCH', path, body), schema);
  }

  async put<S extends z.ZodType>(path: string, body: unknown, schema: S): Promise<z.output<S>> {
    return this.parse(await this.send('PUT', path, body), schema);
  }

  /** A DELETE; its answer has no body worth reading. */
  async delete(path: string): Promise<void> {
    await this.send('DELETE', path);
  }

  /** A file the server makes (a report export), as the bytes it sent. */
  async getBlob(path: string): Promise<Blob> {
    return (await this.send('GET', path)).blob();
  }

  /** A POST whose answer has no body worth reading (e.g. 204). */
  async postEmpty(path: string, body?: unknown): Promise<void> {
    await this.send('POST', path, body);
  }

  private async send(method: string, path: string, body?: unknown): Promise<Response> {
    const headers: Record<string, string> = {};
    const token = await this.options.getToken();
    if (token) headers.Authorization = `Bearer ${token}`;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    let res: Response;
    try {
      res = await this.fetchFn(`${this.options.serverUrl}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 30_000),
      });
    } catch (err) {
      throw new ApiRequestError('network', null, 'network', err instanceof Error ? err.message : String(err));
    }
    if (res.ok) return res;
    const error = await errorOf(res);
    if (res.status === 401) this.options.onUnauthorized?.();
    throw error;
  }

  private async parse<S extends z.ZodType>(res: Response, schema: S): Promise<z.output<S>> {
    let json: unknown;
    try {
      json = await res.json();
    } catch {
      throw new ApiRequestError('response', res.status, 'invalid_response', 'response is not JSON');
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      throw new ApiRequestError('response', res.status, 'invalid_response', parsed.error.message);
    }
    return parsed.data;
  }
}

async function errorOf(res: Response): Promise<ApiRequestError> {
  let json: unknown = null;
  try {
    json = await res.json();
  } catch {
    // Proxies and crashed servers answer with HTML or nothing; the status is all there is.
  }
  const parsed = ApiError.safeParse(json);
  if (parsed.success) return new ApiRequestError('http', res.status, parsed.data.error.code, parsed.data.error.message);
  return new ApiRequestError('http', res.status, `http_${res.status}`, res.statusText || `HTTP ${res.status}`);
}
