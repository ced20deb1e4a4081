import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../../protocol/ids';
import type { FreezeResponse, TransactionFlowResponse } from '../../../protocol/security';
import type { PullResponse } from '../../../protocol/sync';
import { loadEvents } from '../audit/store';
import { type CaseWorld, caseWorld } from '../casework/testing';
import { addTeam } from '../testing/fixtures';

describe('security actions', () => {
  let w: CaseWorld;
  let security: string;
  beforeAll(async () => {
    w = await caseWorld();
    await addTeam(w.s.db, 'SEC', 'security');
    await w.s.addAgent({ login: 'case-security', password: 'case-pass-1', role: 'agent', teamIds: ['SEC'] });
    security = await w.s.login('case-security', 'case-pass-1');
  });
  afterAll(() => w.close());

  const freeze = (token: string, body: Record<string, unknown> = { reason: '疑似盗号，登录地异常' }) =>
    w.call<FreezeResponse>(token, 'POST', `/api/customers/${w.customerId}/freeze`, body);
  const unfreeze = (token: string) =>
    w.call<FreezeResponse>(token, 'POST', `/api/customers/${w.customerId}/unfreeze`, { reason: '本人核实通过' });
  const trail = () =>
    w.s.db.query<{ action: string; actor_id: string }>('SELECT action, actor_id FROM security_actions WHERE customer_id = $1 ORDER BY at, id', [
      w.customerId,
    ]);

  it('lets supervisors, admins and the security team freeze, and nobody else', async () => {
    const refused = await w.call(w.tokens.agent, 'POST', `/api/customers/${w.customerId}/freeze`, { reason: '试试' });
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toContain('账户安全组');

    const before = (await w.s.db.query<{ version: number }>('SELECT version FROM customers WHERE id = $1', [w.customerId])).rows[0]!.version;
    const done = await freeze(security, { reason: '疑似盗号，登录地异常', conversationId: w.conversationId });
    expect(done.body).toEqual({ customerId: w.customerId, frozen: true, changed: true });
    expect((await freeze(w.tokens.supervisor)).body.changed).toBe(false);

    // The flag travels to workstations with the customer row.
    const pulled = await w.call<PullResponse>(w.tokens.supervisor, 'POST', '/api/sync/pull', { cursor: before });
    const customer = pulled.body.changes.find((c) => c.table === 'customers' && c.row.id === w.customerId);
    expect(customer?.row).toMatchObject({ frozen: true });

    const events = await loadEvents(w.s.db, w.conversationId);
    expect(events.filter((e) => e.type === 'security.freeze')).toEqual([
      expect.objectContaining({ actor: { kind: 'agent', id: expect.any(String) }, data: expect.objectContaining({ reason: '疑似盗号，登录地异常' }) }),
    ]);
  });

  it('blocks payouts and reissues while frozen, and unfreezing lifts that', async () => {
    const { conversationId, orderId } = await w.addCase();
    const coupon = { kind: 'coupon', requestId: newId(), conversationId, amountCents: 100, cause: '到账延迟' };
    expect((await w.call(w.tokens.agent, 'POST', '/api/compensations', coupon)).body.error.code).toBe('customer_frozen');
    const reissue = await w.call(w.tokens.agent, 'POST', `/api/orders/${orderId}/reissue`, { requestId: newId(), reason: '补发' });
    expect(reissue.status).toBe(409);
    expect(reissue.body.error.code).toBe('customer_frozen');

    expect((await unfreeze(w.tokens.admin)).body).toMatchObject({ frozen: false, changed: true });
    expect((await w.call(w.tokens.agent, 'POST', '/api/compensations', coupon)).status).toBe(201);
    expect((await trail()).rows.map((r) => r.action)).toEqual(['freeze', 'unfreeze']);
  });

  it('shows the transaction flow oldest first to the security team, recording each look', async () => {
    expect((await w.call(w.tokens.agent, 'GET', `/api/customers/${w.customerId}/transactions`)).status).toBe(403);
    const res = await w.call<TransactionFlowResponse>(security, 'GET', `/api/customers/${w.customerId}/transactions`);
    expect(res.status).toBe(200);
    const at = res.body.transactions.map((t) => t.at);
    expect(at).toEqual([...at].sort());
    expect(res.body.transactions.filter((t) => t.type === 'purchase')).toHaveLength(2);
    expect(res.body.transactions.filter((t) => t.type === 'coupon')).toEqual([expect.objectContaining({ amountCents: 100, direction: 'in' })]);
    expect(res.body.totals).toEqual({ paidCents: 12_000, refundedCents: 0, compensatedCents: 100 });
    expect((await trail()).rows.map((r) => r.action)).toEqual(['freeze', 'unfreeze', 'view_transactions']);
    expect((await w.call(w.tokens.supervisor, 'GET', `/api/customers/NOBODY/transactions`)).status).toBe(404);
  });

  it('keeps the trail append-only', async () => {
    await expect(w.s.db.write((tx) => tx.query(`UPDATE security_actions SET reason = 'x'`))).rejects.toThrow(/append-only/);
    await expect(w.s.db.write((tx) => tx.query('DELETE FROM security_actions'))).rejects.toThrow(/append-only/);
  });
});
