import type { Db, Sql } from '../db/db';
import { type AutoCheckOutcome, autoCheckNotReceived } from '../suppliers/auto-check';
import type { SupplierRuntime } from '../suppliers/runtime';
import { addNote } from './ticket';

/**
 * The automatic supplier check of "not received" tickets (到账延迟/未到账), as durable jobs:
 * the pipeline queues one in the transaction that stores the message, so a crash cannot
 * lose it; it runs after commit (never inside intake), and a supplier that cannot be
 * reached is retried with a back-off until it answers. autoCheckNotReceived tells the
 * customer at most once per ticket, so running a job twice (a lease that ran out, two
 * instances) sends nothing twice.
 */

export type CheckJobState = 'pending' | 'retrying' | 'done' | 'gave_up';

/** Attempts before the automatic check stops and leaves the ticket to the agent. */
export const MAX_CHECK_ATTEMPTS = 12;
/** How long a runner holds a job: longer than a supplier call with its retries may take. */
const LEASE_MS = 120_000;

/** 30 s, 1 min, 2 min … at most 15 min after the `attempts`-th failure. */
export function checkBackoffMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 15 * 60_000);
}

/** What to do with a job after one run: pure, so the retry policy is tested on its own. */
export function nextCheckState(
  outcome: AutoCheckOutcome | { outcome: 'error'; message: string },
  attemptsBefore: number,
): { state: CheckJobState; attempts: number; retryInMs: number | null; error: string | null } {
  const failed = outcome.outcome === 'unavailable' || outcome.outcome === 'error';
  if (!failed) return { state: 'done', attempts: attemptsBefore, retryInMs: null, error: null };
  const attempts = attemptsBefore + 1;
  const error = outcome.outcome === 'error' ? outcome.message : `${outcome.error.code}: ${outcome.error.message}`;
  if (attempts >= MAX_CHECK_ATTEMPTS) return { state: 'gave_up', attempts, retryInMs: null, error };
  return { state: 'retrying', attempts, retryInMs: checkBackoffMs(attempts), error };
}

/**
 * Queues the check inside the pipeline's transaction when the ticket is about an order that
 * did not arrive; true when this call queued it (a ticket is checked once).
 */
export async function queueSupplierCheck(tx: Sql, conversationId: string): Promise<boolean> {
  const { rowCount } = await tx.query(
    `INSERT INTO supplier_check_jobs (conversation_id)
     SELECT id FROM conversations WHERE id = $1 AND category = 'delivery_delayed' AND order_id IS NOT NULL
     ON CONFLICT (conversation_id) DO NOTHING`,
    [conversationId],
  );
  return rowCount > 0;
}

/**
 * Runs the job of one ticket if it is due and no other runner holds it. Never throws: a
 * failure is recorded on the job (and, the first time, shown to the agent) for a retry.
 * Returns the job's state afterwards, or null when there was nothing to run. `now` defaults
 * to the database's clock, the one that stamped the job when it was queued.
 */
export async function runSupplierCheck(db: Db, conversationId: string, runtime: SupplierRuntime, now: Date | null = null): Promise<CheckJobState | null> {
  const claimed = await db.write((tx) =>
    tx.query<{ attempts: number }>(
      `UPDATE supplier_check_jobs SET not_before = COALESCE($2::timestamptz, now()) + make_interval(secs => $3), updated_at = now()
        WHERE conversation_id = $1 AND state IN ('pending', 'retrying') AND not_before <= COALESCE($2::timestamptz, now()) RETURNING attempts`,
      [conversationId, now, LEASE_MS / 1000],
    ),
  );
  const job = claimed.rows[0];
  if (!job) return null;
  const outcome = await autoCheckNotReceived(db, conversationId, runtime).catch((err: unknown) => ({
    outcome: 'error' as const,
    message: (err instanceof Error ? err.message : String(err)).slice(0, 500),
  }));
  const next = nextCheckState(outcome, job.attempts);
  await db
    .write(async (tx) => {
      await tx.query(
        `UPDATE supplier_check_jobs SET state = $2, outcome = $3, attempts = $4, last_error = $5,
           not_before = COALESCE($6::timestamptz, now()) + make_interval(secs => $7), updated_at = now()
          WHERE conversation_id = $1`,
        [conversationId, next.state, outcome.outcome, next.attempts, next.error, now, (next.retryInMs ?? 0) / 1000],
      );
      // The agent learns once that the check is stuck, and once that it stopped trying.
      if (next.state === 'retrying' && next.attempts === 1) await addNote(tx, conversationId, retryNote(next.error!));
      if (next.state === 'gave_up') await addNote(tx, conversationId, gaveUpNote(next.attempts, next.error!));
    })
    // The database itself failing: the lease runs out and the sweep runs the job again.
    .catch(() => undefined);
  return next.state;
}

/** Runs the due jobs, oldest first; returns how many ran. */
export async function runDueSupplierChecks(db: Db, runtime: SupplierRuntime, now: Date | null = null, limit = 20): Promise<number> {
  const { rows } = await db.query<{ conversation_id: string }>(
    `SELECT conversation_id FROM supplier_check_jobs WHERE state IN ('pending', 'retrying') AND not_before <= COALESCE($1::timestamptz, now())
      ORDER BY not_before, conversation_id LIMIT $2`,
    [now, limit],
  );
  let ran = 0;
  for (const { conversation_id } of rows) if (await runSupplierCheck(db, conversation_id, runtime, now)) ran += 1;
  return ran;
}

function retryNote(error: string): string {
  return `【自动查询】暂时无法从供应商确认该订单的通道状态（${error}），系统会自动重试；也可在订单面板手动查询。(supplier check failed, retrying automatically)`;
}

function gaveUpNote(attempts: number, error: string): string {
  return `【自动查询】已重试 ${attempts} 次仍无法连接供应商（${error}），自动查询已停止，请人工跟进。(supplier check gave up; please follow up by hand)`;
}
