import type { CompensationPolicy } from '../../../protocol/compensation';
import type {
  AddEvidenceRequest,
  Dispute,
  DisputeVerdictRequest,
  Evidence,
  EvidenceInput,
  OpenDisputeRequest,
} from '../../../protocol/disputes';
import { appendEvent } from '../audit/store';
import type { AuthContext } from '../auth/context';
import { seesEverything } from '../auth/context';
import { conversationForCase, orderOfConversation } from '../casework/access';
import { agentActor, auditActor, SYSTEM_NAME } from '../casework/actor';
import { announce } from '../casework/announce';
import { conflict, requestIdReused, unprocessable } from '../casework/errors';
import { grantInTx } from '../compensation/service';
import type { Db, Sql } from '../db/db';
import { notFound } from '../http/errors';
import { inScope } from '../sync/scope';
import { chinaTime, reviewDueAt } from './deadline';
import { DISPUTE_COLUMNS, disputeFromRow, type DisputeRow, loadDispute } from './store';

/** Evidence as stored; an attachment must be a file this customer sent in one of their conversations. */
async function evidenceOf(tx: Sql, customerId: string, input: readonly EvidenceInput[], auth: AuthContext, at: Date): Promise<Evidence[]> {
  const ids = input.flatMap((e) => (e.attachmentId === null ? [] : [e.attachmentId]));
  if (ids.length > 0) {
    const { rows } = await tx.query<{ id: string }>(
      `SELECT a.id FROM attachments a JOIN messages m ON m.id = a.message_id JOIN conversations c ON c.id = m.conversation_id
        WHERE a.id = ANY($1::text[]) AND c.customer_id = $2`,
      [ids, customerId],
    );
    const unknown = ids.filter((id) => !rows.some((r) => r.id === id));
    if (unknown.length > 0) {
      throw unprocessable('unknown_attachment', `这些附件不存在或不属于该客户 (no such attachments from this customer): ${unknown.join(', ')}`);
    }
  }
  return input.map((e) => ({ ...e, addedBy: auth.agentId, addedAt: at.toISOString() }));
}

const alreadyDecided = () => conflict('dispute_decided', '该争议已有裁决 (the dispute has been decided)');

/** Opens a dispute on a ticket, once per client-minted id; the customer is told the review deadline. */
export function openDispute(db: Db, auth: AuthContext, req: OpenDisputeRequest, now = new Date()): Promise<{ dispute: Dispute; created: boolean }> {
  return db.write(async (tx) => {
    const conv = await conversationForCase(tx, auth, req.conversationId, true);
    const earlier = await loadDispute(tx, req.id);
    if (earlier) {
      if (earlier.conversation_id !== conv.id) throw requestIdReused();
      return { dispute: disputeFromRow(earlier, now), created: false };
    }
    const order = await orderOfConversation(tx, conv, req.orderId);
    const dueAt = reviewDueAt(now);
    const { rows } = await tx.query<DisputeRow>(
      `INSERT INTO disputes AS d (id, conversation_id, order_id, customer_id, supplier, reason, evidence, status, opened_by, opened_at, review_due_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, 'open', $8, $9, $10) RETURNING ${DISPUTE_COLUMNS}`,
      [req.id, conv.id, order?.id ?? null, conv.customerId, order?.supplier ?? null, req.reason,
        JSON.stringify(await evidenceOf(tx, conv.customerId, req.evidence, auth, now)), auth.agentId, now, dueAt],
    );
    await announce(tx, {
      conversationId: conv.id,
      kind: 'system',
      authorName: SYSTEM_NAME,
      body: `已受理您的争议申请，我们将在 24 小时内完成审核（截止北京时间 ${chinaTime(dueAt)}），请留意处理结果。`,
    });
    await appendEvent(tx, {
      ticketId: conv.id,
      actor: auditActor(agentActor(auth)),
      type: 'dispute.opened',
      data: { disputeId: req.id, orderId: order?.id ?? null, reason: req.reason, evidence: req.evidence.length, reviewDueAt: dueAt.toISOString() },
    });
    return { dispute: disputeFromRow(rows[0]!, now), created: true };
  });
}

/** The dispute, if the caller may see its ticket. */
async function disputeForCase(tx: Sql, auth: AuthContext, id: string, lock = false): Promise<DisputeRow> {
  const row = await loadDispute(tx, id, lock);
  if (!row) throw notFound('找不到该争议 (no such dispute)');
  await conversationForCase(tx, auth, row.conversation_id);
  return row;
}

export async function getDispute(db: Db, auth: AuthContext, id: string, now = new Date()): Promise<Dispute> {
  return disputeFromRow(await disputeForCase(db, auth, id), now);
}

export function addEvidence(db: Db, auth: AuthContext, id: string, req: AddEvidenceRequest, now = new Date()): Promise<Dispute> {
  return db.write(async (tx) => {
    const row = await disputeForCase(tx, auth, id, true);
    if (row.status !== 'open') throw alreadyDecided();
    const { rows } = await tx.query<DisputeRow>(
      `UPDATE disputes AS d SET evidence = d.evidence || $2::jsonb WHERE d.id = $1 RETURNING ${DISPUTE_COLUMNS}`,
      [id, JSON.stringify(await evidenceOf(tx, row.customer_id, req.evidence, auth, now))],
    );
    await appendEvent(tx, {
      ticketId: row.conversation_id,
      actor: auditActor(agentActor(auth)),
      type: 'dispute.evidence_added',
      data: { disputeId: id, kinds: req.evidence.map((e) => e.kind) },
    });
    return disputeFromRow(rows[0]!, now);
  });
}

/**
 * The verdict (supervisors and admins; the route checks the role): a refund, granted as a
 * supplier-liable compensation within the decider's limits, with seller credit points
 * deducted; or an explanation of the rule. Either may refer the case to third-party mediation.
 */
export function decideDispute(
  db: Db,
  policy: CompensationPolicy,
  auth: AuthContext,
  id: string,
  req: DisputeVerdictRequest,
  now = new Date(),
): Promise<Dispute> {
  return db.write(async (tx) => {
    const row = await disputeForCase(tx, auth, id, true);
    if (row.status !== 'open') throw alreadyDecided();
    const refund = req.verdict === 'refund';
    if (refund && row.order_id === null) throw unprocessable('order_required', '退款裁决需要关联订单 (a refund verdict needs an order)');
    const mediation = req.mediation ? ' 如对结果仍有异议，可申请第三方调解，我们已为您登记。' : '';
    await announce(tx, {
      conversationId: row.conversation_id,
      kind: 'system',
      authorName: SYSTEM_NAME,
      body: `争议处理结果：${refund ? '经审核，支持您的退款申请。' : ''}${req.explanation}${mediation}`,
    });
    const granted = refund
      ? await grantInTx(
          tx,
          policy,
          agentActor(auth),
          {
            kind: 'refund',
            requestId: `${id}-verdict`,
            conversationId: row.conversation_id,
            orderId: row.order_id!,
            amountCents: req.refundCents,
            cause: `争议裁决退款：${row.reason}`.slice(0, 200),
            note: req.explanation.slice(0, 1000),
          },
          null,
        )
      : null;
    const { rows } = await tx.query<DisputeRow>(
      `UPDATE disputes AS d SET status = 'decided', verdict = $2, explanation = $3, refund_cents = $4, seller_credit_points = $5,
         mediation = $6, compensation_id = $7, decided_by = $8, decided_at = $9
       WHERE d.id = $1 RETURNING ${DISPUTE_COLUMNS}`,
      [
        id,
        req.verdict,
        req.explanation,
        granted?.compensation.amountCents ?? null,
        refund ? req.sellerCreditPoints : null,
        req.mediation,
        granted?.compensation.id ?? null,
        auth.agentId,
        now,
      ],
    );
    const decided = disputeFromRow(rows[0]!, now);
    await appendEvent(tx, {
      ticketId: row.conversation_id,
      actor: auditActor(agentActor(auth)),
      type: 'dispute.decided',
      data: {
        disputeId: id,
        verdict: req.verdict,
        refundCents: decided.verdict!.refundCents,
        sellerCreditPoints: decided.verdict!.sellerCreditPoints,
        supplier: row.supplier,
        mediation: req.mediation,
        compensationId: decided.verdict!.compensationId,
      },
    });
    return decided;
  });
}

const LIST_LIMIT = 500;

/** A ticket's disputes, or (no ticket given) the caller's open queue, soonest deadline first. */
export async function listDisputes(
  db: Db,
  auth: AuthContext,
  q: { conversationId?: string; status?: Dispute['status'] },
  now = new Date(),
): Promise<Dispute[]> {
  const conversationId = q.conversationId === undefined ? null : (await conversationForCase(db, auth, q.conversationId)).id;
  const { rows } = await db.query<DisputeRow & { team_id: string | null; assignee_id: string | null }>(
    `SELECT ${DISPUTE_COLUMNS}, c.team_id, c.assignee_id FROM disputes d JOIN conversations c ON c.id = d.conversation_id
      WHERE ($1::text IS NULL OR d.conversation_id = $1) AND ($2::text IS NULL OR d.status = $2)
      ORDER BY d.review_due_at, d.id LIMIT ${LIST_LIMIT}`,
    [conversationId, q.status ?? null],
  );
  const visible = seesEverything(auth) ? rows : rows.filter((r) => inScope(auth, { teamId: r.team_id, assigneeId: r.assignee_id }));
  return visible.map((r) => disputeFromRow(r, now));
}
