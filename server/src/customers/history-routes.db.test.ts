import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CustomerHistoryResponse } from '../../../protocol/customers';
import { addConversation, addCustomer, addMessage, addTeam } from '../testing/fixtures';
import { createTestServer, type TestServer } from '../testing/test-server';

describe('GET /api/customers/:id/history', () => {
  let s: TestServer;
  let agentToken: string;
  let otherToken: string;
  let leadToken: string;
  let customer: string;
  const conversations: string[] = [];

  const at = (day: number) => new Date(Date.UTC(2026, 9, day, 8)).toISOString();
  const get = (token: string, path: string) =>
    s.app.inject({ method: 'GET', url: path, headers: { authorization: `Bearer ${token}` } });

  beforeAll(async () => {
    s = await createTestServer();
    await addTeam(s.db, 'A');
    await addTeam(s.db, 'B');
    await s.addAgent({ login: 'agent-a', password: 'kadesk-test', role: 'agent', teamIds: ['A'] });
    await s.addAgent({ login: 'agent-b', password: 'kadesk-test', role: 'agent', teamIds: ['B'] });
    await s.addAgent({ login: 'lead', password: 'kadesk-test', role: 'supervisor' });
    agentToken = await s.login('agent-a', 'kadesk-test');
    otherToken = await s.login('agent-b', 'kadesk-test');
    leadToken = await s.login('lead', 'kadesk-test');

    customer = await addCustomer(s.db);
    // Day 1..5 belong to team B (outside agent-a's scope), day 6 is agent-a's team; days 3 and 4 tie.
    const days = [1, 2, 3, 3, 5, 6];
    for (const [i, day] of days.entries()) {
      const id = await addConversation(s.db, { customerId: customer, teamId: i === 5 ? 'A' : 'B', status: i === 5 ? 'open' : 'resolved' });
      for (let m = 0; m < 3; m++) await addMessage(s.db, id, `第${i}个会话的第${m}条消息`);
      await s.db.write((tx) => tx.query('UPDATE conversations SET last_message_at = $2 WHERE id = $1', [id, at(day)]));
      conversations.push(id);
    }
  });
  afterAll(() => s.close());

  it('pages an agent through the whole history of a customer they serve, newest first, without splitting ties', async () => {
    const seen: string[] = [];
    let before: string | null = null;
    let pages = 0;
    do {
      const res = await get(agentToken, `/api/customers/${customer}/history?limit=2${before ? `&before=${encodeURIComponent(before)}` : ''}`);
      expect(res.statusCode).toBe(200);
      const body = CustomerHistoryResponse.parse(res.json());
      seen.push(...body.conversations.map((c) => c.id));
      for (const c of body.conversations) {
        expect(body.messages.filter((m) => m.conversationId === c.id)).toHaveLength(3);
      }
      before = body.nextBefore;
      pages++;
    } while (before);
    expect(pages).toBe(3);
    expect(seen).toHaveLength(6);
    expect(new Set(seen)).toEqual(new Set(conversations));
    expect(seen[0]).toBe(conversations[5]);
    expect(seen.at(-1)).toBe(conversations[0]);

    // A page that would end between the two conversations of day 3 takes both.
    const tied = CustomerHistoryResponse.parse((await get(agentToken, `/api/customers/${customer}/history?limit=3`)).json());
    expect(tied.conversations.map((c) => c.id).sort()).toEqual([conversations[2], conversations[3], conversations[4], conversations[5]].sort());
    expect(tied.nextBefore).toBe(at(3));
  });

  it('hides customers the agent does not serve and refuses bad input', async () => {
    const stranger = await addCustomer(s.db);
    await addConversation(s.db, { customerId: stranger, teamId: 'A' });
    expect((await get(otherToken, `/api/customers/${stranger}/history`)).statusCode).toBe(404);
    expect((await get(leadToken, `/api/customers/${stranger}/history`)).statusCode).toBe(200);
    expect((await get(leadToken, '/api/customers/nobody/history')).statusCode).toBe(404);
    expect((await get(agentToken, `/api/customers/${customer}/history?limit=500`)).statusCode).toBe(400);
    expect((await get(agentToken, `/api/customers/${customer}/history?before=yesterday`)).statusCode).toBe(400);
    const anonymous = await s.app.inject({ method: 'GET', url: `/api/customers/${customer}/history` });
    expect(anonymous.statusCode).toBe(401);
  });
});
