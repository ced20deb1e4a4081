import type { CustomerHistoryQuery, CustomerHistoryResponse } from '../../../protocol/customers';
import { HISTORY_MESSAGES_PER_CONVERSATION } from '../../../protocol/customers';
import type { AuthContext } from '../auth/context';
import { seesEverything } from '../auth/context';
import type { Sql } from '../db/db';
import {
  CONVERSATION_COLUMNS,
  conversationFromRow,
  type ConversationRow,
  MESSAGE_COLUMNS,
  messageFromRow,
  type MessageRow,
} from '../sync/rows';
import { conversationScopeSql } from '../sync/scope';

/**
 * Whether the caller may read this customer's history: supervisors and admins always; an
 * agent when one of the customer's conversations is in their scope (the customer they are
 * serving), so an agent cannot browse arbitrary customers by id.
 */
async function mayRead(tx: Sql, auth: AuthContext, customerId: string): Promise<boolean> {
  const sql = seesEverything(auth)
    ? 'SELECT 1 FROM customers WHERE id = $1 AND deleted_at IS NULL'
    : `SELECT 1 FROM conversations c WHERE c.customer_id = $1 AND c.deleted_at IS NULL AND ${conversationScopeSql(2, 3)} LIMIT 1`;
  const params = seesEverything(auth) ? [customerId] : [customerId, auth.teamIds, auth.agentId];
  return (await tx.query(sql, params)).rows.length > 0;
}

const PAGE_SQL = `SELECT ${CONVERSATION_COLUMNS} FROM conversations c
  WHERE c.customer_id = $1 AND c.deleted_at IS NULL AND ($2::timestamptz IS NULL OR c.last_message_at < $2)
  ORDER BY c.last_message_at DESC, c.id DESC LIMIT $3`;
const TIED_SQL = `SELECT ${CONVERSATION_COLUMNS} FROM conversations c
  WHERE c.customer_id = $1 AND c.deleted_at IS NULL AND c.last_message_at = $2 ORDER BY c.id DESC`;
const MESSAGES_SQL = `SELECT m.* FROM unnest($1::text[]) AS wanted(id)
  CROSS JOIN LATERAL (
    SELECT ${MESSAGE_COLUMNS} FROM messages m
    WHERE m.conversation_id = wanted.id AND m.deleted_at IS NULL
    ORDER BY m.created_at DESC, m.id DESC LIMIT $2
  ) m`;

/**
 * One page of a customer's conversations, newest first, with their newest messages; null
 * when the customer does not exist or is not the caller's to read. The page never splits
 * conversations with the same last-message time, so `nextBefore` skips none.
 */
export async function customerHistory(
  tx: Sql,
  auth: AuthContext,
  customerId: string,
  query: CustomerHistoryQuery,
): Promise<CustomerHistoryResponse | null> {
  if (!(await mayRead(tx, auth, customerId))) return null;
  const { rows } = await tx.query<ConversationRow>(PAGE_SQL, [customerId, query.before ?? null, query.limit + 1]);
  let page = rows.slice(0, query.limit);
  let nextBefore: string | null = null;
  const boundary = page.at(-1);
  if (rows.length > query.limit && boundary) {
    const tied = await tx.query<ConversationRow>(TIED_SQL, [customerId, boundary.last_message_at]);
    const have = new Set(page.map((r) => r.id));
    page = [...page, ...tied.rows.filter((r) => !have.has(r.id))];
    nextBefore = new Date(boundary.last_message_at).toISOString();
  }
  const conversations = page.map(conversationFromRow);
  const messages = conversations.length
    ? (await tx.query<MessageRow>(MESSAGES_SQL, [conversations.map((c) => c.id), HISTORY_MESSAGES_PER_CONVERSATION])).rows.map(
        messageFromRow,
      )
    : [];
  return { conversations, messages, nextBefore };
}
