import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../../protocol/ids';
import type { OrderSupplierResponse, ReissueResponse, SupplierConfig } from '../../../protocol/suppliers';
import { loadEvents } from '../audit/store';
import { addOrder, type CaseWorld, caseWorld, KEY, MASKED_KEY, SUPPLIER } from '../casework/testing';

describe('supplier routes', () => {
  let w: CaseWorld;
  beforeAll(async () => {
    w = await caseWorld();
  });
  afterAll(() => w.close());

  const lookup = (token: string, orderId = w.orderId) => w.call<OrderSupplierResponse>(token, 'GET', `/api/orders/${orderId}/supplier`);

  it('answers channel health, card keys, stock and distribution in one call', async () => {
    w.sandbox.setScenario('congested', w.supplierId);
    const res = await lookup(w.tokens.agent);
    expect(res.status).toBe(200);
    expect(res.body.supplier).toEqual({ id: w.supplierId, name: SUPPLIER });
    expect(res.body.health).toMatchObject({ ok: true, stale: false, data: { state: 'congested', etaMinutes: 15 } });
    expect(res.body.cardKeys).toMatchObject({ ok: true, data: [{ masked: MASKED_KEY, state: 'redeemed' }] });
    expect(res.body.inventory).toMatchObject({ ok: true, data: { product: '王者荣耀 60元点券卡', restockEtaMinutes: 15 } });
    expect(res.body.distribution).toMatchObject({ ok: true, data: [{ masked: MASKED_KEY, via: 'api' }] });
    // The four questions went out side by side, not one after another.
    expect(new Set(w.sandbox.requests.filter((r) => r.supplierId === w.supplierId).map((r) => r.path))).toEqual(
      new Set(['/v1/health', '/v1/card-keys', '/v1/inventory', '/v1/distribution']),
    );
    expect(JSON.stringify(res.body)).not.toContain(KEY);
  });

  it('keeps the parts that answered when others cannot', async () => {
    const fresh = await addOrder(w.s.db, { customerId: w.customerId, supplier: SUPPLIER, product: '网易一卡通 50元', keys: ['PART-IALS-TEST-9K3J'] });
    await w.s.db.write((tx) => tx.query('UPDATE suppliers SET retries = 0 WHERE id = $1', [w.supplierId]));
    w.sandbox.setScenario({ channel: 'healthy', etaMinutes: null, delayMs: 0, failNext: 2 }, w.supplierId);
    const res = await lookup(w.tokens.agent, fresh);
    await w.s.db.write((tx) => tx.query('UPDATE suppliers SET retries = 1 WHERE id = $1', [w.supplierId]));
    expect(res.status).toBe(200);
    const parts = [res.body.health, res.body.cardKeys, res.body.inventory, res.body.distribution];
    // Two of the four parallel questions met the error burst: they carry the error (with the
    // cached answer where there is one, i.e. channel health), the other two answered fresh.
    expect(parts.filter((p) => p.ok && !p.stale)).toHaveLength(2);
    expect(parts.filter((p) => !p.ok || p.stale).map((p) => p.error?.code)).toEqual(['supplier_error', 'supplier_error']);
  });

  it('shows the last known state, stale and aged, while the supplier is unreachable', async () => {
    await lookup(w.tokens.agent);
    await w.s.db.write((tx) => tx.query(`UPDATE suppliers SET base_url = 'http://127.0.0.1:9/unreachable' WHERE id = $1`, [w.supplierId]));
    const res = await lookup(w.tokens.agent);
    await w.s.db.write((tx) =>
      tx.query(`UPDATE suppliers SET base_url = $2 WHERE id = $1`, [w.supplierId, `${w.sandbox.url}/${w.supplierId}`]),
    );
    expect(res.status).toBe(200);
    for (const part of [res.body.health, res.body.cardKeys, res.body.inventory, res.body.distribution]) {
      expect(part).toMatchObject({ ok: true, stale: true, error: { code: 'unreachable' } });
    }
  });

  it('hides orders outside the agent\'s scope and says when the supplier is not connected', async () => {
    expect((await lookup(w.tokens.outsider)).status).toBe(404);
    expect((await lookup(w.tokens.supervisor)).status).toBe(200);
    const other = await addOrder(w.s.db, { customerId: w.customerId, supplier: '未接入的供应商' });
    const res = await w.call(w.tokens.agent, 'GET', `/api/orders/${other}/supplier`);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('supplier_not_configured');
  });

  it('reissues once per request id: a retry replays the first outcome', async () => {
    w.sandbox.setScenario('healthy', w.supplierId);
    const requestId = newId();
    const body = { requestId, conversationId: w.conversationId, reason: '卡密显示已使用但未到账' };
    const first = await w.call<ReissueResponse>(w.tokens.agent, 'POST', `/api/orders/${w.orderId}/reissue`, body);
    const again = await w.call<ReissueResponse>(w.tokens.agent, 'POST', `/api/orders/${w.orderId}/reissue`, body);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ replayed: false, reissue: { status: 'issued', replaced: [MASKED_KEY] } });
    expect(first.body.reissue.issued).toHaveLength(1);
    expect(again.body).toEqual({ ...first.body, replayed: true });
    expect(w.sandbox.requests.filter((r) => r.path === '/v1/reissues')).toHaveLength(1);

    const keys = await w.s.db.query<{ state: string }>('SELECT state FROM card_keys WHERE order_id = $1 ORDER BY created_at, id', [w.orderId]);
    expect(keys.rows.map((k) => k.state)).toEqual(['invalid', 'delivered']);
    const events = await loadEvents(w.s.db, w.conversationId);
    expect(events.filter((e) => e.type === 'order.reissued')).toHaveLength(1);
    const notices = await w.s.db.query<{ body: string }>(`SELECT body FROM messages WHERE conversation_id = $1 AND kind = 'system'`, [w.conversationId]);
    expect(notices.rows.filter((m) => m.body.includes('补发 1 张新卡密'))).toHaveLength(1);

    // The same id for another order is refused rather than replayed.
    const other = await addOrder(w.s.db, { customerId: w.customerId, supplier: SUPPLIER, keys: ['WXYZ-2345-6789-ABCD'] });
    const reused = await w.call(w.tokens.agent, 'POST', `/api/orders/${other}/reissue`, body);
    expect(reused.status).toBe(409);
    expect(reused.body.error.code).toBe('request_id_reused');
  });

  it('records the supplier refusing a reissue while its channel is congested', async () => {
    w.sandbox.setScenario('congested', w.supplierId);
    const res = await w.call<ReissueResponse>(w.tokens.agent, 'POST', `/api/orders/${w.orderId}/reissue`, {
      requestId: newId(),
      conversationId: w.conversationId,
      reason: '到账延迟',
    });
    expect(res.body.reissue).toMatchObject({ status: 'rejected', issued: [] });
    expect(res.body.reissue.message).toContain('拥堵');
    const events = await loadEvents(w.s.db, w.conversationId);
    expect(events.some((e) => e.type === 'order.reissue_rejected')).toBe(true);
  });

  it('lets admins alone manage supplier connections, never showing the API key', async () => {
    const create = { name: '新供应商', baseUrl: 'http://127.0.0.1:9/api', apiKey: 'sk-live-secret' };
    expect((await w.call(w.tokens.supervisor, 'POST', '/api/admin/suppliers', create)).status).toBe(403);
    const created = await w.call<{ supplier: SupplierConfig }>(w.tokens.admin, 'POST', '/api/admin/suppliers', create);
    expect(created.status).toBe(201);
    expect(created.body.supplier).toMatchObject({ name: '新供应商', hasApiKey: true, apiKeyHeader: 'X-Api-Key', breaker: 'closed' });
    expect(JSON.stringify(created.body)).not.toContain('sk-live-secret');
    expect((await w.call(w.tokens.admin, 'POST', '/api/admin/suppliers', create)).status).toBe(409);
    expect((await w.call(w.tokens.admin, 'POST', '/api/admin/suppliers', { name: '无地址' })).status).toBe(400);

    const id = created.body.supplier.id;
    const patched = await w.call<{ supplier: SupplierConfig }>(w.tokens.admin, 'PATCH', `/api/admin/suppliers/${id}`, { apiKey: null, retries: 0 });
    expect(patched.body.supplier).toMatchObject({ hasApiKey: false, retries: 0 });
    const list = await w.call<{ suppliers: SupplierConfig[] }>(w.tokens.admin, 'GET', '/api/admin/suppliers');
    expect(list.body.suppliers.map((s) => s.name)).toContain('新供应商');
    expect((await w.call(w.tokens.admin, 'DELETE', `/api/admin/suppliers/${id}`)).status).toBe(204);
    expect((await w.call(w.tokens.admin, 'DELETE', `/api/admin/suppliers/${id}`)).status).toBe(404);
    expect((await w.call(w.tokens.admin, 'GET', '/api/admin/supplier-sandbox')).status).toBe(404);
  });
});
