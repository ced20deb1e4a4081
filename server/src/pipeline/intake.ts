import { newId } from '../../../protocol/ids';
import type { Db } from '../db/db';
import type { InboundMessage } from './inbound';

export interface Intake {
  /** The id the message has (or will have, once processed). */
  messageId: string;
  /** The channel delivered this message before; nothing new was queued. */
  duplicate: boolean;
  /** When Kadesk first received it: the message's time in the thread and on the SLA clock. */
  receivedAt: Date;
}

/**
 * Durable intake: one short transaction that dedupes by the channel's message id and
 * queues the normalised message. Once it returns the message is Kadesk's responsibility,
 * whatever happens to this process; the channel can be told "received".
 */
export function intakeInbound(db: Db, msg: InboundMessage, receivedAt = new Date()): Promise<Intake> {
  return db.write(async (tx) => {
    const messageId = newId(receivedAt.getTime());
    // Receipt and queue row in one statement: the queue row exists only if the receipt is new.
    const fresh = await tx.query(
      `WITH receipt AS (
         INSERT INTO inbound_receipts (channel, external_id, message_id, received_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (channel, external_id) DO NOTHING RETURNING message_id
       )
       INSERT INTO inbound_queue (id, channel, payload, received_at) SELECT message_id, $1, $5, $4 FROM receipt RETURNING id`,
      [msg.channel, msg.externalMessageId, messageId, receivedAt, JSON.stringify(msg)],
    );
    if (fresh.rows.length === 0) {
      const { rows } = await tx.query<{ message_id: string; received_at: Date }>(
        `SELECT r.message_id, COALESCE(q.received_at, r.received_at) AS received_at
           FROM inbound_receipts r LEFT JOIN inbound_queue q ON q.id = r.message_id
          WHERE r.channel = $1 AND r.external_id = $2`,
        [msg.channel, msg.externalMessageId],
      );
      const seen = rows[0]!;
      return { messageId: seen.message_id, duplicate: true, receivedAt: new Date(seen.received_at) };
    }
    return { messageId, duplicate: false, receivedAt };
  });
}
