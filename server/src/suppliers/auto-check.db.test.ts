import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEvents, verifyTicket } from '../audit/store';
import { type CaseWorld, caseWorld, SUPPLIER } from '../casework/testing';
import { addConversation } from '../testing/fixtures';
import { AUTO_REPLY_NAME, autoCheckNotReceived } from './auto-check';

describe('automatic check of a not-received ticket', () => {
  let w: CaseWorld;
  beforeAll(async () => {
    w = await caseWorld();
  });
  afterAll(() => w.close());

  const messages = (conversationId: string) =>
    w.s.db.query<{ kind: string; author_id: string | null; author_name: string; body: string }>(
      'SELECT kind, author_id, author_name, body FROM messages WHERE conversation_id = $1 ORDER BY created_at, id',
      [conversationId],
    );

  it('on a congested channel tells the customer the ETA, grants the coupon and waits on the supplier, once', async () => {
    w.sandbox.setScenario('congested', w.supplierId);
    const { conversationId, orderId } = await w.addCase();
    // Called with the database alone, as the pipeline does: the server's runtime is found from it.
    const first = await autoCheckNotReceived(w.s.db, conversationId);
    const again = await autoCheckNotReceived(w.s.db, conversationId);
    expect(first).toMatchObject({ outcome: 'notified', etaMinutes: 15, couponCents: 500 });
    expect(again).toEqual({ outcome: 'already_notified' });
    // The repeat call did not even ask the supplier.
    expect(w.sandbox.requests.filter((r) => r.path === '/v1/health')).toHaveLength(1);

    const { rows } = await messages(conversationId);
    const eta = rows.filter((m) => m.kind === 'agent');
    expect(eta).toHaveLength(1);
    expect(eta[0]).toMatchObject({ author_id: null, author_name: AUTO_REPLY_NAME });
    expect(eta[0]!.body).toContain(`订单 ${orderId}`);
    expect(eta[0]!.body).toContain('预计约 15 分钟内恢复');
    expect(rows.filter((m) => m.kind === 'system' && m.body.includes('¥5.00 优惠券'))).toHaveLength(1);

    const coupons = await w.s.db.query<{ amount_cents: number; liable: string; supplier: string; created_by: string | null }>(
      `SELECT amount_cents, liable, supplier, created_by FROM compensations WHERE conversation_id = $1`,
      [conversationId],
    );
    expect(coupons.rows).toEqual([{ amount_cents: 500, liable: 'supplier', supplier: SUPPLIER, created_by: null }]);
    const conv = await w.s.db.query<{ status: string; last_message_preview: string }>(
      'SELECT status, last_message_preview FROM conversations WHERE id = $1',
      [conversationId],
    );
    expect(conv.rows[0]!.status).toBe('waiting_supplier');

    const events = await loadEvents(w.s.db, conversationId);
    expect(events.map((e) => e.type)).toEqual(['supplier.auto_check', 'status.changed', 'compensation.granted']);
    expect(events[0]!.data).toMatchObject({ channel: 'congested', etaMinutes: 15, supplier: SUPPLIER });
    expect(events[1]!.data).toMatchObject({ from: 'new', to: 'waiting_supplier' });
    expect(events.every((e) => e.actor.kind === 'system')).toBe(true);
    expect((await verifyTicket(w.s.db, conversationId)).ok).toBe(true);
  });

  it('notifies once when two checks of one ticket race', async () => {
    w.sandbox.setScenario('congested', w.supplierId);
    const { conversationId } = await w.addCase();
    const outcomes = await Promise.all([autoCheckNotReceived(w.s.db, conversationId), autoCheckNotReceived(w.s.db, conversationId)]);
    expect(outcomes.map((o) => o.outcome).sort()).toEqual(['already_notified', 'notified']);
    expect((await w.s.db.query('SELECT 1 FROM compensations WHERE conversation_id = $1', [conversationId])).rows).toHaveLength(1);
    expect((await messages(conversationId)).rows.filter((m) => m.kind === 'agent')).toHaveLength(1);
  });

  it('leaves a ticket alone when the channel is healthy', async () => {
    w.sandbox.setScenario('healthy', w.supplierId);
    const { conversationId } = await w.addCase();
    expect(await autoCheckNotReceived(w.s.db, conversationId)).toEqual({ outcome: 'healthy', etaMinutes: null });
    expect((await messages(conversationId)).rows).toHaveLength(0);
    expect(await loadEvents(w.s.db, conversationId)).toHaveLength(0);
  });

  it('promises no ETA from a stale answer when the supplier cannot be reached', async () => {
    w.sandbox.setScenario({ channel: 'congested', etaMinutes: 15, delayMs: 0, failNext: 10 }, w.supplierId);
    const { conversationId } = await w.addCase();
    const out = await autoCheckNotReceived(w.s.db, conversationId);
    expect(out).toMatchObject({ outcome: 'unavailable', error: { code: 'supplier_error' } });
    expect((await messages(conversationId)).rows).toHaveLength(0);
    w.sandbox.setScenario('healthy', w.supplierId);
  });

  it('sends the ETA but no coupon to a frozen account, and skips tickets without an order', async () => {
    w.sandbox.setScenario('congested', w.supplierId);
    const { conversationId } = await w.addCase();
    await w.s.db.write((tx) => tx.query('UPDATE customers SET frozen = true WHERE id = $1', [w.customerId]));
    const out = await autoCheckNotReceived(w.s.db, conversationId);
    await w.s.db.write((tx) => tx.query('UPDATE customers SET frozen = false WHERE id = $1', [w.customerId]));
    expect(out).toMatchObject({ outcome: 'notified', couponCents: 0 });
    expect((await w.s.db.query('SELECT 1 FROM compensations WHERE conversation_id = $1', [conversationId])).rows).toHaveLength(0);

    const bare = await addConversation(w.s.db, { customerId: w.customerId, teamId: 'SUP' });
    expect(await autoCheckNotReceived(w.s.db, bare)).toEqual({ outcome: 'no_order' });
    w.sandbox.setScenario('healthy', w.supplierId);
  });
});
