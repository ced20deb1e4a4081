import { newId } from '../../../protocol/ids';
import type { CreateNoticeRequest, Notice, NoticeAudience } from '../../../protocol/proactive';
import type { AuditActor } from '../audit/chain';
import type { AuthContext } from '../auth/context';
import { announce } from '../casework/announce';
import { recordEvents, statusChange, TICKET_EVENT } from '../conversations/events';
import { touchCustomer } from '../conversations/graph';
import type { Db, Sql } from '../db/db';
import { DEFAULT_POLICIES } from '../pipeline/policies';
import { teamIdOfKind } from '../routing/store';
import { planSla } from '../sla/ticket';
import { loadSlaTickets, storeSla } from '../sla/tracker';
import { previewOf } from '../sync/rows';
import { affectedCustomers } from './audience';

/** How the notice is signed in the conversation: from the service team, not one agent. */
export const NOTICE_AUTHOR = '客服通知';
export const NOTICE_EVENT = 'proactive.notice';

interface NoticeRow {
  id: string;
  audience: NoticeAudience;
  subject: string;
  body: string;
  created_by: string;
  created_at: Date;
  state: Notice['state'];
  finished_at: Date | null;
  total: number;
  sent: number;
  new_conversations: number;
  unreachable: number;
  pending: number;
}

const NOTICE_SELECT = `
  SELECT n.id, n.audience, n.subject, n.body, n.created_by, n.created_at, n.state, n.finished_at,
         count(r.customer_id)::int AS total,
         count(*) FILTER (WHERE r.status = 'sent')::int AS sent,
         count(*) FILTER (WHERE r.status = 'sent' AND r.new_conversation)::int AS new_conversations,
         count(*) FILTER (WHERE r.status = 'unreachable')::int AS unreachable,
         count(*) FILTER (WHERE r.status = 'pending')::int AS pending
    FROM proactive_notices n LEFT JOIN proactive_recipients r ON r.notice_id = n.id`;

const toNotice = (r: NoticeRow): Notice => ({
  id: r.id,
  audience: r.audience,
  subject: r.subject,
  body: r.body,
  createdBy: r.created_by,
  createdAt: new Date(r.created_at).toISOString(),
  state: r.state,
  finishedAt: r.finished_at ? new Date(r.finished_at).toISOString() : null,
  total: r.total,
  sent: r.sent,
  newConversations: r.new_conversations,
  unreachable: r.unreachable,
  pending: r.pending,
});

export async function loadNotice(sql: Sql, id: string): Promise<Notice | null> {
  const { rows } = await sql.query<NoticeRow>(`${NOTICE_SELECT} WHERE n.id = $1 GROUP BY n.id`, [id]);
  return rows[0] ? toNotice(rows[0]) : null;
}

export async function listNotices(sql: Sql, limit = 50): Promise<Notice[]> {
  const { rows } = await sql.query<NoticeRow>(`${NOTICE_SELECT} GROUP BY n.id ORDER BY n.created_at DESC, n.id DESC LIMIT $1`, [limit]);
  return rows.map(toNotice);
}

export type CreateOutcome = { kind: 'created' | 'existing'; notice: Notice } | { kind: 'id_reused' };

/**
 * Records the notice and fixes its recipients, in one transaction. The same id again with
 * the same content is the client retrying: it gets the notice as it stands. With other
 * content it is a mistake and changes nothing.
 */
export async function createNotice(db: Db, auth: AuthContext, req: CreateNoticeRequest): Promise<CreateOutcome> {
  return db.write(async (tx) => {
    const inserted = await tx.query(
      `INSERT INTO proactive_notices (id, audience, subject, body, created_by) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (id) DO NOTHING`,
      [req.id, JSON.stringify(req.audience), req.subject, req.body, auth.agentId],
    );
    if (inserted.rowCount === 0) {
      const existing = (await loadNotice(tx, req.id))!;
      const same =
        existing.createdBy === auth.agentId &&
        existing.subject === req.subject &&
        existing.body === req.body &&
        JSON.stringify(sortKeys(existing.audience)) === JSON.stringify(sortKeys(req.audience));
      return same ? { kind: 'existing', notice: existing } : { kind: 'id_reused' };
    }
    const customers = await affectedCustomers(tx, req.audience);
    if (customers.length > 0) {
      await tx.query(
        `INSERT INTO proactive_recipients (notice_id, customer_id, channel, status)
         SELECT $1, c.customer_id, c.channel, CASE WHEN c.channel IS NULL THEN 'unreachable' ELSE 'pending' END
           FROM unnest($2::text[], $3::text[]) AS c(customer_id, channel)`,
        [req.id, customers.map((c) => c.customerId), customers.map((c) => c.channel)],
      );
    }
    await finishIfSent(tx, req.id);
    return { kind: 'created', notice: (await loadNotice(tx, req.id))! };
  });
}

const sortKeys = (o: object) => Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));

/** Notices some of whose recipients are still to be sent (after a restart, say). */
export async function unfinishedNotices(sql: Sql): Promise<string[]> {
  const { rows } = await sql.query<{ id: string }>(`SELECT id FROM proactive_notices WHERE state = 'sending' ORDER BY created_at`);
  return rows.map((r) => r.id);
}

export async function pendingRecipients(sql: Sql, noticeId: string, limit: number): Promise<string[]> {
  const { rows } = await sql.query<{ customer_id: string }>(
    `SELECT customer_id FROM proactive_recipients WHERE notice_id = $1 AND status = 'pending' ORDER BY customer_id LIMIT $2`,
    [noticeId, limit],
  );
  return rows.map((r) => r.customer_id);
}

/**
 * Sends the notice to one recipient: appended to the customer's open conversation on their
 * channel, or in a new one; the channel delivers it as it does agent replies. The recipient
 * row is marked in the same transaction, so it is sent once however often this runs.
 * Returns false when there was nothing to send (already sent, or another sender has it).
 */
export async function sendToRecipient(db: Db, noticeId: string, customerId: string): Promise<boolean> {
  return db.write(async (tx) => {
    const { rows } = await tx.query<{ channel: string; subject: string; body: string; created_by: string; audience: NoticeAudience }>(
      `SELECT r.channel, n.subject, n.body, n.created_by, n.audience FROM proactive_recipients r JOIN proactive_notices n ON n.id = r.notice_id
        WHERE r.notice_id = $1 AND r.customer_id = $2 AND r.status = 'pending' FOR UPDATE OF r SKIP LOCKED`,
      [noticeId, customerId],
    );
    const r = rows[0];
    if (!r) return false;
    const actor: AuditActor = { kind: 'agent', id: r.created_by };
    const open = await tx.query<{ id: string }>(
      `SELECT id FROM conversations WHERE customer_id = $1 AND channel = $2 AND deleted_at IS NULL AND status <> 'resolved'
        ORDER BY created_at DESC LIMIT 1 FOR UPDATE`,
      [customerId, r.channel],
    );
    let conversationId = open.rows[0]?.id;
    const isNew = conversationId === undefined;
    if (conversationId === undefined) {
      conversationId = newId();
      // Supplier trouble goes to the supplier team, who answer the replies it brings.
      const teamId = (r.audience.supplier ? await teamIdOfKind(tx, 'supplier') : null) ?? (await teamIdOfKind(tx, 'general'));
      await tx.query(
        `INSERT INTO conversations (id, customer_id, channel, subject, status, team_id, last_message_at, last_message_preview, unread_count)
         VALUES ($1, $2, $3, $4, 'waiting_customer', $5, now(), $6, 0)`,
        [conversationId, customerId, r.channel, r.subject, teamId, previewOf(r.body)],
      );
      // Workstations that gain this customer through the new conversation need its profile and orders.
      await touchCustomer(tx, '$1', [customerId]);
      await recordEvents(tx, conversationId, [
        { actor, type: TICKET_EVENT.created, data: { channel: r.channel, status: 'new', noticeId } },
        statusChange(actor, { from: 'new', to: 'waiting_customer', cause: 'proactive_notice' }),
      ]);
    }
    const messageId = await announce(tx, { conversationId, kind: 'agent', authorName: NOTICE_AUTHOR, body: r.body });
    await recordEvents(tx, conversationId, [{ actor, type: NOTICE_EVENT, data: { noticeId, messageId, newConversation: isNew } }]);
    if (isNew) {
      // On the SLA clock like any ticket, paused while the customer has not answered.
      const [ticket] = await loadSlaTickets(tx, { ids: [conversationId] });
      await storeSla(tx, conversationId, planSla(ticket!, DEFAULT_POLICIES, Date.now()).sla);
    }
    await tx.query(
      `UPDATE proactive_recipients SET status = 'sent', conversation_id = $3, message_id = $4, new_conversation = $5, sent_at = now()
        WHERE notice_id = $1 AND customer_id = $2`,
      [noticeId, customerId, conversationId, messageId, isNew],
    );
    return true;
  });
}

/** Marks the notice done once nobody is left to send to. */
export async function finishIfSent(sql: Sql, noticeId: string): Promise<void> {
  await sql.query(
    `UPDATE proactive_notices SET state = 'done', finished_at = now()
      WHERE id = $1 AND state = 'sending'
        AND NOT EXISTS (SELECT 1 FROM proactive_recipients WHERE notice_id = $1 AND status = 'pending')`,
    [noticeId],
  );
}
