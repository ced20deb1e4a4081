import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CompensationListResponse, CompensationResponse, SettlementResponse } from '../../../protocol/compensation';
import { newId } from '../../../protocol/ids';
import { loadEvents } from '../audit/store';
import { type CaseWorld, caseWorld, MASKED_KEY, SUPPLIER } from '../casework/testing';

describe('先行赔付 commands', () => {
  let w: CaseWorld;
  beforeAll(async () => {
    w = await caseWorld();
  });
  afterAll(() => w.close());

  const grant = (token: string, body: Record<string, unknown>) => w.call<CompensationResponse>(token, 'POST', '/api/compensations', body);
  const refused = (token: string, body: Record<string, unknown>) => w.call(token, 'POST', '/api/compensations', body);
  const chinaMonth = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);

  it('holds agents to ¥50 refunds per ticket with a clear refusal; supervisors may go further', async () => {
    const { conversationId } = await w.addCase({ amountCents: 10_000 });
    const over = await refused(w.tokens.agent, { kind: 'refund', requestId: newId(), conversationId, amountCents: 8000, cause: '重复扣款' });
    expect(over.status).toBe(403);
    expect(over.body.error.code).toBe('over_limit');
    expect(over.body.error.message).toContain('客服每张工单退款上限 ¥50.00，本次 ¥80.00');

    const ok = await grant(w.tokens.supervisor, { kind: 'refund', requestId: newId(), conversationId, amountCents: 8000, cause: '重复扣款' });
    expect(ok.status).toBe(201);
    expect(ok.body.compensation).toMatchObject({ kind: 'refund', amountCents: 8000, liable: 'supplier', supplier: SUPPLIER, settlementStatus: 'pending' });
  });

  it('counts earlier grants on the ticket, so coupons cannot be split past ¥20', async () => {
    const { conversationId } = await w.addCase();
    const first = await grant(w.tokens.agent, { kind: 'coupon', requestId: newId(), conversationId, amountCents: 1500, cause: '到账延迟' });
    expect(first.status).toBe(201);
    const second = await refused(w.tokens.agent, { kind: 'coupon', requestId: newId(), conversationId, amountCents: 1000, cause: '到账延迟' });
    expect(second.status).toBe(403);
    expect(second.body.error.message).toContain('此前优惠券已累计 ¥15.00');
  });

  it('records a command once per request id and refuses the id for a different command', async () => {
    const { conversationId } = await w.addCase();
    const body = { kind: 'coupon', requestId: newId(), conversationId, amountCents: 800, cause: '到账延迟' };
    const first = await grant(w.tokens.agent, body);
    const again = await grant(w.tokens.agent, body);
    expect([first.status, again.status]).toEqual([201, 200]);
    expect(again.body).toEqual({ compensation: first.body.compensation, replayed: true });
    expect(first.body.compensation.couponCode).toMatch(/^CP[0-9A-F]{12}$/);

    const rows = await w.s.db.query('SELECT 1 FROM compensations WHERE conversation_id = $1', [conversationId]);
    expect(rows.rows).toHaveLength(1);
    const notices = await w.s.db.query<{ body: string }>(`SELECT body FROM messages WHERE conversation_id = $1 AND kind = 'system'`, [
      conversationId,
    ]);
    expect(notices.rows.map((m) => m.body)).toEqual([expect.stringContaining('【先行赔付】已向您的账户发放 ¥8.00 优惠券')]);
    expect((await loadEvents(w.s.db, conversationId)).filter((e) => e.type === 'compensation.granted')).toHaveLength(1);

    const reused = await refused(w.tokens.agent, { ...body, amountCents: 900 });
    expect(reused.status).toBe(409);
    expect(reused.body.error.code).toBe('request_id_reused');
  });

  it('refunds no more than the order has left, and a full refund marks the order refunded', async () => {
    const { conversationId, orderId } = await w.addCase({ amountCents: 4000 });
    const before = (await w.s.db.query<{ version: number }>('SELECT version FROM orders WHERE id = $1', [orderId])).rows[0]!.version;
    const tooMuch = await refused(w.tokens.agent, { kind: 'refund', requestId: newId(), conversationId, amountCents: 4500, cause: '未到账' });
    expect(tooMuch.status).toBe(422);
    expect(tooMuch.body.error.code).toBe('amount_exceeds_order');

    await grant(w.tokens.agent, { kind: 'refund', requestId: newId(), conversationId, amountCents: 1000, cause: '未到账' });
    const rest = await grant(w.tokens.agent, { kind: 'refund', requestId: newId(), conversationId, cause: '未到账' });
    expect(rest.body.compensation.amountCents).toBe(3000);
    const order = (await w.s.db.query<{ state: string; version: number }>('SELECT state, version FROM orders WHERE id = $1', [orderId])).rows[0]!;
    expect(order.state).toBe('refunded');
    expect(order.version).toBeGreaterThan(before);
    const done = await refused(w.tokens.agent, { kind: 'refund', requestId: newId(), conversationId, amountCents: 100, cause: '未到账' });
    expect(done.body.error.code).toBe('already_refunded');
  });

  it('credits a percentage of the order, capped by percent for agents', async () => {
    const { conversationId } = await w.addCase({ amountCents: 6000 });
    const over = await refused(w.tokens.agent, { kind: 'credit', requestId: newId(), conversationId, percent: 20, cause: '体验补偿' });
    expect(over.status).toBe(403);
    const ok = await grant(w.tokens.agent, { kind: 'credit', requestId: newId(), conversationId, percent: 10, cause: '体验补偿', liable: 'platform' });
    expect(ok.body.compensation).toMatchObject({ amountCents: 600, percent: 10, liable: 'platform', settlementStatus: 'not_applicable' });
  });

  it('reissues through the supplier and records the value of the replaced keys', async () => {
    w.sandbox.setScenario('healthy', w.supplierId);
    const { conversationId, orderId } = await w.addCase({ amountCents: 6000 });
    const body = { kind: 'reissue', requestId: newId(), conversationId, cause: '卡密已使用未到账', cardKeys: [MASKED_KEY] };
    const res = await grant(w.tokens.agent, body);
    expect(res.status).toBe(201);
    expect(res.body.compensation).toMatchObject({ kind: 'reissue', orderId, amountCents: 6000, liable: 'supplier' });
    expect(res.body.compensation.reissuedKeys).toHaveLength(1);
    expect(res.body.compensation.reissuedKeys[0]).not.toBe(MASKED_KEY);
    expect((await grant(w.tokens.agent, body)).body.replayed).toBe(true);
    const keys = await w.s.db.query<{ state: string }>('SELECT state FROM card_keys WHERE order_id = $1 ORDER BY created_at, id', [orderId]);
    expect(keys.rows.map((k) => k.state)).toEqual(['invalid', 'delivered']);
    const types = (await loadEvents(w.s.db, conversationId)).map((e) => e.type);
    expect(types).toEqual(['order.reissued', 'compensation.granted']);
  });

  it('keeps other teams out and lists a ticket\'s compensations for those in scope', async () => {
    const { conversationId } = await w.addCase();
    const body = { kind: 'coupon', requestId: newId(), conversationId, amountCents: 300, cause: '到账延迟' };
    expect((await refused(w.tokens.outsider, body)).status).toBe(404);
    await grant(w.tokens.agent, body);
    const list = await w.call<CompensationListResponse>(w.tokens.agent, 'GET', `/api/compensations?conversationId=${conversationId}`);
    expect(list.body.compensations.map((c) => c.amountCents)).toEqual([300]);
    expect((await w.call(w.tokens.outsider, 'GET', `/api/compensations?conversationId=${conversationId}`)).status).toBe(404);
    const limits = await w.call<{ role: string; limits: { refundCents: number } }>(w.tokens.agent, 'GET', '/api/compensations/limits');
    expect(limits.body).toMatchObject({ role: 'agent', limits: { refundCents: 5000 } });
  });

  it('refuses to pay into a frozen account', async () => {
    const { conversationId } = await w.addCase();
    await w.s.db.write((tx) => tx.query('UPDATE customers SET frozen = true WHERE id = $1', [w.customerId]));
    const res = await refused(w.tokens.agent, { kind: 'coupon', requestId: newId(), conversationId, amountCents: 100, cause: '到账延迟' });
    await w.s.db.write((tx) => tx.query('UPDATE customers SET frozen = false WHERE id = $1', [w.customerId]));
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('customer_frozen');
  });

  it('totals the month\'s supplier-liable payouts per supplier for supervisors', async () => {
    const month = chinaMonth();
    const all = await w.call<SettlementResponse>(w.tokens.supervisor, 'GET', `/api/compensations/settlement?month=${month}`);
    expect(all.status).toBe(200);
    const { rows } = await w.s.db.query<{ total: number; n: number }>(
      `SELECT sum(amount_cents)::int AS total, count(*)::int AS n FROM compensations WHERE liable = 'supplier' AND supplier = $1`,
      [SUPPLIER],
    );
    expect(all.body.suppliers).toEqual([expect.objectContaining({ supplier: SUPPLIER, count: rows[0]!.n, amountCents: rows[0]!.total })]);
    expect(all.body.suppliers[0]!.byKind.reissue).toBe(6000);
    expect(all.body.records).toEqual([]);

    const one = await w.call<SettlementResponse>(w.tokens.admin, 'GET', `/api/compensations/settlement?supplier=${encodeURIComponent(SUPPLIER)}&month=${month}`);
    expect(one.body.records).toHaveLength(rows[0]!.n);
    expect(one.body.records.every((r) => r.liable === 'supplier')).toBe(true);

    expect((await w.call(w.tokens.agent, 'GET', `/api/compensations/settlement?month=${month}`)).status).toBe(403);
    expect((await w.call(w.tokens.supervisor, 'GET', '/api/compensations/settlement?month=2026-13')).status).toBe(400);
    const empty = await w.call<SettlementResponse>(w.tokens.supervisor, 'GET', '/api/compensations/settlement?month=2020-01');
    expect(empty.body.suppliers).toEqual([]);
  });
});
