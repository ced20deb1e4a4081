import { describe, expect, it } from 'vitest';
import type { Agent } from '../../../protocol';
import { createBrowserBridge } from '../bridge/browser-bridge';
import { restoreSession, signIn, signOut } from './session';

const agent: Agent = {
  id: 'a1',
  version: 1,
  deletedAt: null,
  name: '测试客服甲',
  login: 'agent01',
  role: 'agent',
  teamIds: [],
  status: 'online',
  capacity: 8,
};

function memoryStorage() {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (k: string) => items.get(k) ?? null,
    setItem: (k: string, v: string) => void items.set(k, v),
    removeItem: (k: string) => void items.delete(k),
  };
}

function setup() {
  const storage = memoryStorage();
  const bridge = createBrowserBridge({
    location: { origin: 'http://desk.example.test', search: '' },
    storage,
    document: { title: 'Kadesk' },
    open: () => null,
  });
  return { storage, bridge };
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('session', () => {
  it('signs in, keeps the token and restores the session with it', async () => {
    const { storage, bridge } = setup();
    const seen: Array<{ url: string; auth: string | null }> = [];
    const fetchFn: typeof fetch = async (input, init) => {
      const url = String(input);
      seen.push({ url, auth: new Headers(init?.headers).get('authorization') });
      if (url.endsWith('/api/auth/login')) return json(200, { token: 'tok-9', expiresAt: '2026-11-02T00:00:00Z', agent });
      return json(200, { agent });
    };

    const session = await signIn(bridge, storage, 'agent01', 'secret-pass', fetchFn);
    expect(session.agent.name).toBe('测试客服甲');
    expect(await bridge.getToken()).toBe('tok-9');

    const restored = await restoreSession(bridge, storage, fetchFn);
    expect(restored).toEqual({ serverUrl: 'http://desk.example.test', agent, offline: false });
    expect(seen.at(-1)).toEqual({ url: 'http://desk.example.test/api/me', auth: 'Bearer tok-9' });
  });

  it('reports a wrong password with the server code and message', async () => {
    const { storage, bridge } = setup();
    const fetchFn: typeof fetch = async () => json(401, { error: { code: 'unauthorized', message: '登录名或密码错误' } });
    await expect(signIn(bridge, storage, 'agent01', 'wrong', fetchFn)).rejects.toMatchObject({
      status: 401,
      code: 'unauthorized',
      message: '登录名或密码错误',
    });
    expect(await bridge.getToken()).toBeNull();
  });

  it('clears a token the server rejects', async () => {
    const { storage, bridge } = setup();
    await bridge.setToken('stale');
    const fetchFn: typeof fetch = async () => json(401, { error: { code: 'unauthorized', message: '会话已过期' } });
    expect(await restoreSession(bridge, storage, fetchFn)).toBeNull();
    expect(await bridge.getToken()).toBeNull();
  });

  it('opens offline with the cached profile when the server is unreachable', async () => {
    const { storage, bridge } = setup();
    await signIn(bridge, storage, 'agent01', 'pw', async () => json(200, { token: 't', expiresAt: 'x', agent }));
    const down: typeof fetch = async () => {
      throw new TypeError('fetch failed');
    };
    expect(await restoreSession(bridge, storage, down)).toMatchObject({ agent, offline: true });
  });

  it('fails to restore offline without a cached profile, and surfaces server errors', async () => {
    const { storage, bridge } = setup();
    await bridge.setToken('t');
    await expect(
      restoreSession(bridge, storage, async () => {
        throw new TypeError('fetch failed');
      }),
    ).rejects.toMatchObject({ kind: 'network' });
    await expect(restoreSession(bridge, storage, async () => new Response('<html>bad gateway</html>', { status: 502 }))).rejects.toMatchObject({
      kind: 'http',
      status: 502,
      code: 'http_502',
    });
  });

  it('signs out locally even when the server cannot be reached', async () => {
    const { bridge } = setup();
    await bridge.setToken('t');
    await signOut(bridge, 'http://127.0.0.1:9');
    expect(await bridge.getToken()).toBeNull();
  });
});
