import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { Channel } from '../../../protocol/entities';
import { OUTBOUND_CHANNEL } from '../conversations/graph';
import type { Db } from '../db/db';

/** An agent reply waiting to go out through an external channel. */
export interface PendingReply {
  messageId: string;
  body: string;
  /** Receipt id of the latest customer message on this channel before the reply, if any. */
  answeringReceiptId: string | null;
  /**
   * 1 for the first agent reply after that customer message, 2 for the next, …; derived from stored
   * rows, so a retry of one reply always carries the same number.
   */
  seq: number;
}

export type SendOutcome = { status: 'sent' } | { status: 'retry' | 'failed'; error: string };

/** One external channel's way of handing a reply to its API. */
export interface ChannelSender {
  readonly channel: Channel;
  send(reply: PendingReply): Promise<SendOutcome>;
}

export interface DeliveryOptions {
  /** How often everything due is retried, covering notifications missed while down. */
  sweepMs: number;
  /** A claimed reply whose sender vanished (crash) is claimed again after this long. */
  leaseMs: number;
  maxAttempts: number;
  /** Replies older than this are not sent at all: enabling a channel must not replay history. */
  lookbackHours: number;
}

const DEFAULTS: DeliveryOptions = { sweepMs: 30_000, leaseMs: 120_000, maxAttempts: 5, lookbackHours: 24 };

interface DueRow {
  id: string;
  conversation_id: string;
  body: string;
  answering_id: string | null;
  seq: number;
}

// Agent replies in this channel's conversations that nobody has sent, is sending, or gave up on.
const DUE_SQL = `
  SELECT m.id, m.conversation_id, m.body, a.external_id AS answering_id,
         (SELECT count(*) FROM messages p
           WHERE p.conversation_id = m.conversation_id AND p.kind = 'agent'
             AND (p.created_at, p.id) <= (m.created_at, m.id)
             AND (a.id IS NULL OR (p.created_at, p.id) > (a.created_at, a.id)))::int AS seq
    FROM messages m
    JOIN conversations c ON c.id = m.conversation_id
    LEFT JOIN outbound_deliveries d ON d.message_id = m.id
    -- This conversation's latest customer message; in a conversation Kadesk started (a
    -- proactive notice) there is none, and the customer's latest on this channel says where to write.
    LEFT JOIN LATERAL (
      SELECT i.id, i.created_at, r.external_id FROM messages i JOIN inbound_receipts r ON r.message_id = i.id
        JOIN conversations ic ON ic.id = i.conversation_id
       WHERE ic.customer_id = c.customer_id AND r.channel = c.channel AND (i.created_at, i.id) < (m.created_at, m.id)
       ORDER BY i.conversation_id = m.conversation_id DESC, i.created_at DESC, i.id DESC LIMIT 1) a ON true
   WHERE c.channel = $1 AND m.kind = 'agent' AND m.deleted_at IS NULL
     AND m.created_at > now() - make_interval(hours => $2)
     AND (d.message_id IS NULL OR d.status = 'retry'
          OR (d.status = 'sending' AND d.claimed_at < now() - make_interval(secs => $3)))
     -- Replies leave in order: nothing goes while an earlier one in its conversation is pending,
     -- whichever server instance holds it.
     AND NOT EXISTS (
       SELECT 1 FROM messages e JOIN outbound_deliveries ed ON ed.message_id = e.id
        WHERE e.conversation_id = m.conversation_id AND (e.created_at, e.id) < (m.created_at, m.id)
          AND ed.status IN ('sending', 'retry'))`;

// One statement, so two senders (two server instances) can never both win a reply.
const CLAIM_SQL = `
  INSERT INTO outbound_deliveries AS d (message_id, channel, status, attempts, claimed_at)
  VALUES ($1, $2, 'sending', 1, now())
  ON CONFLICT (message_id) DO UPDATE SET status = 'sending', attempts = d.attempts + 1, claimed_at = now()
   WHERE d.status = 'retry' OR (d.status = 'sending' AND d.claimed_at < now() - make_interval(secs => $3))
  RETURNING attempts`;

/**
 * Sends agent replies through one external channel, each exactly once as far as this
 * server can tell: a reply is claimed in outbound_deliveries before it is sent and marked
 * after. Runs on the outbound notification that follows every committed reply and on a
 * periodic sweep. A sender that crashes mid-send leaves a lease that expires, and the
 * reply is sent again: a duplicate is preferred to a reply the customer never gets.
 */
export class OutboundDeliveries {
  private readonly opts: DeliveryOptions;
  private queue: Promise<void> = Promise.resolve();
  private unlisten: (() => Promise<void>) | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly db: Db,
    private readonly sender: ChannelSender,
    private readonly log: FastifyBaseLogger,
    opts: Partial<DeliveryOptions> = {},
  ) {
    this.opts = { ...DEFAULTS, ...opts };
  }

  async start(): Promise<void> {
    this.unlisten = await this.db.listen(OUTBOUND_CHANNEL, (conversationId) => void this.run(conversationId));
    this.timer = setInterval(() => void this.run(null), this.opts.sweepMs);
    this.timer.unref();
    void this.run(null);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.unlisten?.();
    await this.queue;
  }

  /** Sends what is due in one conversation, or everywhere; passes run one at a time. */
  run(conversationId: string | null): Promise<void> {
    this.queue = this.queue
      .then(() => this.pass(conversationId))
      .catch((err) => this.log.warn({ err, channel: this.sender.channel }, 'outbound delivery pass failed; the next sweep retries'));
    return this.queue;
  }

  private async pass(conversationId: string | null): Promise<void> {
    const { channel } = this.sender;
    const params: unknown[] = [channel, this.opts.lookbackHours, this.opts.leaseMs / 1000];
    const only = conversationId === null ? '' : ` AND m.conversation_id = $${params.push(conversationId)}`;
    const due = await this.db.query<DueRow>(`${DUE_SQL}${only} ORDER BY m.created_at, m.id LIMIT 200`, params);
    // A conversation whose earlier reply is still pending sends nothing later, to keep order.
    const held = new Set<string>();
    // Replies queued behind a retried or taken-over one were left out of `due`; once it is
    // settled, another pass sends them now rather than at the next sweep.
    let unblocked = false;
    for (const row of due.rows) {
      if (held.has(row.conversation_id)) continue;
      const claimed = await this.db.query<{ attempts: number }>(CLAIM_SQL, [row.id, channel, this.opts.leaseMs / 1000]);
      const attempts = claimed.rows[0]?.attempts;
      if (attempts === undefined) {
        held.add(row.conversation_id);
        continue;
      }
      const outcome = await this.sender.send(toReply(row)).catch(
        (err: unknown): SendOutcome => ({ status: 'retry', error: err instanceof Error ? err.message : String(err) }),
      );
      const status = await this.record(row.id, outcome, attempts);
      if (status === 'retry') held.add(row.conversation_id);
      else if (attempts > 1) unblocked = true;
    }
    if (unblocked) await this.pass(conversationId);
  }

  /** Stores the outcome; returns the reply's status from now on. */
  private async record(messageId: string, outcome: SendOutcome, attempts: number): Promise<'sent' | 'retry' | 'failed'> {
    if (outcome.status === 'sent') {
      await this.db.query(
        `UPDATE outbound_deliveries SET status = 'sent', sent_at = now(), last_error = NULL WHERE message_id = $1`,
        [messageId],
      );
      return 'sent';
    }
    const status = outcome.status === 'failed' || attempts >= this.opts.maxAttempts ? 'failed' : 'retry';
    await this.db.query('UPDATE outbound_deliveries SET status = $2, last_error = $3 WHERE message_id = $1', [
      messageId,
      status,
      outcome.error.slice(0, 1000),
    ]);
    this.log.warn(
      { messageId, channel: this.sender.channel, attempts, error: outcome.error },
      status === 'failed' ? 'reply could not be delivered; giving up' : 'reply not delivered yet; will retry',
    );
    return status;
  }
}

const toReply = (r: DueRow): PendingReply => ({ messageId: r.id, body: r.body, answeringReceiptId: r.answering_id, seq: r.seq });

/** Runs a channel's deliveries while the app is up: from ready until close. */
export function deliverWhileRunning(app: FastifyInstance, db: Db, sender: ChannelSender): void {
  const deliveries = new OutboundDeliveries(db, sender, app.log);
  app.addHook('onReady', () => deliveries.start());
  app.addHook('onClose', () => deliveries.stop());
}
