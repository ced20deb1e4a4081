import type { Sql } from '../db/db';

/**
 * Re-stamps a conversation's messages, customer and the customer's orders, so that
 * workstations which just gained the conversation (new ticket, team move) pull the rows
 * they did not have. Updating a row to itself is enough: the version trigger fires.
 */
export async function touchConversationGraph(tx: Sql, conversationId: string): Promise<void> {
  await tx.query('UPDATE messages SET id = id WHERE conversation_id = $1', [conversationId]);
  await touchCustomer(tx, `(SELECT customer_id FROM conversations WHERE id = $1)`, [conversationId]);
}

export async function touchCustomer(tx: Sql, customerIdSql: string, params: unknown[]): Promise<void> {
  await tx.query(`UPDATE customers SET id = id WHERE id = ${customerIdSql}`, params);
  await tx.query(`UPDATE orders SET id = id WHERE customer_id = ${customerIdSql}`, params);
}

/** Web chat (and later other channels) deliver agent replies after commit via this notification. */
export const OUTBOUND_CHANNEL = 'kadesk_outbound';

export async function notifyOutbound(tx: Sql, conversationId: string): Promise<void> {
  await tx.query('SELECT pg_notify($1, $2)', [OUTBOUND_CHANNEL, conversationId]);
}
