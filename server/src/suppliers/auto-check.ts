import { newId } from '../../../protocol/ids';
import type { SupplierError } from '../../../protocol/suppliers';
import { appendEvent } from '../audit/store';
import { loadConversation, loadOrder } from '../casework/access';
import { auditActor, SYSTEM_ACTOR } from '../casework/actor';
import { announce } from '../casework/announce';
import { grantInTx } from '../compensation/service';
import type { Db } from '../db/db';
import { healthQuestion } from './lookup';
import { type SupplierRuntime, runtimeFor } from './runtime';
import { supplierNamed } from './store';

export type AutoCheckOutcome =
  /** The customer was told the ETA (and got the policy's coupon); the ticket waits on the supplier. */
  | { outcome: 'notified'; etaMinutes: number | null; messageId: string; couponCents: number }
  /** An earlier check already told this ticket's customer; nothing was sent again. */
  | { outcome: 'already_notified' }
  /** The channel is not congested; nothing was sent, the agent takes it from here. */
  | { outcome: 'healthy' | 'down'; etaMinutes: number | null }
  | { outcome: 'no_order' | 'not_configured' }
  /** No fresh answer from the supplier; a stale one is not enough to promise an ETA. */
  | { outcome: 'unavailable'; error: SupplierError };

/** Who answers in the conversation: an automatic reply, sent on every channel. */
export const AUTO_REPLY_NAME = '智能客服';
const COUPON_CAUSE = '上游通道拥堵导致到账延迟';

export function etaReply(orderId: string, etaMinutes: number | null): string {
  const when = etaMinutes === null ? '尽快恢复' : `预计约 ${etaMinutes} 分钟内恢复`;
  return `您好，已为您查询：订单 ${orderId} 的上游供应商通道目前拥堵，${when}。恢复后将第一时间为您处理到账，请耐心等待，给您带来不便非常抱歉。`;
}

/**
 * The automatic check of a "not received" ticket (到账延迟/未到账): asks the linked order's
 * supplier for its channel health and, when the channel is congested, tells the customer the
 * ETA, grants the policy's coupon, sets the ticket to waiting on the supplier and audits it —
 * once per ticket, however often it is called. Call it after the ticket is committed and
 * classified delivery_delayed; it makes its own transactions and never throws for a supplier
 * that cannot be reached.
 */
export async function autoCheckNotReceived(db: Db, conversationId: string, runtime: SupplierRuntime = runtimeFor(db)): Promise<AutoCheckOutcome> {
  const conv = await loadConversation(db, conversationId);
  const order = conv?.orderId ? await loadOrder(db, conv.orderId) : null;
  if (!conv || !order) return { outcome: 'no_order' };
  // Cheap answer for repeat calls (the pipeline may call on every message of the ticket);
  // the insert below stays the authority when two calls race.
  if ((await db.query('SELECT 1 FROM supplier_auto_checks WHERE conversation_id = $1', [conv.id])).rows.length > 0) {
    return { outcome: 'already_notified' };
  }
  const supplier = await supplierNamed(db, order.supplier);
  if (!supplier) return { outcome: 'not_configured' };
  const health = await runtime.gateway.read(supplier, healthQuestion, (c) => c.health());
  if (!health.ok) return { outcome: 'unavailable', error: health.error };
  if (health.error) return { outcome: 'unavailable', error: health.error };
  const { state, etaMinutes } = health.data;
  if (state !== 'congested') return { outcome: state, etaMinutes };

  return db.write(async (tx) => {
    const current = await loadConversation(tx, conv.id, true);
    if (!current) return { outcome: 'no_order' as const };
    const messageId = newId();
    const claimed = await tx.query(
      `INSERT INTO supplier_auto_checks (conversation_id, order_id, channel_state, eta_minutes, message_id)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT (conversation_id) DO NOTHING`,
      [conv.id, order.id, state, etaMinutes, messageId],
    );
    if (claimed.rowCount === 0) return { outcome: 'already_notified' as const };
    await announce(tx, {
      conversationId: conv.id,
      kind: 'agent',
      authorName: AUTO_REPLY_NAME,
      body: etaReply(order.id, etaMinutes),
      status: 'waiting_supplier',
      messageId,
    });
    await appendEvent(tx, {
      ticketId: conv.id,
      actor: auditActor(SYSTEM_ACTOR),
      type: 'supplier.auto_check',
      data: { orderId: order.id, supplier: supplier.name, channel: state, etaMinutes, messageId },
    });
    if (current.status !== 'waiting_supplier') {
      await appendEvent(tx, {
        ticketId: conv.id,
        actor: auditActor(SYSTEM_ACTOR),
        type: 'status.changed',
        data: { from: current.status, to: 'waiting_supplier', reason: 'supplier_congested' },
      });
    }
    // No coupon into a frozen account; the ETA still goes out.
    const couponCents = current.customerFrozen ? 0 : (runtime.policy.system.couponCents ?? 0);
    if (couponCents > 0) {
      await grantInTx(
        tx,
        runtime.policy,
        SYSTEM_ACTOR,
        {
          kind: 'coupon',
          requestId: `autocheck-${conv.id}`,
          conversationId: conv.id,
          orderId: order.id,
          amountCents: couponCents,
          cause: COUPON_CAUSE,
          liable: 'supplier',
          note: '',
        },
        null,
      );
    }
    return { outcome: 'notified' as const, etaMinutes, messageId, couponCents };
  });
}
