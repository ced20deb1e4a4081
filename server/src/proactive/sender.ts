import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../db/db';
import { finishIfSent, pendingRecipients, sendToRecipient, unfinishedNotices } from './notices';

const BATCH = 100;

/**
 * Works through notices' recipients in the background, one recipient per transaction, so a
 * notice to thousands of customers neither blocks the request that created it nor holds the
 * write lock for long. Notices left unfinished by a stop or a crash are resumed at start.
 */
export class NoticeSender {
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Db,
    private readonly log: FastifyBaseLogger,
  ) {}

  /** Sends what is pending of one notice; runs after any pass already queued. */
  send(noticeId: string): Promise<void> {
    this.queue = this.queue
      .then(() => this.pass(noticeId))
      .catch((err: unknown) => this.log.error({ err, noticeId }, 'proactive notice stopped part-way; it resumes at the next start'));
    return this.queue;
  }

  async resume(): Promise<void> {
    for (const id of await unfinishedNotices(this.db)) void this.send(id);
  }

  /** Waits for the passes queued so far. */
  idle(): Promise<void> {
    return this.queue;
  }

  private async pass(noticeId: string): Promise<void> {
    const failed = new Set<string>();
    for (;;) {
      const batch = (await pendingRecipients(this.db, noticeId, BATCH + failed.size)).filter((id) => !failed.has(id));
      let sent = 0;
      for (const customerId of batch) {
        try {
          if (await sendToRecipient(this.db, noticeId, customerId)) sent += 1;
        } catch (err) {
          // One customer's failure holds up nobody else; they stay pending for the next pass.
          failed.add(customerId);
          this.log.warn({ err, noticeId, customerId }, 'proactive notice not stored for one customer; retried on the next pass');
        }
      }
      // Nothing left, or nothing this pass could send (another instance has them, or they fail).
      if (batch.length === 0 || sent === 0) break;
    }
    await this.db.write((tx) => finishIfSent(tx, noticeId));
  }
}
