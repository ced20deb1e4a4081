import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../testing/test-db';
import { addTeam } from '../testing/fixtures';
import { acceptInbound, type InboundMessage } from './inbound';

const msg = (over: Partial<InboundMessage> = {}): InboundMessage => ({
  channel: 'webchat',
  externalMessageId: 'ext-1',
  externalUserId: 'visitor-1',
  customerName: '示例玩家0001',
  body: '我买的点卡显示已使用但没到账，订单号 DD202611220001',
  ...over,
});

describe('inbound pipeline', () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
    await addTeam(t.db, 'G', 'general');
  });
  afterAll(() => t.dispose());

  it('creates the customer and a new ticket in the general queue on first contact', async () => {
    const a = await acceptInbound(t.db, msg());
    expect(a.duplicate).toBe(false);
    const { rows } = await t.db.query('SELECT status, team_id, unread_count, last_message_preview FROM conversations WHERE id = $1', [a.conversationId]);
    expect(rows[0]).toMatchObject({ status: 'new', team_id: 'G', unread_count: 1 });
    const ids = await t.db.query('SELECT customer_id FROM customer_identities WHERE channel = $1 AND external_id = $2', ['webchat', 'visitor-1']);
    expect(ids.rows[0]).toEqual({ customer_id: a.customerId });
  });

  it('accepts a retried message once', async () => {
    const first = await acceptInbound(t.db, msg({ externalMessageId: 'ext-retry' }));
    const again = await acceptInbound(t.db, msg({ externalMessageId: 'ext-retry' }));
    expect(again).toEqual({ ...first, duplicate: true });
    const { rows } = await t.db.query('SELECT count(*)::int AS n FROM messages WHERE id = $1', [first.messageId]);
    expect(rows[0]).toEqual({ n: 1 });
  });

  it('threads follow-ups into the open ticket and reopens after waiting on the customer', async () => {
    const a = await acceptInbound(t.db, msg({ externalMessageId: 'ext-2', externalUserId: 'visitor-2' }));
    await t.db.write((tx) => tx.query(`UPDATE conversations SET status = 'waiting_customer' WHERE id = $1`, [a.conversationId]));
    const b = await acceptInbound(t.db, msg({ externalMessageId: 'ext-3', externalUserId: 'visitor-2', body: '截图发您了' }));
    expect(b.conversationId).toBe(a.conversationId);
    const { rows } = await t.db.query('SELECT status, unread_count FROM conversations WHERE id = $1', [a.conversationId]);
    expect(rows[0]).toMatchObject({ status: 'open', unread_count: 2 });
  });

  it('opens a fresh ticket once the previous one is resolved', async () => {
    const a = await acceptInbound(t.db, msg({ externalMessageId: 'ext-4', externalUserId: 'visitor-3' }));
    await t.db.write((tx) => tx.query(`UPDATE conversations SET status = 'resolved' WHERE id = $1`, [a.conversationId]));
    const b = await acceptInbound(t.db, msg({ externalMessageId: 'ext-5', externalUserId: 'visitor-3' }));
    expect(b.conversationId).not.toBe(a.conversationId);
    expect(b.customerId).toBe(a.customerId);
  });
});
