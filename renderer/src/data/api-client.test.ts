import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { ApiClient, isTransient } from './api-client';

const client = (fetchFn: typeof fetch, onUnauthorized = vi.fn()) =>
  new ApiClient({ serverUrl: 'http://desk.example.test', getToken: async () => 'tok', fetch: fetchFn, onUnauthorized });

describe('api client', () => {
  it('rejects an answer that breaks the expected schema', async () => {
    const api = client(async () => new Response(JSON.stringify({ nope: 1 }), { status: 200 }));
    const err = await api.get('/x', z.object({ ok: z.boolean() })).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'response', code: 'invalid_response' });
    expect(isTransient(err)).toBe(true);
  });

  it('calls onUnauthorized on 401 and classifies errors for retrying', async () => {
    const onUnauthorized = vi.fn();
    const answer = (status: number) => async () =>
      new Response(JSON.stringify({ error: { code: 'c', message: 'm' } }), { status });
    const errOf = (status: number) => client(answer(status), onUnauthorized).postEmpty('/x').catch((e: unknown) => e);

    expect(isTransient(await errOf(401))).toBe(false);
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
    expect(isTransient(await errOf(400))).toBe(false);
    expect(isTransient(await errOf(429))).toBe(true);
    expect(isTransient(await errOf(503))).toBe(true);
    expect(isTransient(new TypeError('fetch failed'))).toBe(true);
  });

  it('fetches a file with the session token and turns an error answer into an ApiRequestError', async () => {
    const seen: Array<string | null> = [];
    const api = client(async (_url, init) => {
      seen.push(new Headers(init?.headers).get('Authorization'));
      return new Response(new Uint8Array([0x25, 0x50, 0x44, 0x46]), { status: 200, headers: { 'Content-Type': 'application/pdf' } });
    });
    const blob = await api.getBlob('/api/reports/service.pdf?month=2026-11');
    expect([...new Uint8Array(await blob.arrayBuffer())]).toEqual([0x25, 0x50, 0x44, 0x46]);
    expect(seen).toEqual(['Bearer tok']);
    const refused = client(async () => new Response(JSON.stringify({ error: { code: 'report_font_missing', message: '没有中文字体' } }), { status: 503 }));
    expect(await refused.getBlob('/x').catch((e: unknown) => e)).toMatchObject({ kind: 'http', status: 503, code: 'report_font_missing' });
  });

  it('gives up on a request that hangs, as a network failure', async () => {
    const hanging: typeof fetch = (_input, init) =>
      new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal?.reason)));
    const api = new ApiClient({ serverUrl: 'http://desk.example.test', getToken: async () => null, fetch: hanging, timeoutMs: 20 });
    const err = await api.postEmpty('/x').catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'network' });
    expect(isTransient(err)).toBe(true);
  });
});
