import { newId } from '../../../protocol/ids';
import type { Reissue, ReissueResponse } from '../../../protocol/suppliers';
import { appendEvent } from '../audit/store';
import { type CaseOrder, loadOrder } from '../casework/access';
import { type Actor, actorId, auditActor, SYSTEM_NAME } from '../casework/actor';
import { announce } from '../casework/announce';
import { conflict, customerFrozen, requestIdReused, unprocessable } from '../casework/errors';
import type { Db, Sql } from '../db/db';
import { notFound } from '../http/errors';
import { maskCardKey } from '../sync/rows';
import { SupplierCallError } from './client';
import type { WireReissueResult } from './contract';
import { supplierHttpError, supplierNotConfigured } from './errors';
import type { SupplierGateway } from './gateway';
import { supplierNamed, type SupplierRecord } from './store';

export interface ReissueCommand {
  requestId: string;
  orderId: string;
  /** Masked keys to replace; null for all of the order's keys in use. */
  masked: string[] | null;
  reason: string;
  /** The ticket that records it (audit event, and a notice when `announce`). */
  conversationId: string | null;
  actor: Actor;
  /** Off when the caller tells the customer in its own words (a compensation notice). */
  announce: boolean;
}

interface LiveKey {
  code: string;
  state: string;
}

/** The order's keys in use; replaced ones turn 'invalid' and stay for the record. */
async function liveKeys(sql: Sql, orderId: string): Promise<LiveKey[]> {
  const { rows } = await sql.query<LiveKey>(
    `SELECT code, state FROM card_keys WHERE order_id = $1 AND state <> 'invalid' ORDER BY created_at, id`,
    [orderId],
  );
  return rows;
}

/** The codes behind the masked forms asked for (all when null), and the masked forms that match none. */
export function selectKeys(keys: readonly LiveKey[], masked: readonly string[] | null): { codes: string[]; unknown: string[] } {
  if (masked === null) return { codes: keys.map((k) => k.code), unknown: [] };
  const wanted = new Set(masked);
  const codes = keys.map((k) => k.code).filter((c) => wanted.has(maskCardKey(c)));
  const found = new Set(codes.map(maskCardKey));
  return { codes, unknown: masked.filter((m) => !found.has(m)) };
}

/** What replaced keys are worth: their share of the order. A top-up (no keys) is the whole order. */
export function reissueValueCents(orderCents: number, liveCount: number, replacing: number): number {
  return liveCount === 0 ? orderCents : Math.round((orderCents * Math.min(replacing, liveCount)) / liveCount);
}

/** The codes a reissue of `order` would replace; 422 naming masked keys the order does not have. */
export async function keysToReplace(sql: Sql, orderId: string, masked: readonly string[] | null): Promise<{ codes: string[]; liveCount: number }> {
  const keys = await liveKeys(sql, orderId);
  const { codes, unknown } = selectKeys(keys, masked);
  if (unknown.length > 0) {
    throw unprocessable('unknown_card_keys', `订单中没有这些卡密 (the order has no such keys): ${unknown.join(', ')}`);
  }
  return { codes, liveCount: keys.length };
}

interface ReissueRow {
  request_id: string;
  order_id: string;
  supplier: string;
  codes: string[];
  conversation_id: string | null;
  status: 'pending' | Reissue['status'];
  issued_codes: string[];
  message: string | null;
  created_at: Date | string;
}
const COLUMNS = 'request_id, order_id, supplier, codes, conversation_id, status, issued_codes, message, created_at';

function toReissue(r: ReissueRow): Reissue {
  if (r.status === 'pending') throw new Error(`reissue ${r.request_id} has no outcome yet`);
  return {
    requestId: r.request_id,
    orderId: r.order_id,
    status: r.status,
    replaced: r.codes.map(maskCardKey),
    issued: r.issued_codes.map(maskCardKey),
    message: r.message,
    createdAt: new Date(r.created_at).toISOString(),
  };
}

/** The outcome of an earlier reissue request, or null when there is none yet. */
export async function findReissue(sql: Sql, requestId: string): Promise<Reissue | null> {
  const { rows } = await sql.query<ReissueRow>(`SELECT ${COLUMNS} FROM supplier_reissues WHERE request_id = $1 AND status <> 'pending'`, [
    requestId,
  ]);
  return rows[0] ? toReissue(rows[0]) : null;
}

type Started = { done: Reissue } | { supplier: SupplierRecord; codes: string[] };

/**
 * Asks the order's supplier for replacement keys (补发), once per request id: the request is
 * recorded before the call and completed after it, and the supplier call happens between two
 * short transactions, never inside one. A call that got no answer leaves the request pending;
 * sending the same request id again asks again, which the supplier contract makes safe.
 */
export async function reissueOrder(db: Db, gateway: SupplierGateway, cmd: ReissueCommand): Promise<ReissueResponse> {
  const started = await db.write((tx) => begin(tx, cmd));
  if ('done' in started) return { reissue: started.done, replayed: true };
  let result: WireReissueResult;
  try {
    result = await gateway.command(started.supplier, (c) =>
      c.reissue({ requestId: cmd.requestId, orderId: cmd.orderId, codes: started.codes, reason: cmd.reason }),
    );
  } catch (err) {
    throw err instanceof SupplierCallError ? supplierHttpError(err) : err;
  }
  return db.write((tx) => finish(tx, cmd, started.supplier, result));
}

async function begin(tx: Sql, cmd: ReissueCommand): Promise<Started> {
  // Locked first: reissues of one order queue here, so checking before inserting is safe.
  const order = await loadOrder(tx, cmd.orderId, true);
  if (!order) throw notFound('订单不存在 (no such order)');
  const { rows } = await tx.query<ReissueRow>(`SELECT ${COLUMNS} FROM supplier_reissues WHERE request_id = $1`, [cmd.requestId]);
  const earlier = rows[0];
  if (earlier && earlier.order_id !== order.id) throw requestIdReused();
  if (earlier && earlier.status !== 'pending') return { done: toReissue(earlier) };
  const supplier = await reissuableBy(tx, order);
  if (earlier) return { supplier, codes: earlier.codes };
  const { codes } = await keysToReplace(tx, order.id, cmd.masked);
  const inserted = await tx.query(
    `INSERT INTO supplier_reissues (request_id, order_id, supplier, codes, conversation_id, requested_by, reason, status)
     VALUES ($1, $2, $3, $4, $5, $6, $7, 'pending') ON CONFLICT (request_id) DO NOTHING`,
    [cmd.requestId, order.id, supplier.name, codes, cmd.conversationId, actorId(cmd.actor), cmd.reason],
  );
  // Taken meanwhile by a request for another order (one for this order would have queued above).
  if (inserted.rowCount === 0) throw requestIdReused();
  return { supplier, codes };
}

async function reissuableBy(tx: Sql, order: CaseOrder): Promise<SupplierRecord> {
  if (order.customerFrozen) throw customerFrozen();
  if (order.state === 'refunded') throw conflict('order_refunded', '订单已退款，不能补发 (the order was refunded)');
  const supplier = await supplierNamed(tx, order.supplier);
  if (!supplier) throw supplierNotConfigured(order.supplier);
  return supplier;
}

async function finish(tx: Sql, cmd: ReissueCommand, supplier: SupplierRecord, result: WireReissueResult): Promise<ReissueResponse> {
  const { rows } = await tx.query<ReissueRow>(`SELECT ${COLUMNS} FROM supplier_reissues WHERE request_id = $1 FOR UPDATE`, [
    cmd.requestId,
  ]);
  const row = rows[0]!;
  // A concurrent retry of the same request completed it first.
  if (row.status !== 'pending') return { reissue: toReissue(row), replayed: true };
  const issued = result.status === 'issued' ? result.codes.map((c) => c.code) : [];
  if (result.status === 'issued') {
    await tx.query(`UPDATE card_keys SET state = 'invalid' WHERE order_id = $1 AND code = ANY($2::text[])`, [row.order_id, row.codes]);
    for (const code of issued) {
      await tx.query(`INSERT INTO card_keys (id, order_id, code, state) VALUES ($1, $2, $3, 'delivered')`, [newId(), row.order_id, code]);
    }
    // Card keys are not synced rows themselves: updating the order is what workstations pull.
    await tx.query(`UPDATE orders SET state = 'delivered' WHERE id = $1`, [row.order_id]);
  }
  const done = await tx.query<ReissueRow>(
    `UPDATE supplier_reissues SET status = $2, issued_codes = $3, message = $4, completed_at = now()
      WHERE request_id = $1 RETURNING ${COLUMNS}`,
    [cmd.requestId, result.status, issued, result.message],
  );
  const reissue = toReissue(done.rows[0]!);
  if (row.conversation_id) await record(tx, row.conversation_id, cmd, supplier, reissue);
  return { reissue, replayed: false };
}

async function record(tx: Sql, conversationId: string, cmd: ReissueCommand, supplier: SupplierRecord, r: Reissue): Promise<void> {
  await appendEvent(tx, {
    ticketId: conversationId,
    actor: auditActor(cmd.actor),
    type: r.status === 'issued' ? 'order.reissued' : 'order.reissue_rejected',
    data: {
      requestId: r.requestId,
      orderId: r.orderId,
      supplier: supplier.name,
      reason: cmd.reason,
      replaced: r.replaced,
      issued: r.issued,
      message: r.message,
    },
  });
  if (cmd.announce && r.status === 'issued') {
    await announce(tx, { conversationId, kind: 'system', authorName: SYSTEM_NAME, body: reissueNotice(r) });
  }
}

/** The customer's notice of a reissue; the new keys themselves are on the order page, not in chat. */
export function reissueNotice(r: Pick<Reissue, 'orderId' | 'issued'>): string {
  if (r.issued.length === 0) return `已为您的订单 ${r.orderId} 重新提交充值，请稍后查看到账情况。`;
  const tails = r.issued.map((m) => m.slice(-4)).join('、');
  return `已为您的订单 ${r.orderId} 补发 ${r.issued.length} 张新卡密（尾号 ${tails}），请在订单详情中查看。`;
}
