export interface JsonResponse {
  status: number;
  /** The parsed body, or null when it was not JSON. */
  body: unknown;
}

/** Channel APIs are remote; a send that hangs must not hold a delivery lease forever. */
export const CHANNEL_HTTP_TIMEOUT_MS = 10_000;

/** Why a request got no HTTP answer at all; callers retry or fail over on it. */
export class HttpCallError extends Error {
  constructor(
    readonly reason: 'timeout' | 'network',
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'HttpCallError';
  }
}

/**
 * Calls a channel's JSON API. Network failures and timeouts throw an error that names the
 * path only: channel URLs carry access tokens in their query strings.
 */
export async function requestJson(
  url: URL,
  init: {
    method: 'GET' | 'POST';
    headers?: Record<string, string>;
    json?: unknown;
    /** Covers the whole exchange, body included; defaults to CHANNEL_HTTP_TIMEOUT_MS. */
    timeoutMs?: number;
  },
): Promise<JsonResponse> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: init.method,
      headers: { ...(init.json === undefined ? {} : { 'content-type': 'application/json' }), ...init.headers },
      body: init.json === undefined ? undefined : JSON.stringify(init.json),
      signal: AbortSignal.timeout(init.timeoutMs ?? CHANNEL_HTTP_TIMEOUT_MS),
    });
  } catch (err) {
    throw callError(init.method, url, err);
  }
  let text: string;
  try {
    text = await res.text();
  } catch (err) {
    // The timeout covers the body too: a server that stalls mid-answer is cut off as well.
    throw callError(init.method, url, err);
  }
  let body: unknown = null;
  try {
    body = JSON.parse(text);
  } catch {
    // Left null: callers treat a non-JSON answer like any other unexpected one.
  }
  return { status: res.status, body };
}

function callError(method: string, url: URL, err: unknown): HttpCallError {
  const timeout = err instanceof Error && err.name === 'TimeoutError';
  // The cause (connection refused, DNS, abort) names hosts, never the query string.
  return new HttpCallError(timeout ? 'timeout' : 'network', `${method} ${url.host}${url.pathname}: ${timeout ? 'timed out' : 'network error'}`, {
    cause: err,
  });
}
