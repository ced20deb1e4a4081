import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../../protocol/ids';
import { WorkloadSnapshot, type AgentWorkload } from '../../../protocol/supervision';
import { PushResponse } from '../../../protocol/sync';
import { addConversation, addCustomer, addTeam } from '../testing/fixtures';
import { createTestServer, type TestServer } from '../testing/test-server';

const MINUTE = 60_000;

describe('supervisor workload snapshot', () => {
  let s: TestServer;
  const tokens = { agent: '', supervisor: '', admin: '' };
  let ann = '';
  let bo = '';
  let lead = '';
  let customerId = '';

  async function message(conversationId: string, kind: 'customer' | 'agent', minutesAgo: number) {
    await s.db.write((tx) =>
      tx.query(
        `INSERT INTO messages (id, conversation_id, kind, author_name, body, created_at) VALUES ($1, $2, $3, '测试', '内容', $4)`,
        [newId(), conversationId, kind, new Date(Date.now() - minutesAgo * MINUTE)],
      ),
    );
  }

  beforeAll(async () => {
    s = await createTestServer();
    await addTeam(s.db, 'team-supply', 'supplier');
    ann = (await s.addAgent({ login: 'ann', password: 'agent password', role: 'agent', name: '安客服', teamIds: ['team-supply'] })).id;
    bo = (await s.addAgent({ login: 'bo', password: 'agent password', role: 'agent', name: '薄客服', teamIds: ['team-supply'] })).id;
    lead = (await s.addAgent({ login: 'lead', password: 'supervisor password', role: 'supervisor', name: '主管' })).id;
    await s.addAgent({ login: 'root', password: 'admin password', role: 'admin' });
    tokens.agent = await s.login('ann', 'agent password');
    tokens.supervisor = await s.login('lead', 'supervisor password');
    tokens.admin = await s.login('root', 'admin password');
    customerId = await addCustomer(s.db);
  });
  afterAll(() => s.close());

  const auth = (token: string | null) => (token ? { authorization: `Bearer ${token}` } : {});
  const snapshot = (token: string | null) => s.app.inject({ method: 'GET', url: '/api/supervision/agents', headers: auth(token) });
  const patch = (token: string | null, id: string, payload: unknown) =>
    s.app.inject({ method: 'PATCH', url: `/api/agents/${id}`, payload: payload as object, headers: auth(token) });
  const workloadOf = async (agentId: string): Promise<AgentWorkload> => {
    const res = await snapshot(tokens.supervisor);
    expect(res.statusCode).toBe(200);
    const found = WorkloadSnapshot.parse(res.json()).agents.find((a) => a.agentId === agentId);
    if (!found) throw new Error(`agent ${agentId} missing from the snapshot`);
    return found;
  };

  it('is for supervisors and admins only', async () => {
    expect((await snapshot(null)).statusCode).toBe(401);
    const forbidden = await snapshot(tokens.agent);
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json().error.code).toBe('forbidden');
    expect((await snapshot(tokens.supervisor)).statusCode).toBe(200);
    expect((await snapshot(tokens.admin)).statusCode).toBe(200);
  });

  it('counts open tickets and finds the customer who has waited longest', async () => {
    // Answered, then the customer wrote again 5 minutes ago: waiting since then.
    const answered = await addConversation(s.db, { customerId, teamId: 'team-supply', assigneeId: ann, status: 'open' });
    await message(answered, 'customer', 30);
    await message(answered, 'agent', 20);
    await message(answered, 'customer', 5);
    // Two unanswered customer messages, the first 12 minutes ago: the oldest wait.
    const unanswered = await addConversation(s.db, { customerId, teamId: 'team-supply', assigneeId: ann, status: 'new' });
    await message(unanswered, 'customer', 12);
    await message(unanswered, 'customer', 2);
    // Held but parked on the supplier: load, not a wait on the agent.
    const parked = await addConversation(s.db, { customerId, teamId: 'team-supply', assigneeId: ann, status: 'waiting_supplier' });
    await message(parked, 'customer', 60);
    // Resolved and unassigned tickets are nobody's load.
    await addConversation(s.db, { customerId, teamId: 'team-supply', assigneeId: ann, status: 'resolved' });
    await addConversation(s.db, { customerId, teamId: 'team-supply', assigneeId: null, status: 'new' });

    const res = await snapshot(tokens.supervisor);
    const agents = WorkloadSnapshot.parse(res.json()).agents;
    // Admins do not take tickets; agents come before supervisors.
    expect(agents.map((a) => a.login)).toEqual(['ann', 'bo', 'lead']);
    const a = agents[0]!;
    expect(a).toMatchObject({ name: '安客服', role: 'agent', teamIds: ['team-supply'], capacity: 8, openLoad: 3, waitingLoad: 2 });
    expect(a.oldestWaiting?.conversationId).toBe(unanswered);
    const waited = Date.now() - Date.parse(a.oldestWaiting!.since);
    expect(waited).toBeGreaterThan(11 * MINUTE);
    expect(waited).toBeLessThan(13 * MINUTE);
    expect(agents[1]).toMatchObject({ openLoad: 0, waitingLoad: 0, oldestWaiting: null });
  });

  it('shows status and capacity changes, refusing bad values and agents', async () => {
    for (const bad of [{}, { capacity: -1 }, { capacity: 101 }, { capacity: 2.5 }, { status: 'busy' }, { capacity: '3' }]) {
      const res = await patch(tokens.supervisor, bo, bad);
      expect(res.statusCode, JSON.stringify(bad)).toBe(400);
    }
    expect((await patch(tokens.agent, bo, { status: 'away' })).statusCode).toBe(403);
    expect((await patch(tokens.supervisor, 'no-such-agent', { status: 'away' })).statusCode).toBe(404);
    expect(await workloadOf(bo)).toMatchObject({ status: 'offline', capacity: 8 });

    expect((await patch(tokens.supervisor, bo, { status: 'away', capacity: 3 })).statusCode).toBe(200);
    expect(await workloadOf(bo)).toMatchObject({ status: 'away', capacity: 3 });
    expect((await patch(tokens.admin, bo, { capacity: 0 })).statusCode).toBe(200);
    expect(await workloadOf(bo)).toMatchObject({ status: 'away', capacity: 0 });
  });

  it('moves load when a supervisor reassigns through sync push, and audits it', async () => {
    const ticket = await addConversation(s.db, { customerId, teamId: 'team-supply', assigneeId: ann, status: 'new' });
    await message(ticket, 'customer', 40);
    const before = await workloadOf(ann);
    expect(before.oldestWaiting?.conversationId).toBe(ticket);

    const push = (token: string, assigneeId: string) =>
      s.app.inject({
        method: 'POST',
        url: '/api/sync/push',
        headers: auth(token),
        payload: { clientId: 'board', mutations: [{ id: newId(), name: 'conversation.assign', args: { conversationId: ticket, assigneeId } }] },
      });
    // An agent may not hand a colleague's ticket on.
    const refused = PushResponse.parse((await push(tokens.agent, bo)).json()).results[0];
    expect(refused).toMatchObject({ status: 'rejected' });
    expect((await workloadOf(ann)).openLoad).toBe(before.openLoad);

    const done = PushResponse.parse((await push(tokens.supervisor, bo)).json()).results[0];
    expect(done).toMatchObject({ status: 'applied' });
    const annAfter = await workloadOf(ann);
    expect(annAfter.openLoad).toBe(before.openLoad - 1);
    expect(annAfter.oldestWaiting?.conversationId).not.toBe(ticket);
    expect(await workloadOf(bo)).toMatchObject({ openLoad: 1, waitingLoad: 1, oldestWaiting: { conversationId: ticket } });

    const { rows } = await s.db.query<{ actor_id: string; data: { from: string; to: string } }>(
      `SELECT actor_id, data FROM ticket_events WHERE ticket_id = $1 AND type = 'ticket.assigned' ORDER BY seq`,
      [ticket],
    );
    expect(rows.at(-1)).toMatchObject({ actor_id: lead, data: { from: ann, to: bo } });
  });
});
