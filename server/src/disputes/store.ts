import type { Dispute, Evidence } from '../../../protocol/disputes';
import type { Sql } from '../db/db';
import { isOverdue } from './deadline';

export const DISPUTE_COLUMNS = `d.id, d.conversation_id, d.order_id, d.customer_id, d.supplier, d.reason, d.evidence, d.status, d.opened_by,
  d.opened_at, d.review_due_at, d.mediation, d.verdict, d.explanation, d.refund_cents, d.seller_credit_points, d.compensation_id,
  d.decided_by, d.decided_at`;

export interface DisputeRow {
  id: string;
  conversation_id: string;
  order_id: string | null;
  customer_id: string;
  supplier: string | null;
  reason: string;
  evidence: Evidence[];
  status: Dispute['status'];
  opened_by: string;
  opened_at: Date | string;
  review_due_at: Date | string;
  mediation: boolean;
  verdict: 'refund' | 'explain_rule' | null;
  explanation: string | null;
  refund_cents: number | null;
  seller_credit_points: number | null;
  compensation_id: string | null;
  decided_by: string | null;
  decided_at: Date | string | null;
}

const iso = (d: Date | string) => new Date(d).toISOString();

export function disputeFromRow(r: DisputeRow, now: Date): Dispute {
  const dueAt = new Date(r.review_due_at);
  return {
    id: r.id,
    conversationId: r.conversation_id,
    orderId: r.order_id,
    customerId: r.customer_id,
    supplier: r.supplier,
    reason: r.reason,
    evidence: r.evidence,
    status: r.status,
    openedBy: r.opened_by,
    openedAt: iso(r.opened_at),
    reviewDueAt: dueAt.toISOString(),
    overdue: isOverdue(r.status, dueAt, now),
    mediation: r.mediation,
    verdict:
      r.verdict === null
        ? null
        : {
            kind: r.verdict,
            explanation: r.explanation ?? '',
            refundCents: r.refund_cents,
            sellerCreditPoints: r.seller_credit_points,
            compensationId: r.compensation_id,
            decidedBy: r.decided_by ?? '',
            decidedAt: r.decided_at === null ? '' : iso(r.decided_at),
          },
  };
}

export async function loadDispute(sql: Sql, id: string, lock = false): Promise<DisputeRow | null> {
  const { rows } = await sql.query<DisputeRow>(`SELECT ${DISPUTE_COLUMNS} FROM disputes d WHERE d.id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
  return rows[0] ?? null;
}
