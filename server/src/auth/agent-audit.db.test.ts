import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentChanges, verifyWorkspace } from '../audit/workspace';
import { createTestServer, type TestServer } from '../testing/test-server';

describe('audit of changes to agents', () => {
  let s: TestServer;
  let agentId = '';
  let supervisorId = '';
  let adminId = '';
  const tokens = { agent: '', supervisor: '', admin: '' };

  beforeAll(async () => {
    s = await createTestServer();
    agentId = (await s.addAgent({ login: 'a1', password: 'agent password', role: 'agent' })).id;
    supervisorId = (await s.addAgent({ login: 's1', password: 'supervisor password', role: 'supervisor' })).id;
    adminId = (await s.addAgent({ login: 'root', password: 'admin password', role: 'admin' })).id;
    tokens.agent = await s.login('a1', 'agent password');
    tokens.supervisor = await s.login('s1', 'supervisor password');
    tokens.admin = await s.login('root', 'admin password');
  });
  afterAll(() => s.close());

  const patch = (token: string, id: string, payload: object) =>
    s.app.inject({ method: 'PATCH', url: `/api/agents/${id}`, payload, headers: { authorization: `Bearer ${token}` } });

  it('records who changed whom, from what to what, and when, in one verifiable chain', async () => {
    const { rows } = await s.db.query<{ status: string; capacity: number }>('SELECT status, capacity FROM agents WHERE id = $1', [agentId]);
    const start = rows[0]!;
    const before = Date.now();
    expect((await patch(tokens.supervisor, agentId, { status: 'online', capacity: start.capacity + 2 })).statusCode).toBe(200);
    expect((await patch(tokens.admin, agentId, { status: 'away' })).statusCode).toBe(200);

    const events = await agentChanges(s.db, agentId);
    expect(events).toHaveLength(2);
    expect(events[0]).toMatchObject({
      type: 'agent.updated',
      actor: { kind: 'agent', id: supervisorId },
      data: { agentId, from: { status: start.status, capacity: start.capacity }, to: { status: 'online', capacity: start.capacity + 2 } },
    });
    expect(events[1]).toMatchObject({ actor: { kind: 'agent', id: adminId }, data: { agentId, from: { status: 'online' }, to: { status: 'away' } } });
    const at = Date.parse(events[0]!.at);
    expect(at).toBeGreaterThanOrEqual(before - 1000);
    expect(at).toBeLessThanOrEqual(Date.now() + 1000);
    expect(await verifyWorkspace(s.db)).toMatchObject({ ok: true, events: 2 });
  });

  it('records nothing for a refused, failed or empty change', async () => {
    const count = async () => (await verifyWorkspace(s.db)).events;
    const n = await count();
    expect((await patch(tokens.agent, agentId, { capacity: 1 })).statusCode).toBe(403);
    expect((await patch(tokens.supervisor, 'no-such-agent', { capacity: 1 })).statusCode).toBe(404);
    expect((await patch(tokens.supervisor, agentId, { capacity: -1 })).statusCode).toBe(400);
    // Setting what is already set (a retried request) changes nothing and records nothing.
    expect((await patch(tokens.supervisor, agentId, { status: 'away' })).statusCode).toBe(200);
    expect(await count()).toBe(n);
  });
});
