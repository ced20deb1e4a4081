import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LoginResponse, MeResponse } from '../../../protocol/auth';
import { createTestServer, type TestServer } from '../testing/test-server';
import { authenticateToken } from './guard';
import { hashToken } from './sessions';

describe('sign-in and sessions', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await createTestServer();
    await s.addAgent({ login: 'zhang', password: 'correct horse', role: 'agent', name: '测试客服张' });
    await s.addAgent({ login: 'gone', password: 'correct horse', role: 'agent' });
  });
  afterAll(() => s.close());

  const login = (login: string, password: string) =>
    s.app.inject({ method: 'POST', url: '/api/auth/login', payload: { login, password } });
  const me = (token?: string) =>
    s.app.inject({ method: 'GET', url: '/api/me', headers: token ? { authorization: `Bearer ${token}` } : {} });

  it('signs in with the right password and answers /api/me', async () => {
    const res = await login('zhang', 'correct horse');
    expect(res.statusCode).toBe(200);
    const body = LoginResponse.parse(res.json());
    expect(body.agent).toMatchObject({ login: 'zhang', name: '测试客服张', role: 'agent', deletedAt: null });
    expect(body.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const hours = (Date.parse(body.expiresAt) - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(11.9);
    expect(hours).toBeLessThanOrEqual(12);

    const who = await me(body.token);
    expect(who.statusCode).toBe(200);
    expect(MeResponse.parse(who.json()).agent.id).toBe(body.agent.id);
  });

  it('matches logins case-insensitively', async () => {
    expect((await login('  ZHANG ', 'correct horse')).statusCode).toBe(200);
  });

  it('gives the same 401 for a wrong password and an unknown login', async () => {
    const wrong = await login('zhang', 'wrong horse');
    const unknown = await login('nobody', 'correct horse');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.json().error.code).toBe('unauthorized');
  });

  it('stores only a hash of the token', async () => {
    const { token } = (await login('zhang', 'correct horse')).json();
    const { rows } = await s.db.query<{ token_hash: string }>('SELECT token_hash FROM sessions');
    const stored = rows.map((r) => r.token_hash);
    expect(stored).toContain(hashToken(token));
    expect(stored.some((h) => h.includes(token))).toBe(false);
    const dump = await s.db.query<{ t: string }>('SELECT string_agg(s::text, \'|\') AS t FROM sessions s');
    expect(dump.rows[0]!.t).not.toContain(token);
  });

  it('refuses missing, malformed and unknown tokens', async () => {
    expect((await me()).statusCode).toBe(401);
    expect((await me('not a token')).statusCode).toBe(401);
    expect((await me('A'.repeat(43))).statusCode).toBe(401);
    const basic = await s.app.inject({ method: 'GET', url: '/api/me', headers: { authorization: 'Basic emhhbmc6eA==' } });
    expect(basic.statusCode).toBe(401);
    expect(basic.json().error.code).toBe('unauthorized');
  });

  it('refuses an expired session', async () => {
    const { token } = (await login('zhang', 'correct horse')).json();
    expect((await me(token)).statusCode).toBe(200);
    await s.db.write((tx) =>
      tx.query(`UPDATE sessions SET expires_at = now() - interval '1 second' WHERE token_hash = $1`, [hashToken(token)]),
    );
    expect((await me(token)).statusCode).toBe(401);
    expect(await authenticateToken(s.db, token)).toBeNull();
  });

  it('revokes the session on logout', async () => {
    const { token } = (await login('zhang', 'correct horse')).json();
    const other = (await login('zhang', 'correct horse')).json().token;
    const out = await s.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { authorization: `Bearer ${token}` } });
    expect(out.statusCode).toBe(204);
    expect((await me(token)).statusCode).toBe(401);
    // Other sessions of the same agent (another workstation) stay signed in.
    expect((await me(other)).statusCode).toBe(200);
    expect((await s.app.inject({ method: 'POST', url: '/api/auth/logout' })).statusCode).toBe(401);
  });

  it('ends the sessions of a deleted agent and refuses their sign-in', async () => {
    const { token } = (await login('gone', 'correct horse')).json();
    expect(await authenticateToken(s.db, token)).toMatchObject({ role: 'agent', teamIds: [] });
    await s.db.write((tx) => tx.query(`UPDATE agents SET deleted_at = now() WHERE login = 'gone'`));
    expect((await me(token)).statusCode).toBe(401);
    expect(await authenticateToken(s.db, token)).toBeNull();
    expect((await login('gone', 'correct horse')).statusCode).toBe(401);
  });

  it('locks a login for a while after repeated wrong passwords', async () => {
    await s.addAgent({ login: 'target', password: 'right password', role: 'agent' });
    for (let i = 0; i < 5; i++) expect((await login('target', `guess ${i}`)).statusCode).toBe(401);
    const locked = await login('target', 'right password');
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.code).toBe('too_many_attempts');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    // Other logins are unaffected.
    expect((await login('zhang', 'correct horse')).statusCode).toBe(200);
  });
});
