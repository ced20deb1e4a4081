import type { ConversationStatus, Order } from '../../../protocol/entities';
import type { AuthContext } from '../auth/context';
import { seesEverything } from '../auth/context';
import type { Sql } from '../db/db';
import { notFound } from '../http/errors';
import { inScope } from '../sync/scope';

// Loading the conversation and order a case action is about, within the caller's scope. Out
// of scope reads as not found, as in sync: agents learn nothing about other teams' tickets.

export interface CaseConversation {
  id: string;
  customerId: string;
  orderId: string | null;
  status: ConversationStatus;
  teamId: string | null;
  assigneeId: string | null;
  customerFrozen: boolean;
}

export interface CaseOrder {
  id: string;
  customerId: string;
  product: string;
  supplier: string;
  amountCents: number;
  state: Order['state'];
  customerFrozen: boolean;
}

/** `lock` takes the row for the rest of the transaction, so case actions on one ticket queue up. */
export async function loadConversation(sql: Sql, id: string, lock = false): Promise<CaseConversation | null> {
  const { rows } = await sql.query<{
    id: string;
    customer_id: string;
    order_id: string | null;
    status: ConversationStatus;
    team_id: string | null;
    assignee_id: string | null;
    frozen: boolean;
  }>(
    `SELECT c.id, c.customer_id, c.order_id, c.status, c.team_id, c.assignee_id, cu.frozen
       FROM conversations c JOIN customers cu ON cu.id = c.customer_id
      WHERE c.id = $1 AND c.deleted_at IS NULL${lock ? ' FOR UPDATE OF c' : ''}`,
    [id],
  );
  const r = rows[0];
  return r
    ? {
        id: r.id,
        customerId: r.customer_id,
        orderId: r.order_id,
        status: r.status,
        teamId: r.team_id,
        assigneeId: r.assignee_id,
        customerFrozen: r.frozen,
      }
    : null;
}

export async function conversationForCase(sql: Sql, auth: AuthContext | null, id: string, lock = false): Promise<CaseConversation> {
  const conv = await loadConversation(sql, id, lock);
  if (!conv || (auth && !inScope(auth, conv))) throw notFound('会话不存在或不在你的范围内 (conversation not found or outside your scope)');
  return conv;
}

export async function loadOrder(sql: Sql, id: string, lock = false): Promise<CaseOrder | null> {
  const { rows } = await sql.query<{
    id: string;
    customer_id: string;
    product: string;
    supplier: string;
    amount_cents: number;
    state: Order['state'];
    frozen: boolean;
  }>(
    `SELECT o.id, o.customer_id, o.product, o.supplier, o.amount_cents, o.state, cu.frozen
       FROM orders o JOIN customers cu ON cu.id = o.customer_id
      WHERE o.id = $1 AND o.deleted_at IS NULL${lock ? ' FOR UPDATE OF o' : ''}`,
    [id],
  );
  const r = rows[0];
  return r
    ? {
        id: r.id,
        customerId: r.customer_id,
        product: r.product,
        supplier: r.supplier,
        amountCents: r.amount_cents,
        state: r.state,
        customerFrozen: r.frozen,
      }
    : null;
}

/** An agent may work on an order when one of its customer's conversations is in their scope. */
export async function orderForCase(sql: Sql, auth: AuthContext, id: string, lock = false): Promise<CaseOrder> {
  const order = await loadOrder(sql, id, lock);
  if (order && (seesEverything(auth) || (await customerInScope(sql, auth, order.customerId)))) return order;
  throw notFound('订单不存在或不在你的范围内 (order not found or outside your scope)');
}

async function customerInScope(sql: Sql, auth: AuthContext, customerId: string): Promise<boolean> {
  const { rows } = await sql.query<{ team_id: string | null; assignee_id: string | null }>(
    'SELECT team_id, assignee_id FROM conversations WHERE customer_id = $1 AND deleted_at IS NULL',
    [customerId],
  );
  return rows.some((r) => inScope(auth, { teamId: r.team_id, assigneeId: r.assignee_id }));
}

/** The order a conversation's case action is about: the one named, or the conversation's own. */
export async function orderOfConversation(sql: Sql, conv: CaseConversation, orderId: string | undefined, lock = false): Promise<CaseOrder | null> {
  const id = orderId ?? conv.orderId;
  if (id === null) return null;
  const order = await loadOrder(sql, id, lock);
  // Another customer's order is out of reach whatever the caller's scope.
  if (!order || order.customerId !== conv.customerId) {
    if (orderId === undefined) return null;
    throw notFound('该会话的客户没有这个订单 (the conversation\'s customer has no such order)');
  }
  return order;
}
