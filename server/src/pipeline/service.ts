import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../db/db';
import { sweepAssignments } from '../routing/store';
import { sweepSla } from '../sla/tracker';
import type { InboundMessage } from './inbound';
import { type Intake, intakeInbound } from './intake';
import { DEFAULT_POLICIES, type Policies } from './policies';
import { processInbound, processPending } from './process';

export interface PipelineSettings {
  /**
   * false: this instance only takes messages in (answers channels at once); another
   * instance, or this one's next start in full mode, processes them.
   */
  process: boolean;
  /** Period of the sweeps (queued messages, unassigned tickets, SLA clocks) in ms; 0 turns them off. */
  sweepMs: number;
}

export interface SweepResult {
  processed: number;
  assigned: number;
  slaUpdated: number;
}

/**
 * The server's inbound pipeline: channels hand messages to `receive`, and the periodic
 * sweep finishes whatever inline processing did not (a crash, a failure), gives queued
 * tickets to agents who came online or freed capacity, and runs the SLA clocks.
 */
export class Pipeline {
  private timer: NodeJS.Timeout | null = null;
  private sweeping: Promise<unknown> | null = null;

  constructor(
    private readonly db: Db,
    readonly settings: PipelineSettings,
    private readonly policies: Policies = DEFAULT_POLICIES,
  ) {}

  /**
   * Takes a channel's message: queued durably, then processed at once unless this instance
   * only takes messages in. A processing failure is logged, not thrown: the message is safe
   * in the queue and the sweep retries it, so the channel can be told "received" either way.
   */
  async receive(msg: InboundMessage, log: FastifyBaseLogger): Promise<Intake> {
    const intake = await intakeInbound(this.db, msg);
    if (this.settings.process) {
      await processInbound(this.db, intake.messageId, { policies: this.policies }).catch((err: unknown) =>
        log.error({ err, messageId: intake.messageId }, 'inbound processing failed; the sweep will retry'),
      );
    }
    return intake;
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
  }

  /** One round of the periodic work. */
  async sweep(log?: FastifyBaseLogger, now = Date.now()): Promise<SweepResult> {
    const processed = await processPending(this.db, {
      policies: this.policies,
      onError: (err, messageId) => log?.error({ err, messageId }, 'queued inbound message failed again'),
    });
    const assigned = await sweepAssignments(this.db, this.policies.assignment, now);
    const slaUpdated = await sweepSla(this.db, this.policies, now);
    return { processed, assigned, slaUpdated };
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
