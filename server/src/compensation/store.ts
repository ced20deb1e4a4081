import type { Compensation, CompensationKind } from '../../../protocol/compensation';
import type { Sql } from '../db/db';

export const COMPENSATION_COLUMNS = `id, request_id, kind, conversation_id, order_id, customer_id, amount_cents, percent, cause, note,
  supplier, liable, settlement_status, coupon_code, reissued_keys, created_by, created_by_name, created_at`;

export interface CompensationRow {
  id: string;
  request_id: string;
  kind: Compensation['kind'];
  conversation_id: string;
  order_id: string | null;
  customer_id: string;
  amount_cents: number;
  percent: number | null;
  cause: string;
  note: string;
  supplier: string | null;
  liable: Compensation['liable'];
  settlement_status: Compensation['settlementStatus'];
  coupon_code: string | null;
  reissued_keys: string[];
  created_by: string | null;
  created_by_name: string;
  created_at: Date | string;
}

export const compensationFromRow = (r: CompensationRow): Compensation => ({
  id: r.id,
  requestId: r.request_id,
  kind: r.kind,
  conversationId: r.conversation_id,
  orderId: r.order_id,
  customerId: r.customer_id,
  amountCents: r.amount_cents,
  percent: r.percent,
  cause: r.cause,
  note: r.note,
  supplier: r.supplier,
  liable: r.liable,
  settlementStatus: r.settlement_status,
  couponCode: r.coupon_code,
  reissuedKeys: r.reissued_keys,
  createdBy: { id: r.created_by, name: r.created_by_name },
  createdAt: new Date(r.created_at).toISOString(),
});

export async function findByRequestId(sql: Sql, requestId: string): Promise<Compensation | null> {
  const { rows } = await sql.query<CompensationRow>(`SELECT ${COMPENSATION_COLUMNS} FROM compensations WHERE request_id = $1`, [requestId]);
  return rows[0] ? compensationFromRow(rows[0]) : null;
}

export async function listForConversation(sql: Sql, conversationId: string): Promise<Compensation[]> {
  const { rows } = await sql.query<CompensationRow>(
    `SELECT ${COMPENSATION_COLUMNS} FROM compensations WHERE conversation_id = $1 ORDER BY created_at, id`,
    [conversationId],
  );
  return rows.map(compensationFromRow);
}

/** What one ticket has received of one kind, for the per-ticket limits. */
export async function grantedOnTicket(sql: Sql, conversationId: string, kind: CompensationKind): Promise<number> {
  const { rows } = await sql.query<{ total: number }>(
    'SELECT COALESCE(sum(amount_cents), 0)::int AS total FROM compensations WHERE conversation_id = $1 AND kind = $2',
    [conversationId, kind],
  );
  return rows[0]?.total ?? 0;
}

export async function refundedOnOrder(sql: Sql, orderId: string): Promise<number> {
  const { rows } = await sql.query<{ total: number }>(
    `SELECT COALESCE(sum(amount_cents), 0)::int AS total FROM compensations WHERE order_id = $1 AND kind = 'refund'`,
    [orderId],
  );
  return rows[0]?.total ?? 0;
}

/** Null when the request id is already recorded (by a concurrent request). */
export async function insertCompensation(tx: Sql, c: Omit<Compensation, 'createdAt'>): Promise<Compensation | null> {
  const { rows } = await tx.query<CompensationRow>(
    `INSERT INTO compensations (id, request_id, kind, conversation_id, order_id, customer_id, amount_cents, percent, cause, note,
       supplier, liable, settlement_status, coupon_code, reissued_keys, created_by, created_by_name)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
     ON CONFLICT (request_id) DO NOTHING RETURNING ${COMPENSATION_COLUMNS}`,
    [
      c.id, c.requestId, c.kind, c.conversationId, c.orderId, c.customerId, c.amountCents, c.percent, c.cause, c.note,
      c.supplier, c.liable, c.settlementStatus, c.couponCode, c.reissuedKeys, c.createdBy.id, c.createdBy.name,
    ],
  );
  return rows[0] ? compensationFromRow(rows[0]) : null;
}
