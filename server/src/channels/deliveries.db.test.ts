import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptInbound } from '../pipeline/inbound';
import { addTeam } from '../testing/fixtures';
import { createTestDb, type TestDb } from '../testing/test-db';
import { type ChannelSender, OutboundDeliveries, type PendingReply, type SendOutcome } from './deliveries';
import { receiptId } from './receipts';
import { addAgentReply, silentLog } from './testing';

/** Records what it is asked to send and answers with whatever the test scripts. */
class FakeSender implements ChannelSender {
  readonly channel = 'qq' as const;
  sent: PendingReply[] = [];
  script: SendOutcome[] = [];
  async send(reply: PendingReply): Promise<SendOutcome> {
    const outcome = this.script.shift() ?? { status: 'sent' };
    if (outcome.status === 'sent') this.sent.push(reply);
    // Yield so that concurrent senders really interleave.
    await new Promise((r) => setTimeout(r, 5));
    return outcome;
  }
}

let seq = 0;
async function customerWrites(t: TestDb, user: string, channel: 'qq' | 'wecom' = 'qq') {
  const id = `m${++seq}`;
  const a = await acceptInbound(t.db, {
    channel,
    externalMessageId: receiptId(`user:${user}`, id),
    externalUserId: user,
    customerName: user,
    body: `问题 ${id}`,
  });
  return { ...a, receipt: receiptId(`user:${user}`, id) };
}

async function delivery(t: TestDb, messageId: string) {
  const { rows } = await t.db.query<{ status: string; attempts: number; last_error: string | null }>(
    'SELECT status, attempts, last_error FROM outbound_deliveries WHERE message_id = $1',
    [messageId],
  );
  return rows[0] ?? null;
}

describe('outbound deliveries', () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
    await addTeam(t.db, 'G', 'general');
  });
  afterAll(() => t.dispose());

  it('numbers each reply after the customer message it answers', async () => {
    const sender = new FakeSender();
    const engine = new OutboundDeliveries(t.db, sender, silentLog);
    const first = await customerWrites(t, 'numbering');
    const a1 = await addAgentReply(t.db, first.conversationId, 'a1');
    const a2 = await addAgentReply(t.db, first.conversationId, 'a2');
    const second = await customerWrites(t, 'numbering');
    const a3 = await addAgentReply(t.db, first.conversationId, 'a3');
    await engine.run(first.conversationId);
    expect(sender.sent.map((r) => [r.messageId, r.answeringReceiptId, r.seq, r.body])).toEqual([
      [a1, first.receipt, 1, 'a1'],
      [a2, first.receipt, 2, 'a2'],
      [a3, second.receipt, 1, 'a3'],
    ]);
    expect(await delivery(t, a3)).toEqual({ status: 'sent', attempts: 1, last_error: null });
  });

  it('sends each reply once even when several senders run at the same time and again later', async () => {
    const senders = [new FakeSender(), new FakeSender(), new FakeSender()];
    const engines = senders.map((s) => new OutboundDeliveries(t.db, s, silentLog));
    const c = await customerWrites(t, 'concurrent');
    const ids = [];
    for (let i = 0; i < 5; i++) ids.push(await addAgentReply(t.db, c.conversationId, `r${i}`));
    await Promise.all(engines.flatMap((e) => [e.run(c.conversationId), e.run(null)]));
    await Promise.all(engines.map((e) => e.run(null)));
    const sent = senders.flatMap((s) => s.sent.map((r) => r.messageId));
    expect(sent.sort()).toEqual([...ids].sort());
  });

  it('retries a failed reply before anything later in its conversation, then gives up', async () => {
    const sender = new FakeSender();
    const engine = new OutboundDeliveries(t.db, sender, silentLog, { maxAttempts: 2 });
    const c = await customerWrites(t, 'retrying');
    const other = await customerWrites(t, 'unaffected');
    const stuck = await addAgentReply(t.db, c.conversationId, 'stuck');
    const later = await addAgentReply(t.db, c.conversationId, 'later');
    const elsewhere = await addAgentReply(t.db, other.conversationId, 'elsewhere');
    sender.script = [{ status: 'retry', error: 'busy' }];
    await engine.run(null);
    expect(sender.sent.map((r) => r.body)).toEqual(['elsewhere']);
    expect(await delivery(t, stuck)).toEqual({ status: 'retry', attempts: 1, last_error: 'busy' });
    expect(await delivery(t, later)).toBeNull();
    expect(await delivery(t, elsewhere)).toMatchObject({ status: 'sent' });

    // Once it is given up on, the conversation moves on.
    sender.script = [{ status: 'retry', error: 'still busy' }];
    await engine.run(null);
    expect(await delivery(t, stuck)).toEqual({ status: 'failed', attempts: 2, last_error: 'still busy' });
    expect(sender.sent.map((r) => r.body)).toEqual(['elsewhere', 'later']);
  });

  it('does not retry a permanent failure, nor take a live claim, but takes over an expired one', async () => {
    const sender = new FakeSender();
    const engine = new OutboundDeliveries(t.db, sender, silentLog, { leaseMs: 60_000 });
    const c = await customerWrites(t, 'leases');
    const refused = await addAgentReply(t.db, c.conversationId, 'refused');
    sender.script = [{ status: 'failed', error: 'recipient unknown' }];
    await engine.run(null);
    const claimed = await addAgentReply(t.db, c.conversationId, 'claimed elsewhere');
    await t.db.query(`INSERT INTO outbound_deliveries (message_id, channel, status, attempts) VALUES ($1, 'qq', 'sending', 1)`, [claimed]);
    // Another server instance is sending `claimed`; what follows it waits, to keep the order.
    await addAgentReply(t.db, c.conversationId, 'after it');
    await engine.run(null);
    expect(sender.sent).toEqual([]);
    expect(await delivery(t, refused)).toEqual({ status: 'failed', attempts: 1, last_error: 'recipient unknown' });

    // The other sender died mid-send: its lease runs out and the reply goes out after all.
    await t.db.query(`UPDATE outbound_deliveries SET claimed_at = now() - interval '2 minutes' WHERE message_id = $1`, [claimed]);
    await engine.run(null);
    expect(sender.sent.map((r) => r.body)).toEqual(['claimed elsewhere', 'after it']);
    expect(await delivery(t, claimed)).toEqual({ status: 'sent', attempts: 2, last_error: null });
  });

  it('leaves notes, customer messages, other channels and old replies alone', async () => {
    const sender = new FakeSender();
    const engine = new OutboundDeliveries(t.db, sender, silentLog);
    await engine.run(null); // whatever earlier tests left
    sender.sent = [];
    const c = await customerWrites(t, 'ignored');
    const wecom = await customerWrites(t, 'wecom-user', 'wecom');
    await t.db.write((tx) =>
      tx.query(`INSERT INTO messages (id, conversation_id, kind, author_name, body) VALUES ('note-1', $1, 'note', '客服', '内部备注')`, [c.conversationId]),
    );
    await addAgentReply(t.db, wecom.conversationId, 'for wecom');
    const old = await addAgentReply(t.db, c.conversationId, 'yesterday’s');
    await t.db.write((tx) => tx.query(`UPDATE messages SET created_at = now() - interval '2 days' WHERE id = $1`, [old]));
    await engine.run(null);
    expect(sender.sent).toEqual([]);
  });

  it('sends on the outbound notification once started, and stops cleanly', async () => {
    const sender = new FakeSender();
    const engine = new OutboundDeliveries(t.db, sender, silentLog, { sweepMs: 60_000 });
    await engine.start();
    try {
      const c = await customerWrites(t, 'notified');
      await addAgentReply(t.db, c.conversationId, 'pushed');
      await expect.poll(() => sender.sent.map((r) => r.body), { timeout: 5000 }).toEqual(['pushed']);
    } finally {
      await engine.stop();
    }
  });
});
