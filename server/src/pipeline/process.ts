import type { Db } from '../db/db';
import type { Accepted, InboundMessage } from './inbound';
import { DEFAULT_POLICIES, type Policies } from './policies';
import { queueSupplierCheck } from './supplier-checks';
import { type PipelineStep, storeInbound } from './ticket';

export interface ProcessOptions {
  policies?: Policies;
  /**
   * Called after each pipeline step inside the processing transaction. Throwing aborts the
   * transaction: the tests crash the pipeline part-way through this hook.
   */
  afterStep?: (step: PipelineStep) => void | Promise<void>;
  /** Called once the message is committed, when processing it queued the ticket's supplier check. */
  onSupplierCheck?: (conversationId: string) => void;
}

export type Processed = Omit<Accepted, 'duplicate'>;

interface QueueRow {
  id: string;
  payload: InboundMessage;
  received_at: Date;
  status: 'queued' | 'done' | 'failed';
  conversation_id: string | null;
  customer_id: string | null;
}

/** After this many failed attempts a message stops being retried by the sweep and waits for an admin. */
export const MAX_ATTEMPTS = 10;

/**
 * Processes one queued message in one transaction that also marks it done, so it is stored
 * exactly once: a crash part-way rolls everything back and leaves it queued. Returns the
 * result (at once if it was processed before), or null when the queue does not hold it
 * (received before the queue existed) or another instance is processing it right now.
 */
export async function processInbound(db: Db, messageId: string, opts: ProcessOptions = {}): Promise<Processed | null> {
  let checkQueued = false;
  try {
    const done = await db.write(async (tx) => {
      const { rows } = await tx.query<QueueRow>(
        `SELECT id, payload, received_at, status, conversation_id, customer_id FROM inbound_queue WHERE id = $1 FOR UPDATE SKIP LOCKED`,
        [messageId],
      );
      const q = rows[0];
      if (!q) return null;
      if (q.status === 'done') return { messageId, conversationId: q.conversation_id!, customerId: q.customer_id! };
      const stored = await storeInbound(
        tx,
        { id: q.id, msg: q.payload, receivedAt: new Date(q.received_at) },
        { policies: opts.policies ?? DEFAULT_POLICIES, afterStep: opts.afterStep },
      );
      checkQueued = await queueSupplierCheck(tx, stored.conversationId);
      await tx.query(
        `UPDATE inbound_queue SET status = 'done', processed_at = now(), conversation_id = $2, customer_id = $3, last_error = NULL
          WHERE id = $1`,
        [messageId, stored.conversationId, stored.customerId],
      );
      return { messageId, ...stored };
    });
    if (checkQueued && done) opts.onSupplierCheck?.(done.conversationId);
    return done;
  } catch (err) {
    await noteFailure(db, messageId, err);
    throw err;
  }
}

// Backs off 2, 4, 8 … seconds, at most ten minutes, so a failing message does not spin.
async function noteFailure(db: Db, messageId: string, err: unknown): Promise<void> {
  const reason = (err instanceof Error ? err.message : String(err)).slice(0, 500);
  await db
    .write((tx) =>
      tx.query(
        `UPDATE inbound_queue SET attempts = attempts + 1, last_error = $2,
           not_before = now() + make_interval(secs => least(power(2, attempts + 1), 600)),
           status = CASE WHEN attempts + 1 >= $3 THEN 'failed' ELSE 'queued' END
         WHERE id = $1 AND status <> 'done'`,
        [messageId, reason, MAX_ATTEMPTS],
      ),
    )
    // The database may be what failed; the message stays queued either way.
    .catch(() => undefined);
}

/** The stored outcome of a message that is no longer (or never was) in the queue. */
export async function processedResult(db: Db, messageId: string): Promise<Processed> {
  const { rows } = await db.query<{ conversation_id: string; customer_id: string }>(
    `SELECT m.conversation_id, c.customer_id FROM messages m JOIN conversations c ON c.id = m.conversation_id WHERE m.id = $1`,
    [messageId],
  );
  const r = rows[0];
  if (!r) throw new Error(`inbound message ${messageId} is still being processed`);
  return { messageId, conversationId: r.conversation_id, customerId: r.customer_id };
}

/**
 * Processes what is waiting in the queue, oldest first, each message in its own
 * transaction so one that keeps failing holds up no other. Returns how many were stored.
 */
export async function processPending(db: Db, opts: ProcessOptions & { limit?: number; onError?: (err: unknown, messageId: string) => void } = {}) {
  const { rows } = await db.query<{ id: string }>(
    `SELECT id FROM inbound_queue WHERE status = 'queued' AND not_before <= now() ORDER BY received_at, id LIMIT $1`,
    [opts.limit ?? 200],
  );
  let stored = 0;
  for (const { id } of rows) {
    try {
      if (await processInbound(db, id, opts)) stored += 1;
    } catch (err) {
      opts.onError?.(err, id);
    }
  }
  return stored;
}
