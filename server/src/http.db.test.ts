import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../protocol/errors';
import { BODY_LIMIT_BYTES } from './app';
import { createTestServer, type TestServer } from './testing/test-server';

describe('HTTP surface: bad input, health, CORS, OpenAPI', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await createTestServer();
  });
  afterAll(() => s.close());

  const postLogin = (payload: string, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
    s.app.inject({ method: 'POST', url: '/api/auth/login', payload, headers });

  it('answers malformed JSON with a 400 ApiError', async () => {
    const res = await postLogin('{"login": "a", ');
    expect(res.statusCode).toBe(400);
    expect(ApiError.parse(res.json()).error.code).toBe('bad_request');
  });

  it('names the field when a value has the wrong type', async () => {
    const res = await postLogin(JSON.stringify({ login: 42, password: 'x' }));
    expect(res.statusCode).toBe(400);
    const { error } = ApiError.parse(res.json());
    expect(error.code).toBe('invalid_request');
    expect(error.message).toContain('/login');
    expect(error.message).toMatch(/string/);
  });

  it('refuses a body over 1 MiB with 413', async () => {
    const res = await postLogin(JSON.stringify({ login: 'a', password: 'x'.repeat(BODY_LIMIT_BYTES) }));
    expect(res.statusCode).toBe(413);
    expect(ApiError.parse(res.json()).error.code).toBe('body_too_large');
  });

  it('answers unknown API routes with a 404 ApiError, whatever the method', async () => {
    for (const method of ['GET', 'POST', 'DELETE'] as const) {
      const res = await s.app.inject({ method, url: '/api/no/such/route?x=1' });
      expect(res.statusCode).toBe(404);
      const { error } = ApiError.parse(res.json());
      expect(error.code).toBe('not_found');
      expect(error.message).toContain('/api/no/such/route');
    }
  });

  it('reports health without signing in', async () => {
    const res = await s.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', database: s.db.kind, inbound: { queued: 0, failed: 0 } });
  });

  it('allows the desktop app origin on the API, and nobody else', async () => {
    const preflight = (origin: string, url = '/api/me') =>
      s.app.inject({
        method: 'OPTIONS',
        url,
        headers: { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
      });
    const ok = await preflight('app://kadesk');
    expect(ok.statusCode).toBe(204);
    expect(ok.headers['access-control-allow-origin']).toBe('app://kadesk');
    expect(String(ok.headers['access-control-allow-headers'])).toMatch(/authorization/i);

    const evil = await preflight('https://evil.example');
    expect(evil.headers['access-control-allow-origin']).toBeUndefined();

    const page = await s.app.inject({ method: 'GET', url: '/', headers: { origin: 'app://kadesk' } });
    expect(page.headers['access-control-allow-origin']).toBeUndefined();

    const health = await s.app.inject({ method: 'GET', url: '/api/health', headers: { origin: 'app://kadesk' } });
    expect(health.headers['access-control-allow-origin']).toBe('app://kadesk');
  });

  it('publishes OpenAPI with the routes and their schemas', async () => {
    const res = await s.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json() as { openapi: string; paths: Record<string, Record<string, { requestBody?: unknown; security?: unknown[] }>> };
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/auth/login', '/api/me', '/api/health', '/api/agents/{id}']));
    expect(JSON.stringify(doc.paths['/api/auth/login']!.post!.requestBody)).toContain('password');
    expect(doc.paths['/api/health']!.get!.security).toEqual([]);
    // Page-serving routes are not API.
    expect(Object.keys(doc.paths).some((p) => !p.startsWith('/api/'))).toBe(false);
    const ui = await s.app.inject({ method: 'GET', url: '/api/docs' });
    expect([200, 302]).toContain(ui.statusCode);
  });
});
