import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentServerFrame } from '../../../protocol/realtime';
import { addTeam } from '../testing/fixtures';
import { openSocket } from '../testing/sockets';
import { createTestServer, type TestServer } from '../testing/test-server';

// Macros and the knowledge base are fetched whole by workstations; a change tells the
// workstations that see it to fetch again, over their realtime socket.
describe('change notices for macros and the knowledge base', () => {
  let s: TestServer;
  let base: string;
  const tokens: Record<'agentA' | 'agentB' | 'admin', string> = { agentA: '', agentB: '', admin: '' };

  beforeAll(async () => {
    s = await createTestServer();
    await addTeam(s.db, 'G', 'general');
    await s.addAgent({ login: 'agent-a', password: 'secret-pass-1', role: 'agent', teamIds: ['G'] });
    await s.addAgent({ login: 'agent-b', password: 'secret-pass-1', role: 'agent', teamIds: ['G'] });
    await s.addAgent({ login: 'admin-x', password: 'secret-pass-1', role: 'admin' });
    tokens.agentA = await s.login('agent-a', 'secret-pass-1');
    tokens.agentB = await s.login('agent-b', 'secret-pass-1');
    tokens.admin = await s.login('admin-x', 'secret-pass-1');
    await s.app.listen({ host: '127.0.0.1', port: 0 });
    const addr = s.app.server.address();
    if (!addr || typeof addr === 'string') throw new Error('no port');
    base = `127.0.0.1:${addr.port}`;
  });
  afterAll(() => s.close());

  const socketOf = async (token: string) => {
    const sock = openSocket<AgentServerFrame>(`ws://${base}/api/realtime`);
    await sock.opened;
    sock.send({ type: 'auth', token });
    await sock.waitFor((f) => f.type === 'ready');
    return sock;
  };
  const call = async (token: string, method: string, url: string, payload: unknown) => {
    const res = await s.app.inject({ method: method as 'POST', url, headers: { authorization: `Bearer ${token}` }, payload: payload as object });
    expect(res.statusCode).toBeLessThan(300);
    return (res.body ? res.json() : {}) as { macro: { id: string } };
  };
  const changed = (frames: AgentServerFrame[], what: string) => frames.filter((f) => f.type === 'changed' && f.what === what).length;

  it("tells only the owner of a personal macro, everyone of a shared macro or a knowledge edit", async () => {
    const [a, b] = [await socketOf(tokens.agentA), await socketOf(tokens.agentB)];

    const personal = await call(tokens.agentA, 'POST', '/api/macros', { scope: 'personal', name: '我的：请稍候', actions: [{ type: 'reply', body: '请稍候' }] });
    await a.waitFor((f) => f.type === 'changed' && f.what === 'macros');
    await call(tokens.agentA, 'DELETE', `/api/macros/${personal.macro.id}`, undefined);
    await call(tokens.admin, 'POST', '/api/macros', { scope: 'shared', name: '通用：稍候回复', actions: [{ type: 'reply', body: '您好，请稍候。' }] });
    await b.waitFor((f) => f.type === 'changed' && f.what === 'macros');
    await a.waitFor(() => changed(a.frames, 'macros') >= 3);
    // Agent B heard of the shared macro only: the personal one and its removal are A's business.
    expect(changed(b.frames, 'macros')).toBe(1);

    await call(tokens.admin, 'PUT', '/api/knowledge/articles/kb-change-1', {
      title: '到账查询方法',
      body: '在游戏内查看充值记录。',
      categories: ['delivery_delayed'],
      keywords: ['到账'],
      audience: 'customer',
    });
    for (const sock of [a, b]) await sock.waitFor((f) => f.type === 'changed' && f.what === 'knowledge');
    for (const sock of [a, b]) sock.ws.close();
  });
});
