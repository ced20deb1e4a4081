import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db, Sql } from '../db/db';
import { addConversation, addCustomer } from '../testing/fixtures';
import { createTestDb, type TestDb } from '../testing/test-db';
import { appendEvent, loadEvents, verifyAllTickets, verifyTicket } from './store';

const AT = new Date('2026-11-23T02:00:00.123Z');

async function ticketWithEvents(db: Db, n: number): Promise<string> {
  const ticketId = await addConversation(db, { customerId: await addCustomer(db), teamId: null });
  for (let i = 1; i <= n; i++) {
    await db.write((tx) =>
      appendEvent(tx, {
        ticketId,
        actor: i === 1 ? { kind: 'customer', id: 'C1' } : { kind: 'agent', id: 'A1' },
        type: i === 1 ? 'ticket.created' : 'message.agent',
        data: { n: i, body: `第${i}条：点卡已使用但没到账`, order: { id: 'DD202611220001', amount: 30.5 } },
        at: new Date(AT.getTime() + i * 1000),
      }),
    );
  }
  return ticketId;
}

/** Runs SQL with the append-only trigger switched off, as someone with DDL rights could. */
function bypassingTrigger(db: Db, fn: (tx: Sql) => Promise<unknown>): Promise<unknown> {
  return db.write(async (tx) => {
    await tx.query('ALTER TABLE ticket_events DISABLE TRIGGER ticket_events_append_only');
    await fn(tx);
    await tx.query('ALTER TABLE ticket_events ENABLE TRIGGER ticket_events_append_only');
  });
}

describe('audit store', () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });
  afterAll(() => t.dispose());

  it('appends events that read back exactly and verify', async () => {
    const ticketId = await ticketWithEvents(t.db, 4);
    const events = await loadEvents(t.db, ticketId);
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    expect(events[0]).toMatchObject({
      at: '2026-11-23T02:00:01.123Z',
      actor: { kind: 'customer', id: 'C1' },
      data: { n: 1, order: { id: 'DD202611220001', amount: 30.5 } },
    });
    expect(await verifyTicket(t.db, ticketId)).toEqual({ ticketId, ok: true, events: 4, head: events[3]!.hash });
  });

  it('keeps the chain whole under concurrent appends to one ticket', async () => {
    const ticketId = await ticketWithEvents(t.db, 1);
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        t.db.write((tx) => appendEvent(tx, { ticketId, actor: { kind: 'system', id: null }, type: 'sla.checked', data: { i } })),
      ),
    );
    expect(await verifyTicket(t.db, ticketId)).toMatchObject({ ok: true, events: 9 });
  });

  it('rolls an event back with the transaction that recorded it', async () => {
    const ticketId = await ticketWithEvents(t.db, 1);
    await expect(
      t.db.write(async (tx) => {
        await appendEvent(tx, { ticketId, actor: { kind: 'agent', id: 'A1' }, type: 'status.changed', data: { to: 'resolved' } });
        throw new Error('the status change failed');
      }),
    ).rejects.toThrow('the status change failed');
    expect(await loadEvents(t.db, ticketId)).toHaveLength(1);
  });

  it('refuses UPDATE, DELETE and TRUNCATE at the database', async () => {
    const ticketId = await ticketWithEvents(t.db, 2);
    const refused = /append-only/;
    await expect(t.db.query(`UPDATE ticket_events SET data = '{}' WHERE ticket_id = $1`, [ticketId])).rejects.toThrow(refused);
    await expect(t.db.query('DELETE FROM ticket_events WHERE ticket_id = $1', [ticketId])).rejects.toThrow(refused);
    await expect(t.db.query(`DELETE FROM ticket_events WHERE ticket_id = 'none'`)).rejects.toThrow(refused);
    await expect(t.db.query('TRUNCATE ticket_events')).rejects.toThrow(refused);
    expect(await verifyTicket(t.db, ticketId)).toMatchObject({ ok: true, events: 2 });
  });

  it('detects a changed event written past the trigger', async () => {
    const ticketId = await ticketWithEvents(t.db, 4);
    await bypassingTrigger(t.db, (tx) =>
      tx.query(`UPDATE ticket_events SET data = jsonb_set(data, '{body}', '"已补发"') WHERE ticket_id = $1 AND seq = 2`, [ticketId]),
    );
    expect(await verifyTicket(t.db, ticketId)).toMatchObject({ ok: false, seq: 2, reason: 'changed' });
  });

  it('detects a deleted event', async () => {
    const ticketId = await ticketWithEvents(t.db, 4);
    await bypassingTrigger(t.db, (tx) => tx.query('DELETE FROM ticket_events WHERE ticket_id = $1 AND seq = 3', [ticketId]));
    expect(await verifyTicket(t.db, ticketId)).toMatchObject({ ok: false, seq: 4, reason: 'deleted' });
  });

  it('detects reordered events', async () => {
    const ticketId = await ticketWithEvents(t.db, 4);
    await bypassingTrigger(t.db, async (tx) => {
      const swap = 'UPDATE ticket_events SET seq = $2 WHERE ticket_id = $1 AND seq = $3';
      await tx.query(swap, [ticketId, 100, 2]);
      await tx.query(swap, [ticketId, 2, 3]);
      await tx.query(swap, [ticketId, 3, 100]);
    });
    expect(await verifyTicket(t.db, ticketId)).toMatchObject({ ok: false, seq: 2, reason: 'reordered' });
  });

  it('lists every ticket with its verdict', async () => {
    const good = await ticketWithEvents(t.db, 2);
    const bad = await ticketWithEvents(t.db, 2);
    await bypassingTrigger(t.db, (tx) => tx.query(`UPDATE ticket_events SET actor_id = 'A2' WHERE ticket_id = $1 AND seq = 2`, [bad]));
    const all = await t.db.snapshot((tx) => verifyAllTickets(tx));
    expect(all.find((v) => v.ticketId === good)).toMatchObject({ ok: true });
    expect(all.find((v) => v.ticketId === bad)).toMatchObject({ ok: false, seq: 2, reason: 'changed' });
  });
});
