import type { Channel } from '../../../protocol/entities';
import type { Sql } from '../db/db';

/** Remembers that `ref` (e.g. an email Message-ID) belongs to a conversation. */
export async function recordThreadRef(tx: Sql, channel: Channel, ref: string, conversationId: string): Promise<void> {
  await tx.query(
    'INSERT INTO thread_refs (channel, ref, conversation_id) VALUES ($1, $2, $3) ON CONFLICT (channel, ref) DO NOTHING',
    [channel, ref, conversationId],
  );
}

/**
 * The customer's conversation any of `refs` belongs to, most recent reference first; null
 * when none is known. Only the sender's own tickets match: a Message-ID is no secret, and
 * naming another customer's must not let anyone join (and read the replies of) their ticket.
 */
export async function findThread(
  tx: Sql,
  channel: Channel,
  refs: readonly string[],
  customerId: string,
): Promise<string | null> {
  if (refs.length === 0) return null;
  const { rows } = await tx.query<{ conversation_id: string }>(
    `SELECT t.conversation_id FROM thread_refs t JOIN conversations c ON c.id = t.conversation_id
      WHERE t.channel = $1 AND t.ref = ANY($2::text[]) AND c.customer_id = $3 AND c.deleted_at IS NULL
      ORDER BY array_position($2::text[], t.ref) LIMIT 1`,
    [channel, [...refs].reverse(), customerId],
  );
  return rows[0]?.conversation_id ?? null;
}
