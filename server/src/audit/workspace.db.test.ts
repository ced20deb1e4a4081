import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sql } from '../db/db';
import { createTestDb, type TestDb } from '../testing/test-db';
import { verifyChain } from './chain';
import { appendWorkspaceEvent, agentChanges, loadWorkspaceEvents, verifyWorkspace, WORKSPACE_CHAIN } from './workspace';

const AT = new Date('2026-11-23T03:00:00.456Z');

describe('workspace audit chain', () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
    for (let i = 1; i <= 4; i++) {
      await t.db.write((tx) =>
        appendWorkspaceEvent(tx, {
          actor: { kind: 'agent', id: 'SUP1' },
          type: 'agent.updated',
          data: { agentId: i % 2 === 0 ? 'A2' : 'A1', from: { capacity: i }, to: { capacity: i + 1 } },
          at: new Date(AT.getTime() + i * 1000),
        }),
      );
    }
  });
  afterAll(() => t.dispose());

  /**
   * The verdict on the chain with `tamper` applied behind the trigger's back (as someone with
   * DDL rights could), then `undo`ne so that the next test starts from an intact chain again.
   */
  async function verdictAfter(tamper: (tx: Sql) => Promise<unknown>, undo: (tx: Sql) => Promise<unknown>) {
    const bypassing = (fn: (tx: Sql) => Promise<unknown>) =>
      t.db.write(async (tx) => {
        await tx.query('ALTER TABLE workspace_events DISABLE TRIGGER workspace_events_append_only');
        await fn(tx);
        await tx.query('ALTER TABLE workspace_events ENABLE TRIGGER workspace_events_append_only');
      });
    await bypassing(tamper);
    const verdict = await verifyWorkspace(t.db);
    await bypassing(undo);
    expect(await verifyWorkspace(t.db)).toMatchObject({ ok: true });
    return verdict;
  }

  it('appends events that read back exactly and verify', async () => {
    const events = await loadWorkspaceEvents(t.db);
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    expect(events[1]).toMatchObject({
      ticketId: WORKSPACE_CHAIN,
      at: '2026-11-23T03:00:02.456Z',
      actor: { kind: 'agent', id: 'SUP1' },
      data: { agentId: 'A2', from: { capacity: 2 }, to: { capacity: 3 } },
    });
    expect(await verifyWorkspace(t.db)).toEqual({ chain: WORKSPACE_CHAIN, ok: true, events: 4, head: events[3]!.hash });
    expect((await agentChanges(t.db, 'A1')).map((e) => e.seq)).toEqual([1, 3]);
  });

  it('keeps one whole chain under concurrent appends', async () => {
    await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        t.db.write((tx) => appendWorkspaceEvent(tx, { actor: { kind: 'agent', id: 'SUP1' }, type: 'agent.updated', data: { agentId: 'A3', i } })),
      ),
    );
    expect(await verifyWorkspace(t.db)).toMatchObject({ ok: true, events: 10 });
  });

  it('is not a ticket chain: its events do not verify under a ticket id', async () => {
    const events = await loadWorkspaceEvents(t.db);
    expect(verifyChain(events.map((e) => ({ ...e, ticketId: 'T1' })))).toMatchObject({ ok: false, seq: 1, reason: 'changed' });
  });

  it('refuses UPDATE, DELETE and TRUNCATE at the database', async () => {
    const refused = /append-only/;
    await expect(t.db.query(`UPDATE workspace_events SET data = '{}'`)).rejects.toThrow(refused);
    await expect(t.db.query('DELETE FROM workspace_events WHERE seq = 1')).rejects.toThrow(refused);
    await expect(t.db.query('TRUNCATE workspace_events')).rejects.toThrow(refused);
    expect(await verifyWorkspace(t.db)).toMatchObject({ ok: true, events: 10 });
  });

  it('detects a changed old or new value, and a changed actor', async () => {
    const newValue = await verdictAfter(
      (tx) => tx.query(`UPDATE workspace_events SET data = jsonb_set(data, '{to,capacity}', '20') WHERE seq = 2`),
      (tx) => tx.query(`UPDATE workspace_events SET data = jsonb_set(data, '{to,capacity}', '3') WHERE seq = 2`),
    );
    expect(newValue).toMatchObject({ ok: false, seq: 2, reason: 'changed' });
    const actor = await verdictAfter(
      (tx) => tx.query(`UPDATE workspace_events SET actor_id = 'SUP2' WHERE seq = 3`),
      (tx) => tx.query(`UPDATE workspace_events SET actor_id = 'SUP1' WHERE seq = 3`),
    );
    expect(actor).toMatchObject({ ok: false, seq: 3, reason: 'changed' });
  });

  it('detects a deleted event, even a whole agent’s', async () => {
    const saved = await t.db.query<Record<string, unknown>>('SELECT * FROM workspace_events WHERE seq = 2');
    const row = saved.rows[0]!;
    const verdict = await verdictAfter(
      (tx) => tx.query('DELETE FROM workspace_events WHERE seq = 2'),
      (tx) =>
        tx.query('INSERT INTO workspace_events (seq, at, actor_id, actor_kind, type, data, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)', [
          row.seq,
          row.at,
          row.actor_id,
          row.actor_kind,
          row.type,
          JSON.stringify(row.data),
          row.prev_hash,
          row.hash,
        ]),
    );
    expect(verdict).toMatchObject({ ok: false, seq: 3, reason: 'deleted' });
  });

  it('detects reordered events', async () => {
    const swap = async (tx: Sql) => {
      const move = 'UPDATE workspace_events SET seq = $1 WHERE seq = $2';
      await tx.query(move, [100, 2]);
      await tx.query(move, [2, 3]);
      await tx.query(move, [3, 100]);
    };
    expect(await verdictAfter(swap, swap)).toMatchObject({ ok: false, seq: 2, reason: 'reordered' });
  });
});
