import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyBaseLogger } from 'fastify';
import { verifyTicket } from '../audit/store';
import { addOrder, caseWorld, type CaseWorld, SUPPLIER } from '../casework/testing';
import { runtimeFor, type SupplierRuntime } from '../suppliers/runtime';
import { push } from '../sync/push';
import { addChannelCustomer, chat } from '../testing/pipeline-fixtures';
import { processPending } from './process';
import { Pipeline } from './service';
import { runDueSupplierChecks, runSupplierCheck } from './supplier-checks';

const silent = { error: () => undefined, debug: () => undefined } as unknown as FastifyBaseLogger;
let seq = 0;

describe('automatic supplier check of not-received tickets, from the pipeline', () => {
  let w: CaseWorld;
  let pipeline: Pipeline;
  beforeAll(async () => {
    w = await caseWorld();
    pipeline = new Pipeline(w.s.db, { process: true, sweepMs: 0 });
  });
  afterAll(async () => {
    await pipeline.stop();
    await w.close();
  });

  /** A web chat customer with an order from the sandbox supplier. */
  async function customerWithOrder() {
    const user = `check-user-${++seq}`;
    const customerId = await addChannelCustomer(w.s.db, { channel: 'webchat', externalUserId: user });
    const orderId = await addOrder(w.s.db, { id: `DD2026112300${String(seq).padStart(2, '0')}`, customerId, supplier: SUPPLIER });
    return { user, customerId, orderId };
  }
  const notReceived = (user: string, orderId: string) => chat(user, `付款半小时了点卡还没到账，订单号 ${orderId}，麻烦查一下`);

  async function ticketOf(customerId: string) {
    const { rows } = await w.s.db.query<{ id: string; status: string; category: string; order_id: string }>(
      'SELECT id, status, category, order_id FROM conversations WHERE customer_id = $1',
      [customerId],
    );
    expect(rows).toHaveLength(1);
    return rows[0]!;
  }
  const job = async (conversationId: string) =>
    (
      await w.s.db.query<{ state: string; outcome: string | null; attempts: number; last_error: string | null }>(
        'SELECT state, outcome, attempts, last_error FROM supplier_check_jobs WHERE conversation_id = $1',
        [conversationId],
      )
    ).rows[0];
  const messagesOf = async (conversationId: string) =>
    (
      await w.s.db.query<{ kind: string; body: string }>('SELECT kind, body FROM messages WHERE conversation_id = $1 ORDER BY created_at, id', [
        conversationId,
      ])
    ).rows;
  const coupons = async (conversationId: string) =>
    (await w.s.db.query('SELECT amount_cents FROM compensations WHERE conversation_id = $1', [conversationId])).rows;

  it('on a congested channel the customer gets the ETA and one coupon, the ticket waits on the supplier, once', async () => {
    w.sandbox.setScenario('congested', w.supplierId);
    const c = await customerWithOrder();
    await pipeline.receive(notReceived(c.user, c.orderId), silent);
    await pipeline.settled();
    const t = await ticketOf(c.customerId);
    expect(t).toMatchObject({ category: 'delivery_delayed', order_id: c.orderId, status: 'waiting_supplier' });
    expect(await job(t.id)).toMatchObject({ state: 'done', outcome: 'notified', attempts: 0 });

    // More messages, sweeps and a re-run of the job send nothing again.
    await pipeline.receive(chat(c.user, '还没到吗？'), silent);
    await pipeline.settled();
    await pipeline.sweep(silent, Date.now() + 3_600_000);
    expect(await runSupplierCheck(w.s.db, t.id, runtimeFor(w.s.db), new Date(Date.now() + 3_600_000))).toBeNull();

    const agentReplies = (await messagesOf(t.id)).filter((m) => m.kind === 'agent');
    expect(agentReplies).toHaveLength(1);
    expect(agentReplies[0]!.body).toContain('预计约 15 分钟内恢复');
    expect(await coupons(t.id)).toEqual([{ amount_cents: 500 }]);
    expect((await verifyTicket(w.s.db, t.id)).ok).toBe(true);
  });

  it('a healthy channel is checked and left to the agent; other categories are not checked at all', async () => {
    w.sandbox.setScenario('healthy', w.supplierId);
    const c = await customerWithOrder();
    await pipeline.receive(notReceived(c.user, c.orderId), silent);
    await pipeline.settled();
    const t = await ticketOf(c.customerId);
    expect(await job(t.id)).toMatchObject({ state: 'done', outcome: 'healthy' });
    expect((await messagesOf(t.id)).filter((m) => m.kind !== 'customer')).toEqual([]);

    const other = await customerWithOrder();
    await pipeline.receive(chat(other.user, `请问订单 ${other.orderId} 能开发票吗`), silent);
    await pipeline.settled();
    expect(await job((await ticketOf(other.customerId)).id)).toBeUndefined();
  });

  it('a supplier outage is recorded, shown to the agent once, and retried until the supplier answers', async () => {
    // Both tries of the first check (the test supplier allows one retry) fail; then it recovers.
    w.sandbox.setScenario({ channel: 'congested', etaMinutes: 20, delayMs: 0, failNext: 2 }, w.supplierId);
    const c = await customerWithOrder();
    await pipeline.receive(notReceived(c.user, c.orderId), silent);
    await pipeline.settled();
    const t = await ticketOf(c.customerId);
    expect(await job(t.id)).toMatchObject({ state: 'retrying', outcome: 'unavailable', attempts: 1, last_error: expect.stringContaining('supplier_error') });
    expect(t.status).toBe('new');
    const notes = (await messagesOf(t.id)).filter((m) => m.kind === 'note');
    expect(notes).toHaveLength(1);
    expect(notes[0]!.body).toContain('自动重试');

    // Not due yet: the back-off holds it.
    expect(await runDueSupplierChecks(w.s.db, runtimeFor(w.s.db))).toBe(0);
    expect(await runDueSupplierChecks(w.s.db, runtimeFor(w.s.db), new Date(Date.now() + 60_000))).toBe(1);
    expect(await job(t.id)).toMatchObject({ state: 'done', outcome: 'notified', attempts: 1 });
    expect((await ticketOf(c.customerId)).status).toBe('waiting_supplier');
    expect((await messagesOf(t.id)).filter((m) => m.kind === 'agent')).toHaveLength(1);
    expect(await coupons(t.id)).toHaveLength(1);
  });

  it('never holds up intake: the channel is answered while a slow supplier is still being asked', async () => {
    w.sandbox.setScenario({ channel: 'congested', etaMinutes: 15, delayMs: 1500, failNext: 0 }, w.supplierId);
    const c = await customerWithOrder();
    await pipeline.receive(notReceived(c.user, c.orderId), silent);
    const t = await ticketOf(c.customerId);
    // Stored and answered; the check holds its lease and has no outcome yet.
    expect(await job(t.id)).toMatchObject({ state: 'pending', outcome: null });
    await pipeline.settled();
    // 1.5 s is past the test supplier's 1 s timeout: recorded as unavailable, to be retried.
    expect(await job(t.id)).toMatchObject({ state: 'retrying', outcome: 'unavailable', attempts: 1 });
    w.sandbox.setScenario('healthy', w.supplierId);
  });

  it('an agent who corrects a ticket to 到账延迟 has its supplier checked by the next sweep', async () => {
    w.sandbox.setScenario('congested', w.supplierId);
    const c = await customerWithOrder();
    await pipeline.receive(chat(c.user, `订单 ${c.orderId} 能开发票吗？`), silent);
    await pipeline.settled();
    const t = await ticketOf(c.customerId);
    expect(t.category).not.toBe('delivery_delayed');
    expect(await job(t.id)).toBeUndefined();

    const lead = await w.s.db.query<{ id: string; name: string }>(`SELECT id, name FROM agents WHERE login = 'case-lead'`);
    const auth = { agentId: lead.rows[0]!.id, name: lead.rows[0]!.name, role: 'supervisor' as const, teamIds: [] };
    const mutation = { id: `fix-${t.id}`, name: 'conversation.setCategory' as const, args: { conversationId: t.id, category: 'delivery_delayed' as const } };
    await push(w.s.db, auth, { clientId: 'ws-check', mutations: [mutation] });
    expect(await job(t.id)).toMatchObject({ state: 'pending' });
    await pipeline.sweep(silent);
    expect(await job(t.id)).toMatchObject({ state: 'done', outcome: 'notified' });
    expect((await ticketOf(c.customerId)).status).toBe('waiting_supplier');
  });

  it('survives the process dying: a message processed by the sweep, and a runner that died holding the job', async () => {
    w.sandbox.setScenario('congested', w.supplierId);
    const c = await customerWithOrder();
    // An intake-only instance answers the channel; the queue holds the message.
    await new Pipeline(w.s.db, { process: false, sweepMs: 0 }).receive(notReceived(c.user, c.orderId), silent);
    // A processor that stops right after storing it (no background work, as if it died).
    expect(await processPending(w.s.db)).toBe(1);
    const t = await ticketOf(c.customerId);
    expect(await job(t.id)).toMatchObject({ state: 'pending', outcome: null });

    // A runner takes the job and never comes back (its supplier call hangs forever).
    const hung: SupplierRuntime = { ...runtimeFor(w.s.db), gateway: { read: () => new Promise(() => undefined) } as unknown as SupplierRuntime['gateway'] };
    void runSupplierCheck(w.s.db, t.id, hung);
    const leased = async () =>
      (await w.s.db.query('SELECT 1 FROM supplier_check_jobs WHERE conversation_id = $1 AND not_before > now()', [t.id])).rows.length;
    await expect.poll(leased).toBe(1);
    expect(await runSupplierCheck(w.s.db, t.id, runtimeFor(w.s.db))).toBeNull();
    // Once its lease has run out, the job runs again, and the customer hears once.
    expect(await runSupplierCheck(w.s.db, t.id, runtimeFor(w.s.db), new Date(Date.now() + 180_000))).toBe('done');
    expect(await job(t.id)).toMatchObject({ state: 'done', outcome: 'notified' });
    expect((await messagesOf(t.id)).filter((m) => m.kind === 'agent')).toHaveLength(1);
    expect(await coupons(t.id)).toHaveLength(1);
  });
});
