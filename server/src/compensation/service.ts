import { randomBytes } from 'node:crypto';
import type {
  Compensation,
  CompensationPolicy,
  CompensationResponse,
  CreateCompensationRequest,
} from '../../../protocol/compensation';
import { newId } from '../../../protocol/ids';
import type { Reissue } from '../../../protocol/suppliers';
import { appendEvent } from '../audit/store';
import { type CaseConversation, type CaseOrder, conversationForCase, orderOfConversation } from '../casework/access';
import { type Actor, actorId, actorName, auditActor, SYSTEM_NAME } from '../casework/actor';
import { announce } from '../casework/announce';
import { customerFrozen, requestIdReused, unprocessable } from '../casework/errors';
import { yuan } from '../casework/money';
import type { Db, Sql } from '../db/db';
import { HttpError } from '../http/errors';
import type { SupplierGateway } from '../suppliers/gateway';
import { findReissue, keysToReplace, reissueNotice, reissueOrder, reissueValueCents } from '../suppliers/reissue';
import { checkLimit, type PolicyRole } from './policy';
import { findByRequestId, grantedOnTicket, insertCompensation, refundedOnOrder } from './store';

export interface CompensationDeps {
  policy: CompensationPolicy;
  gateway: SupplierGateway;
}

/**
 * 先行赔付 as one idempotent command: checked against the caller's limits, recorded with who
 * is liable, told to the customer as a system message and audited on the ticket. A reissue
 * asks the supplier first (under the same request id) and is recorded once it is done.
 */
export async function grantCompensation(
  db: Db,
  deps: CompensationDeps,
  actor: Actor,
  req: CreateCompensationRequest,
): Promise<CompensationResponse> {
  const reissue = req.kind === 'reissue' ? await reissueFor(db, deps, actor, req) : null;
  return db.write((tx) => grantInTx(tx, deps.policy, actor, req, reissue));
}

/** The supplier's reissue under this request id (the earlier one, or a new one if the limits allow); 422 if refused. */
async function reissueFor(
  db: Db,
  deps: CompensationDeps,
  actor: Actor,
  req: Extract<CreateCompensationRequest, { kind: 'reissue' }>,
): Promise<Reissue> {
  const reissue = (await findReissue(db, req.requestId)) ?? (await askSupplier(db, deps, actor, req));
  if (reissue.status === 'rejected') {
    throw unprocessable('reissue_rejected', `供应商拒绝补发：${reissue.message ?? '未说明原因'} (the supplier refused the reissue)`);
  }
  return reissue;
}

async function askSupplier(
  db: Db,
  deps: CompensationDeps,
  actor: Actor,
  req: Extract<CreateCompensationRequest, { kind: 'reissue' }>,
): Promise<Reissue> {
  // Assessed before the supplier is asked, so no key is replaced that the limits would refuse.
  const order = await db.snapshot(async (tx) => (await assess(tx, deps.policy, actor, req, null)).order!);
  const { reissue } = await reissueOrder(db, deps.gateway, {
    requestId: req.requestId,
    orderId: order.id,
    masked: req.cardKeys ?? null,
    reason: req.cause,
    conversationId: req.conversationId,
    actor,
    announce: false,
  });
  return reissue;
}

/**
 * The whole grant inside the caller's write transaction (the automatic supplier check grants
 * its coupon together with its message). For a reissue, `reissue` is the supplier's outcome.
 */
export async function grantInTx(
  tx: Sql,
  policy: CompensationPolicy,
  actor: Actor,
  req: CreateCompensationRequest,
  reissue: Reissue | null,
): Promise<CompensationResponse> {
  // The ticket is locked first: grants on one ticket queue up, so the limits see each other.
  await conversationForCase(tx, actor.kind === 'agent' ? actor.auth : null, req.conversationId, true);
  const earlier = await findByRequestId(tx, req.requestId);
  if (earlier) return replay(earlier, req);
  const a = await assess(tx, policy, actor, req, reissue);
  const compensation = await insertCompensation(tx, {
    id: newId(),
    requestId: req.requestId,
    kind: req.kind,
    conversationId: a.conv.id,
    orderId: a.order?.id ?? null,
    customerId: a.conv.customerId,
    amountCents: a.amountCents,
    percent: req.kind === 'credit' ? req.percent : null,
    cause: req.cause,
    note: req.note,
    supplier: a.order?.supplier ?? null,
    liable: a.liable,
    settlementStatus: a.liable === 'supplier' ? 'pending' : 'not_applicable',
    couponCode: req.kind === 'coupon' ? `CP${randomBytes(6).toString('hex').toUpperCase()}` : null,
    reissuedKeys: reissue?.issued ?? [],
    createdBy: { id: actorId(actor), name: actorName(actor) },
  });
  if (!compensation) throw requestIdReused();
  if (req.kind === 'refund' && a.order && a.refundedBefore + a.amountCents >= a.order.amountCents) {
    await tx.query(`UPDATE orders SET state = 'refunded' WHERE id = $1`, [a.order.id]);
  }
  await announce(tx, { conversationId: a.conv.id, kind: 'system', authorName: SYSTEM_NAME, body: compensationNotice(compensation) });
  await appendEvent(tx, {
    ticketId: a.conv.id,
    actor: auditActor(actor),
    type: 'compensation.granted',
    data: {
      compensationId: compensation.id,
      requestId: compensation.requestId,
      kind: compensation.kind,
      amountCents: compensation.amountCents,
      percent: compensation.percent,
      orderId: compensation.orderId,
      supplier: compensation.supplier,
      liable: compensation.liable,
      cause: compensation.cause,
    },
  });
  return { compensation, replayed: false };
}

interface Assessment {
  conv: CaseConversation;
  order: CaseOrder | null;
  amountCents: number;
  liable: Compensation['liable'];
  refundedBefore: number;
}

/** Everything that decides whether a grant may happen and for how much; throws the refusal. */
async function assess(
  tx: Sql,
  policy: CompensationPolicy,
  actor: Actor,
  req: CreateCompensationRequest,
  reissue: Reissue | null,
): Promise<Assessment> {
  const conv = await conversationForCase(tx, actor.kind === 'agent' ? actor.auth : null, req.conversationId);
  const order = await orderOfConversation(tx, conv, req.orderId);
  if (!order && req.kind !== 'coupon') throw unprocessable('order_required', '该操作需要关联订单 (this needs an order)');
  if (conv.customerFrozen) throw customerFrozen();
  const refundedBefore = order ? await refundedOnOrder(tx, order.id) : 0;
  const amountCents = await amountOf(tx, req, order, refundedBefore, reissue);

  const role: PolicyRole = actor.kind === 'agent' ? actor.auth.role : 'system';
  const verdict = checkLimit(policy, role, {
    kind: req.kind,
    amountCents,
    percent: req.kind === 'credit' ? req.percent : null,
    grantedCents: await grantedOnTicket(tx, conv.id, req.kind),
  });
  if (!verdict.ok) throw new HttpError(403, 'over_limit', verdict.message);

  const liable = req.liable ?? (order ? 'supplier' : 'platform');
  if (liable === 'supplier' && !order) {
    throw unprocessable('supplier_unknown', '没有关联订单，无法确定责任供应商 (no order, so no supplier to hold liable)');
  }
  return { conv, order, amountCents, liable, refundedBefore };
}

async function amountOf(
  tx: Sql,
  req: CreateCompensationRequest,
  order: CaseOrder | null,
  refundedBefore: number,
  reissue: Reissue | null,
): Promise<number> {
  switch (req.kind) {
    case 'coupon':
      return req.amountCents;
    case 'credit':
      return Math.round((order!.amountCents * req.percent) / 100);
    case 'refund': {
      // Orders refunded outside Kadesk count as fully refunded.
      const left = order!.state === 'refunded' ? 0 : order!.amountCents - refundedBefore;
      if (left <= 0) throw unprocessable('already_refunded', '该订单已全额退款 (the order is already fully refunded)');
      const amount = req.amountCents ?? left;
      if (amount > left) {
        throw unprocessable('amount_exceeds_order', `退款 ${yuan(amount)} 超过订单可退金额 ${yuan(left)} (refund exceeds the ${yuan(left)} left)`);
      }
      return amount;
    }
    case 'reissue': {
      const { codes, liveCount } = await keysToReplace(tx, order!.id, reissue ? null : (req.cardKeys ?? null));
      // Once reissued, the replaced keys are no longer live; the supplier's outcome says how many there were.
      return reissueValueCents(order!.amountCents, liveCount, reissue ? reissue.replaced.length : codes.length);
    }
  }
}

/** The same request id again: the first result, unless it is being used for something else. */
function replay(earlier: Compensation, req: CreateCompensationRequest): CompensationResponse {
  const same =
    earlier.kind === req.kind &&
    earlier.conversationId === req.conversationId &&
    (req.orderId === undefined || req.orderId === earlier.orderId) &&
    (req.kind === 'coupon'
      ? req.amountCents === earlier.amountCents
      : req.kind === 'credit'
        ? req.percent === earlier.percent
        : req.kind === 'refund'
          ? req.amountCents === undefined || req.amountCents === earlier.amountCents
          : true);
  if (!same) throw requestIdReused();
  return { compensation: earlier, replayed: true };
}

/** What the customer reads in the conversation. */
export function compensationNotice(c: Compensation): string {
  const order = c.orderId ? `（订单 ${c.orderId}）` : '';
  switch (c.kind) {
    case 'refund':
      return `【先行赔付】已为您办理退款 ${yuan(c.amountCents)}${order}，款项将原路退回，预计 1–3 个工作日到账。`;
    case 'coupon':
      return `【先行赔付】已向您的账户发放 ${yuan(c.amountCents)} 优惠券（券码 ${c.couponCode}），下单时可直接抵扣。`;
    case 'credit':
      return `【先行赔付】已按订单金额的 ${c.percent}% 向您的账户余额补偿 ${yuan(c.amountCents)}${order}。`;
    case 'reissue':
      return `【先行赔付】${reissueNotice({ orderId: c.orderId ?? '', issued: c.reissuedKeys })}`;
  }
}
