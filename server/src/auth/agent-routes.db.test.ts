import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentResponse } from '../../../protocol/agents';
import { addTeam } from '../testing/fixtures';
import { createTestServer, type TestServer } from '../testing/test-server';

describe('agent management and role checks', () => {
  let s: TestServer;
  const tokens: Record<'agent' | 'supervisor' | 'admin', string> = { agent: '', supervisor: '', admin: '' };
  let agentId = '';

  beforeAll(async () => {
    s = await createTestServer();
    await addTeam(s.db, 'team-tech', 'tech');
    agentId = (await s.addAgent({ login: 'a1', password: 'agent password', role: 'agent', teamIds: ['team-tech'] })).id;
    await s.addAgent({ login: 's1', password: 'supervisor password', role: 'supervisor' });
    await s.addAgent({ login: 'root', password: 'admin password', role: 'admin' });
    tokens.agent = await s.login('a1', 'agent password');
    tokens.supervisor = await s.login('s1', 'supervisor password');
    tokens.admin = await s.login('root', 'admin password');
  });
  afterAll(() => s.close());

  const newAgent = { name: '新客服', login: 'new.agent', password: 'long enough', role: 'agent', teamIds: ['team-tech'] };
  const create = (token: string | null, payload: object = newAgent) =>
    s.app.inject({
      method: 'POST',
      url: '/api/admin/agents',
      payload,
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
  const patch = (token: string | null, id: string, payload: object) =>
    s.app.inject({
      method: 'PATCH',
      url: `/api/agents/${id}`,
      payload,
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });

  it('refuses every route without a token', async () => {
    for (const res of [
      await create(null),
      await patch(null, agentId, { capacity: 3 }),
      await s.app.inject({ method: 'GET', url: '/api/me' }),
      await s.app.inject({ method: 'POST', url: '/api/auth/logout' }),
    ]) {
      expect(res.statusCode).toBe(401);
      expect(res.json().error.code).toBe('unauthorized');
    }
  });

  it('lets only admins create agents', async () => {
    for (const role of ['agent', 'supervisor'] as const) {
      const res = await create(tokens[role]);
      expect(res.statusCode).toBe(403);
      expect(res.json().error).toMatchObject({ code: 'forbidden' });
    }
    const res = await create(tokens.admin);
    expect(res.statusCode).toBe(201);
    const { agent } = AgentResponse.parse(res.json());
    expect(agent).toMatchObject({ name: '新客服', login: 'new.agent', role: 'agent', teamIds: ['team-tech'], capacity: 8 });
    // The new account can sign in; the password was stored hashed.
    expect(await s.login('new.agent', 'long enough')).toBeTruthy();
    const { rows } = await s.db.query<{ password_hash: string }>(`SELECT password_hash FROM agents WHERE login = 'new.agent'`);
    expect(rows[0]!.password_hash).not.toContain('long enough');
  });

  it('refuses a taken login, unknown teams and weak input', async () => {
    const taken = await create(tokens.admin, { ...newAgent, login: 'NEW.AGENT' });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.code).toBe('login_taken');

    const badTeam = await create(tokens.admin, { ...newAgent, login: 'x1', teamIds: ['team-tech', 'no-such-team'] });
    expect(badTeam.statusCode).toBe(400);
    expect(badTeam.json().error.message).toContain('no-such-team');

    const short = await create(tokens.admin, { ...newAgent, login: 'x2', password: 'short' });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.message).toContain('password');

    const role = await create(tokens.admin, { ...newAgent, login: 'x3', role: 'owner' });
    expect(role.statusCode).toBe(400);
    expect(role.json().error.message).toContain('/role');

    const { rows } = await s.db.query(`SELECT 1 FROM agents WHERE login LIKE 'x%'`);
    expect(rows).toHaveLength(0);
  });

  it('lets supervisors and admins set status and capacity, not agents', async () => {
    const denied = await patch(tokens.agent, agentId, { capacity: 1 });
    expect(denied.statusCode).toBe(403);

    const before = await s.db.query<{ version: number }>('SELECT version FROM agents WHERE id = $1', [agentId]);
    const bySupervisor = await patch(tokens.supervisor, agentId, { capacity: 3 });
    expect(bySupervisor.statusCode).toBe(200);
    const { agent } = AgentResponse.parse(bySupervisor.json());
    expect(agent).toMatchObject({ id: agentId, capacity: 3, status: 'offline' });
    // The change travels through sync: the row got a newer version.
    expect(agent.version).toBeGreaterThan(before.rows[0]!.version);

    const byAdmin = await patch(tokens.admin, agentId, { status: 'away' });
    expect(byAdmin.json().agent).toMatchObject({ capacity: 3, status: 'away' });
  });

  it('validates the update and reports unknown agents', async () => {
    const empty = await patch(tokens.supervisor, agentId, {});
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.message).toContain('status');
    const negative = await patch(tokens.supervisor, agentId, { capacity: -1 });
    expect(negative.statusCode).toBe(400);
    const unknown = await patch(tokens.supervisor, 'no-such-agent', { capacity: 2 });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('not_found');
  });
});
