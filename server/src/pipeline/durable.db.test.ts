import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/db';
import { addAllTeams, addStaff, chat } from '../testing/pipeline-fixtures';
import { createTestDb, type TestDb } from '../testing/test-db';
import { acceptInbound } from './inbound';
import { intakeInbound } from './intake';
import { processInbound, processPending } from './process';
import { PIPELINE_STEPS, type PipelineStep } from './ticket';

const crashAt = (at: PipelineStep) => ({
  afterStep: (step: PipelineStep) => {
    if (step === at) throw new Error(`injected crash after ${step}`);
  },
});

describe('durable intake', () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
    const teams = await addAllTeams(t.db);
    await addStaff(t.db, 'sup-1', [teams.supplier], { capacity: 100 });
  });
  afterAll(() => t.dispose());

  /** Everything a message from `user` could have left behind, and its queue row. */
  async function traces(db: Db, user: string, messageId: string) {
    const count = async (sql: string) => (await db.query<{ n: number }>(sql, [user])).rows[0]!.n;
    const customer = `(SELECT customer_id FROM customer_identities WHERE external_id = $1)`;
    const queue = await db.query<{ status: string; attempts: number; last_error: string | null }>(
      'SELECT status, attempts, last_error FROM inbound_queue WHERE id = $1',
      [messageId],
    );
    return {
      customers: await count(`SELECT count(*)::int AS n FROM customer_identities WHERE external_id = $1`),
      conversations: await count(`SELECT count(*)::int AS n FROM conversations WHERE customer_id = ${customer}`),
      messages: await count(`SELECT count(*)::int AS n FROM messages m JOIN conversations c ON c.id = m.conversation_id WHERE c.customer_id = ${customer}`),
      events: await count(`SELECT count(*)::int AS n FROM ticket_events e JOIN conversations c ON c.id = e.ticket_id WHERE c.customer_id = ${customer}`),
      queue: queue.rows[0],
    };
  }

  it.each(PIPELINE_STEPS)('a crash after %s leaves the message queued and nothing half-written; a fresh processor stores it once', async (step) => {
    const user = `crash-${step}`;
    const msg = chat(user, '我的点卡付款后没到账，订单号 DD202611221234');
    await expect(acceptInbound(t.db, msg, crashAt(step))).rejects.toThrow(`injected crash after ${step}`);
    const intake = await intakeInbound(t.db, msg);
    expect(intake.duplicate).toBe(true);
    expect(await traces(t.db, user, intake.messageId)).toEqual({
      customers: 0,
      conversations: 0,
      messages: 0,
      events: 0,
      queue: { status: 'queued', attempts: 1, last_error: `injected crash after ${step}` },
    });

    const done = await processInbound(t.db, intake.messageId);
    expect(done).toMatchObject({ messageId: intake.messageId });
    // Later sweeps and the channel's retry find it done and change nothing.
    expect(await processInbound(t.db, intake.messageId)).toEqual(done);
    expect(await acceptInbound(t.db, msg)).toEqual({ ...done, duplicate: true });
    expect(await traces(t.db, user, intake.messageId)).toMatchObject({
      customers: 1,
      conversations: 1,
      messages: 1,
      queue: { status: 'done', attempts: 1, last_error: null },
    });
  });

  it('finishes what a dead process left queued, oldest first, exactly once', async () => {
    // The process "died" right after intake: no processing, no failure recorded.
    const first = await intakeInbound(t.db, chat('orphan-1', '在吗'), new Date(Date.now() - 2000));
    const second = await intakeInbound(t.db, chat('orphan-1', '我的点卡没到账'), new Date(Date.now() - 1000));
    expect(await processPending(t.db)).toBe(2);
    expect(await processPending(t.db)).toBe(0);
    const { rows } = await t.db.query<{ id: string; conversation_id: string }>(
      `SELECT m.id, m.conversation_id FROM messages m JOIN customer_identities ci ON ci.external_id = 'orphan-1'
         JOIN conversations c ON c.id = m.conversation_id AND c.customer_id = ci.customer_id ORDER BY m.created_at`,
    );
    expect(rows.map((r) => r.id)).toEqual([first.messageId, second.messageId]);
    expect(new Set(rows.map((r) => r.conversation_id)).size).toBe(1);
  });

  it('backs off a failing message and gives up on it after repeated failures, keeping it for an admin', async () => {
    const msg = chat('poison-1', '测试消息');
    await expect(acceptInbound(t.db, msg, crashAt('identify'))).rejects.toThrow();
    const { rows } = await t.db.query<{ id: string; later: boolean }>(
      `SELECT id, not_before > now() AS later FROM inbound_queue WHERE payload->>'externalUserId' = 'poison-1'`,
    );
    expect(rows[0]!.later).toBe(true);
    expect(await processPending(t.db)).toBe(0);
    for (let i = 0; i < 9; i++) await expect(processInbound(t.db, rows[0]!.id, crashAt('identify'))).rejects.toThrow();
    const after = await t.db.query('SELECT status, attempts FROM inbound_queue WHERE id = $1', [rows[0]!.id]);
    expect(after.rows[0]).toEqual({ status: 'failed', attempts: 10 });
  });

  it('stores a message once when two server instances process it at the same moment', async () => {
    if (t.db.kind !== 'postgres') return; // PGlite is one connection in one process.
    const other = await t.reopen();
    const intake = await intakeInbound(t.db, chat('race-1', '我的点卡没到账'));
    const results = await Promise.all([processInbound(t.db, intake.messageId), processInbound(other, intake.messageId)]);
    const stored = results.filter((r) => r !== null);
    expect(stored.length).toBeGreaterThanOrEqual(1);
    const { rows } = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM messages WHERE id = $1', [intake.messageId]);
    expect(rows[0]!.n).toBe(1);
  });
});
