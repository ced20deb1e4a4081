import type { FastifyBaseLogger } from 'fastify';
import { SYSTEM_ACTOR } from '../conversations/events';
import type { Db } from '../db/db';
import { sendSurvey } from './service';

/** The trigger that queues a job on resolution notifies this channel on commit. */
export const CSAT_CHANNEL = 'kadesk_csat';

/** A job failing this often stays in csat_jobs with its last error, for an operator to look at. */
export const MAX_ATTEMPTS = 5;

interface JobRow {
  id: string;
  conversation_id: string;
  agent_id: string | null;
  customer_id: string;
  channel: string;
  status: string;
}

/**
 * Takes one queued survey job and finishes it in a single transaction: the survey and its
 * message are written and the job deleted together. A ticket reopened before its job ran
 * gets no survey for that resolution: the customer is still talking to support.
 */
async function runOne(db: Db, publicUrl: string, taken: { id: string | null }): Promise<JobRow | null> {
  return db.write(async (tx) => {
    const { rows } = await tx.query<JobRow>(
      `SELECT j.id::text AS id, j.conversation_id, j.agent_id, c.customer_id, c.channel, c.status
         FROM csat_jobs j JOIN conversations c ON c.id = j.conversation_id
        WHERE j.attempts < $1
        ORDER BY j.id LIMIT 1
        FOR UPDATE OF j SKIP LOCKED`,
      [MAX_ATTEMPTS],
    );
    const job = rows[0];
    if (!job) return null;
    taken.id = job.id;
    if (job.status === 'resolved') {
      // Lock the ticket as the send route does, so a manual send and this one cannot both go out.
      await tx.query('SELECT 1 FROM conversations WHERE id = $1 FOR UPDATE', [job.conversation_id]);
      await sendSurvey(
        tx,
        { conversationId: job.conversation_id, customerId: job.customer_id, channel: job.channel, agentId: job.agent_id },
        { publicUrl, actor: SYSTEM_ACTOR, cause: 'resolved' },
      );
    }
    await tx.query('DELETE FROM csat_jobs WHERE id = $1', [job.id]);
    return job;
  });
}

/**
 * Sends every due survey, one transaction each (write transactions stay short: they hold the
 * workspace's version lock). Returns how many jobs were finished.
 */
export async function runSurveyJobs(db: Db, publicUrl: string, log?: FastifyBaseLogger): Promise<number> {
  let done = 0;
  for (;;) {
    let job: JobRow | null;
    const taken: { id: string | null } = { id: null };
    try {
      job = await runOne(db, publicUrl, taken);
    } catch (err) {
      log?.warn({ err, jobId: taken.id }, 'satisfaction survey job failed; it will be retried');
      if (taken.id !== null) await recordFailure(db, taken.id, err);
      return done;
    }
    if (!job) return done;
    done++;
  }
}

// The job's transaction rolled back; its attempt is counted in a transaction of its own.
async function recordFailure(db: Db, jobId: string, err: unknown): Promise<void> {
  const message = err instanceof Error ? err.message : String(err);
  await db
    .write((tx) => tx.query('UPDATE csat_jobs SET attempts = attempts + 1, last_error = $2 WHERE id = $1', [jobId, message.slice(0, 500)]))
    .catch(() => undefined);
}

/**
 * Runs the jobs when a resolution commits (notification) and on a periodic sweep, which
 * catches the jobs of a server that stopped before sending them.
 */
export class SurveyWorker {
  private timer: NodeJS.Timeout | null = null;
  private unlisten: (() => Promise<void>) | null = null;
  private running: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly db: Db,
    private readonly publicUrl: string,
    private readonly sweepMs: number,
    private readonly log: FastifyBaseLogger,
  ) {}

  async start(): Promise<void> {
    this.unlisten = await this.db.listen(CSAT_CHANNEL, () => this.kick());
    this.timer = setInterval(() => this.kick(), this.sweepMs);
    this.timer.unref();
    this.kick();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.unlisten?.();
    await this.running;
  }

  private kick(): void {
    this.running = this.running.then(() => runSurveyJobs(this.db, this.publicUrl, this.log)).catch(() => undefined);
  }
}
