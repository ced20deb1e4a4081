import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../testing/test-db';
import { addTeam } from '../testing/fixtures';
import { acceptInbound, type InboundMessage } from './inbound';

const mail = (from: string, id: string, over: Partial<InboundMessage> = {}): InboundMessage => ({
  channel: 'email',
  externalMessageId: id,
  externalUserId: from,
  customerName: from,
  body: '订单 DD202611220001 的卡密提示无效，麻烦看一下',
  subject: '卡密无效',
  threadRef: id,
  ...over,
});

describe('email threading by Message-ID', () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
    await addTeam(t.db, 'G', 'general');
  });
  afterAll(() => t.dispose());

  it("joins the sender's own ticket, even after it was resolved", async () => {
    const first = await acceptInbound(t.db, mail('player0001@example.com', '<a1@example.com>'));
    await t.db.write((tx) => tx.query(`UPDATE conversations SET status = 'resolved' WHERE id = $1`, [first.conversationId]));
    const reply = await acceptInbound(
      t.db,
      mail('player0001@example.com', '<a2@example.com>', { body: '还是不行', replyTo: ['<a1@example.com>'] }),
    );
    expect(reply.conversationId).toBe(first.conversationId);
  });

  it("never joins another customer's ticket by naming its Message-ID", async () => {
    const victim = await acceptInbound(t.db, mail('player0002@example.com', '<b1@example.com>'));
    const intruder = await acceptInbound(
      t.db,
      mail('someone-else@example.com', '<x1@example.com>', { body: '我也要看', replyTo: ['<b1@example.com>'] }),
    );
    expect(intruder.conversationId).not.toBe(victim.conversationId);
    expect(intruder.customerId).not.toBe(victim.customerId);
  });
});
