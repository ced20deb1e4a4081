import type { ConversationStatus } from '../../../protocol/entities';
import { newId } from '../../../protocol/ids';
import { notifyOutbound } from '../conversations/graph';
import type { Sql } from '../db/db';
import { previewOf } from '../sync/rows';

export interface Announcement {
  conversationId: string;
  /**
   * 'system' notices reach the web chat; 'agent' replies (automatic ones, no author) also go
   * out through external channels, which carry agent replies only.
   */
  kind: 'system' | 'agent';
  authorName: string;
  body: string;
  /** A new status for the ticket, when the announcement changes it. */
  status?: ConversationStatus;
  messageId?: string;
}

/** Adds a message the customer sees and wakes the channels that deliver it; returns its id. */
export async function announce(tx: Sql, a: Announcement): Promise<string> {
  const id = a.messageId ?? newId();
  await tx.query(`INSERT INTO messages (id, conversation_id, kind, author_id, author_name, body) VALUES ($1, $2, $3, NULL, $4, $5)`, [
    id,
    a.conversationId,
    a.kind,
    a.authorName,
    a.body,
  ]);
  await tx.query(
    `UPDATE conversations SET status = COALESCE($2, status), last_message_at = now(), last_message_preview = $3, updated_at = now()
      WHERE id = $1`,
    [a.conversationId, a.status ?? null, previewOf(a.body)],
  );
  await notifyOutbound(tx, a.conversationId);
  return id;
}
