import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../../protocol/ids';
import type { Mutation } from '../../../protocol/sync';
import type { AuthContext } from '../auth/context';
import { createTestDb, type TestDb } from '../testing/test-db';
import { addAgent, addConversation, addCustomer, addTeam } from '../testing/fixtures';
import { push } from './push';

const send = (conversationId: string, body: string, messageId = newId()): Mutation => ({
  id: newId(),
  name: 'message.send',
  args: { messageId, conversationId, body },
});

describe('sync push', () => {
  let t: TestDb;
  let a1: AuthContext;
  let a2: AuthContext;
  let lead: AuthContext;
  let customer: string;

  beforeAll(async () => {
    t = await createTestDb();
    await addTeam(t.db, 'A');
    a1 = await addAgent(t.db, 'a1', 'agent', ['A']);
    a2 = await addAgent(t.db, 'a2', 'agent', ['A']);
    lead = await addAgent(t.db, 'lead', 'supervisor', []);
    customer = await addCustomer(t.db);
  });
  afterAll(() => t.dispose());

  const messagesIn = async (conv: string) =>
    (await t.db.query<{ id: string; body: string }>('SELECT id, body FROM messages WHERE conversation_id = $1 ORDER BY version', [conv])).rows;

  it('applies a retried mutation exactly once and returns the first result', async () => {
    const conv = await addConversation(t.db, { customerId: customer, teamId: 'A' });
    const m = send(conv, '您好，已为您查询订单');
    const first = await push(t.db, a1, { clientId: 'ws-1', mutations: [m] });
    const retry = await push(t.db, a1, { clientId: 'ws-1', mutations: [m] });
    expect(first.results).toEqual([{ id: m.id, status: 'applied' }]);
    expect(retry.results).toEqual(first.results);
    expect(await messagesIn(conv)).toHaveLength(1);
  });

  it('keeps one copy when the same message is re-sent under a new mutation id', async () => {
    const conv = await addConversation(t.db, { customerId: customer, teamId: 'A' });
    const messageId = newId();
    await push(t.db, a1, { clientId: 'ws-1', mutations: [send(conv, '第一次', messageId)] });
    const again = await push(t.db, a1, { clientId: 'ws-1', mutations: [send(conv, '第一次', messageId)] });
    expect(again.results[0]?.status).toBe('applied');
    expect(await messagesIn(conv)).toHaveLength(1);
  });

  it('makes the first responder the owner and rejects another agent with the owner named', async () => {
    const conv = await addConversation(t.db, { customerId: customer, teamId: 'A' });
    await push(t.db, a1, { clientId: 'ws-1', mutations: [send(conv, '我来处理')] });
    const { rows } = await t.db.query<{ assignee_id: string; status: string; unread_count: number }>(
      'SELECT assignee_id, status, unread_count FROM conversations WHERE id = $1',
      [conv],
    );
    expect(rows[0]).toMatchObject({ assignee_id: 'a1', status: 'open', unread_count: 0 });

    const r = await push(t.db, a2, { clientId: 'ws-2', mutations: [send(conv, '我也回一句')] });
    expect(r.results[0]).toMatchObject({ status: 'rejected', code: 'reassigned', params: { agentName: a1.name } });
    expect(await messagesIn(conv)).toHaveLength(1);

    const byLead = await push(t.db, lead, { clientId: 'ws-3', mutations: [send(conv, '主管补充说明')] });
    expect(byLead.results[0]?.status).toBe('applied');
  });

  it('rejects work on conversations outside the caller’s scope', async () => {
    await addTeam(t.db, 'B', 'tech');
    const other = await addConversation(t.db, { customerId: customer, teamId: 'B' });
    const r = await push(t.db, a1, { clientId: 'ws-1', mutations: [send(other, '越权回复')] });
    expect(r.results[0]).toMatchObject({ status: 'rejected', code: 'not_found' });
  });

  it('applies status, read and assignment mutations in order', async () => {
    const conv = await addConversation(t.db, { customerId: customer, teamId: 'A' });
    await t.db.write((tx) => tx.query('UPDATE conversations SET unread_count = 3 WHERE id = $1', [conv]));
    const r = await push(t.db, a1, {
      clientId: 'ws-1',
      mutations: [
        { id: newId(), name: 'conversation.assign', args: { conversationId: conv, assigneeId: 'a1' } },
        { id: newId(), name: 'conversation.markRead', args: { conversationId: conv } },
        { id: newId(), name: 'conversation.setStatus', args: { conversationId: conv, status: 'waiting_supplier' } },
        { id: newId(), name: 'conversation.assign', args: { conversationId: conv, assigneeId: 'a2' } },
      ],
    });
    expect(r.results.map((x) => x.status)).toEqual(['applied', 'applied', 'applied', 'rejected']);
    const { rows } = await t.db.query('SELECT assignee_id, status, unread_count FROM conversations WHERE id = $1', [conv]);
    expect(rows[0]).toMatchObject({ assignee_id: 'a1', status: 'waiting_supplier', unread_count: 0 });
  });

  it('refuses to replay another agent’s mutation id', async () => {
    const conv = await addConversation(t.db, { customerId: customer, teamId: 'A' });
    const m = send(conv, '原始回复');
    await push(t.db, a1, { clientId: 'ws-1', mutations: [m] });
    const r = await push(t.db, a2, { clientId: 'ws-2', mutations: [m] });
    expect(r.results[0]).toMatchObject({ status: 'rejected', code: 'invalid' });
  });
});
