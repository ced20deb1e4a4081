import { NOTICE_CHANNELS, type NoticeAudience, type NoticeChannel, type NoticePreviewResponse } from '../../../protocol/proactive';
import type { Sql } from '../db/db';

// Who a notice reaches: customers with an order matching the audience, each on the channel
// they last wrote to Kadesk on.

/** Dates are the workspace's calendar days (China, UTC+8): [start of `from`, start of the day after `to`). */
export function orderedWithin(a: Pick<NoticeAudience, 'from' | 'to'>): { since: Date | null; until: Date | null } {
  const at = (d: string) => new Date(`${d}T00:00:00+08:00`);
  const until = a.to ? new Date(at(a.to).getTime() + 86_400_000) : null;
  return { since: a.from ? at(a.from) : null, until };
}

export interface AffectedCustomer {
  customerId: string;
  orders: number;
  /** Null: Kadesk has no channel it can start a message on for this customer. */
  channel: NoticeChannel | null;
}

/**
 * The affected customers. A customer's channel is the one of their newest message that came
 * in with a channel receipt (so external channels know the address to write to); failing
 * that, web chat when they have used the widget.
 */
export async function affectedCustomers(sql: Sql, audience: NoticeAudience): Promise<AffectedCustomer[]> {
  const { since, until } = orderedWithin(audience);
  const { rows } = await sql.query<{ customer_id: string; orders: number; channel: NoticeChannel | null }>(
    `WITH affected AS (
       SELECT o.customer_id, count(*)::int AS orders FROM orders o JOIN customers cu ON cu.id = o.customer_id
        WHERE o.deleted_at IS NULL AND cu.deleted_at IS NULL
          AND ($1::text IS NULL OR strpos(lower(o.product), lower($1::text)) > 0)
          AND ($2::text IS NULL OR o.supplier = $2::text)
          AND ($3::timestamptz IS NULL OR o.created_at >= $3::timestamptz)
          AND ($4::timestamptz IS NULL OR o.created_at < $4::timestamptz)
        GROUP BY o.customer_id)
     SELECT a.customer_id, a.orders, COALESCE(
         (SELECT r.channel FROM conversations c JOIN messages m ON m.conversation_id = c.id JOIN inbound_receipts r ON r.message_id = m.id
           WHERE c.customer_id = a.customer_id AND r.channel = ANY($5::text[])
           ORDER BY m.created_at DESC, m.id DESC LIMIT 1),
         (SELECT 'webchat' FROM customer_identities i WHERE i.customer_id = a.customer_id AND i.channel = 'webchat' LIMIT 1)
       ) AS channel
       FROM affected a ORDER BY a.customer_id`,
    [audience.product ?? null, audience.supplier ?? null, since, until, NOTICE_CHANNELS],
  );
  return rows.map((r) => ({ customerId: r.customer_id, orders: r.orders, channel: r.channel }));
}

/** What the supervisor sees before sending: how many customers, on which channels. */
export function summarise(customers: readonly AffectedCustomer[]): NoticePreviewResponse {
  const byChannel: NoticePreviewResponse['byChannel'] = {};
  let unreachable = 0;
  for (const c of customers) {
    if (c.channel === null) unreachable += 1;
    else byChannel[c.channel] = (byChannel[c.channel] ?? 0) + 1;
  }
  return { customers: customers.length, orders: customers.reduce((n, c) => n + c.orders, 0), byChannel, unreachable };
}
