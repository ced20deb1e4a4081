import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../db/db';
import { sweepAssignments } from '../routing/store';
import { sweepSla } from '../sla/tracker';
import { runtimeFor } from '../suppliers/runtime';
import type { InboundMessage } from './inbound';
import { type Intake, intakeInbound } from './intake';
import { DEFAULT_POLICIES, type Policies } from './policies';
import { type ProcessOptions, processInbound, processPending } from './process';
import { runDueSupplierChecks, runSupplierCheck } from './supplier-checks';

export interface PipelineSettings {
  /**
   * false: this instance only takes messages in (answers channels at once); another
   * instance, or this one's next start in full mode, processes them.
   */
  process: boolean;
  /** Period of the sweeps (queued messages, unassigned tickets, SLA clocks, supplier checks) in ms; 0 turns them off. */
  sweepMs: number;
}

/**
 * How long a channel waits for inline processing before it is answered anyway. WeChat Work
 * retries (and eventually drops) callbacks not answered within 5 s; the message is already
 * safe in the queue, so processing simply finishes after the answer.
 */
export const ANSWER_WITHIN_MS = 3000;

export interface SweepResult {
  processed: number;
  assigned: number;
  slaUpdated: number;
  supplierChecks: number;
}

/**
 * The server's inbound pipeline: channels hand messages to `receive`, and the periodic
 * sweep finishes whatever inline processing did not (a crash, a failure), gives queued
 * tickets to agents who came online or freed capacity, and runs the SLA clocks.
 */
export class Pipeline {
  private timer: NodeJS.Timeout | null = null;
  private sweeping: Promise<unknown> | null = null;
  /** Work started after a channel was answered: processing past the answer budget, supplier checks. */
  private readonly background = new Set<Promise<unknown>>();

  constructor(
    private readonly db: Db,
    readonly settings: PipelineSettings,
    private readonly policies: Policies = DEFAULT_POLICIES,
  ) {}

  /**
   * Takes a channel's message: queued durably, then processed at once unless this instance
   * only takes messages in. A processing failure is logged, not thrown: the message is safe
   * in the queue and the sweep retries it, so the channel can be told "received" either way.
   * Processing that outlasts `answerWithinMs` goes on after the answer. A ticket about an
   * order that did not arrive has its supplier checked afterwards, never before the answer.
   */
  async receive(msg: InboundMessage, log: FastifyBaseLogger, answerWithinMs = ANSWER_WITHIN_MS): Promise<Intake> {
    const intake = await intakeInbound(this.db, msg);
    if (this.settings.process) {
      const processing = this.inBackground(
        processInbound(this.db, intake.messageId, this.processOptions(log)).catch((err: unknown) =>
          log.error({ err, messageId: intake.messageId }, 'inbound processing failed; the sweep will retry'),
        ),
      );
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([processing, new Promise((r) => (timer = setTimeout(r, answerWithinMs)))]);
      clearTimeout(timer);
    }
    return intake;
  }

  private processOptions(log?: FastifyBaseLogger): ProcessOptions {
    return {
      policies: this.policies,
      onSupplierCheck: (conversationId) => {
        this.inBackground(
          runSupplierCheck(this.db, conversationId, runtimeFor(this.db)).catch((err: unknown) =>
            log?.error({ err, conversationId }, 'supplier check failed; the sweep will retry'),
          ),
        );
      },
    };
  }

  private inBackground<T>(work: Promise<T>): Promise<T> {
    this.background.add(work);
    void work.finally(() => this.background.delete(work));
    return work;
  }

  /** Waits for work started after channels were answered (tests, shutdown). */
  async settled(): Promise<void> {
    while (this.background.size > 0) await Promise.allSettled([...this.background]);
  }

  /** Starts the periodic sweep (the first at once: a previous run may have left messages queued). */
  start(log: FastifyBaseLogger): void {
    if (!this.settings.process || this.settings.sweepMs <= 0 || this.timer) return;
    const tick = () => {
      if (this.sweeping) return;
      this.sweeping = this.sweep(log)
        .catch((err: unknown) => log.error({ err }, 'pipeline sweep failed'))
        .finally(() => (this.sweeping = null));
    };
    this.timer = setInterval(tick, this.settings.sweepMs);
    this.timer.unref();
    tick();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.sweeping;
    await this.settled();
  }

  /** One round of the periodic work. */
  async sweep(log?: FastifyBaseLogger, now = Date.now()): Promise<SweepResult> {
    const processed = await processPending(this.db, {
      ...this.processOptions(log),
      onError: (err, messageId) => log?.error({ err, messageId }, 'queued inbound message failed again'),
    });
    const assigned = await sweepAssignments(this.db, this.policies.assignment, now);
    const slaUpdated = await sweepSla(this.db, this.policies, now);
    const supplierChecks = await runDueSupplierChecks(this.db, runtimeFor(this.db), new Date(now));
    return { processed, assigned, slaUpdated, supplierChecks };
  }
}

/** Messages waiting for processing, and those that gave up after repeated failures. */
export async function queueDepth(db: Db): Promise<{ queued: number; failed: number }> {
  const { rows } = await db.query<{ queued: number; failed: number }>(
    `SELECT count(*) FILTER (WHERE status = 'queued')::int AS queued, count(*) FILTER (WHERE status = 'failed')::int AS failed
       FROM inbound_queue WHERE status IN ('queued', 'failed')`,
  );
  return rows[0] ?? { queued: 0, failed: 0 };
}
