import { newId } from '../../../protocol/ids';
import type { FreezeRequest, FreezeResponse, TransactionFlowResponse } from '../../../protocol/security';
import { appendEvent } from '../audit/store';
import type { AuthContext } from '../auth/context';
import { conversationForCase } from '../casework/access';
import { agentActor, auditActor } from '../casework/actor';
import { unprocessable } from '../casework/errors';
import { COMPENSATION_COLUMNS, compensationFromRow, type CompensationRow } from '../compensation/store';
import type { Db, Sql } from '../db/db';
import { notFound } from '../http/errors';
import { requireSecurityRole } from './access';
import { type FlowOrder, transactionFlow } from './transactions';

type Action = 'freeze' | 'unfreeze' | 'view_transactions';

/**
 * Records a security action on the customer's own append-only trail and, when a ticket is
 * named (it must be this customer's), on that ticket's audit chain too.
 */
async function record(
  tx: Sql,
  auth: AuthContext,
  customerId: string,
  action: Action,
  reason: string,
  conversationId: string | undefined,
): Promise<void> {
  // Whoever may act on the account may note it on any of its tickets (a security case often
  // starts on another team's ticket).
  const conv = conversationId === undefined ? null : await conversationForCase(tx, null, conversationId);
  if (conv && conv.customerId !== customerId) {
    throw unprocessable('conversation_not_of_customer', '该会话不属于此客户 (the conversation is not with this customer)');
  }
  const id = newId();
  await tx.query(
    `INSERT INTO security_actions (id, customer_id, action, reason, conversation_id, actor_id) VALUES ($1, $2, $3, $4, $5, $6)`,
    [id, customerId, action, reason, conv?.id ?? null, auth.agentId],
  );
  if (conv) {
    await appendEvent(tx, {
      ticketId: conv.id,
      actor: auditActor(agentActor(auth)),
      type: `security.${action}`,
      data: { actionId: id, customerId, reason },
    });
  }
}

const noCustomer = () => notFound('找不到该客户 (no such customer)');

/** Freezes or unfreezes an account; the customers row changes, so workstations sync the flag. */
export function setFrozen(db: Db, auth: AuthContext, customerId: string, frozen: boolean, req: FreezeRequest): Promise<FreezeResponse> {
  return db.write(async (tx) => {
    await requireSecurityRole(tx, auth);
    const { rows } = await tx.query<{ frozen: boolean }>('SELECT frozen FROM customers WHERE id = $1 AND deleted_at IS NULL FOR UPDATE', [
      customerId,
    ]);
    if (!rows[0]) throw noCustomer();
    if (rows[0].frozen === frozen) return { customerId, frozen, changed: false };
    await tx.query('UPDATE customers SET frozen = $2 WHERE id = $1', [customerId, frozen]);
    await record(tx, auth, customerId, frozen ? 'freeze' : 'unfreeze', req.reason, req.conversationId);
    return { customerId, frozen, changed: true };
  });
}

/** Purchases and everything paid back, oldest first; the look is recorded before anything is shown. */
export async function viewTransactions(
  db: Db,
  auth: AuthContext,
  customerId: string,
  conversationId: string | undefined,
): Promise<TransactionFlowResponse> {
  await db.write(async (tx) => {
    await requireSecurityRole(tx, auth);
    if ((await tx.query('SELECT 1 FROM customers WHERE id = $1 AND deleted_at IS NULL', [customerId])).rows.length === 0) throw noCustomer();
    await record(tx, auth, customerId, 'view_transactions', '', conversationId);
  });
  return db.snapshot(async (tx) => {
    const customer = await tx.query<{ id: string; name: string; frozen: boolean }>('SELECT id, name, frozen FROM customers WHERE id = $1', [
      customerId,
    ]);
    const orders = await tx.query<{ id: string; product: string; amount_cents: number; state: FlowOrder['state']; created_at: Date | string }>(
      'SELECT id, product, amount_cents, state, created_at FROM orders WHERE customer_id = $1 AND deleted_at IS NULL',
      [customerId],
    );
    const comps = await tx.query<CompensationRow>(`SELECT ${COMPENSATION_COLUMNS} FROM compensations WHERE customer_id = $1`, [customerId]);
    const flow = transactionFlow(
      orders.rows.map((o) => ({
        id: o.id,
        product: o.product,
        amountCents: o.amount_cents,
        state: o.state,
        createdAt: new Date(o.created_at).toISOString(),
      })),
      comps.rows.map(compensationFromRow),
    );
    return { customer: customer.rows[0]!, ...flow };
  });
}
