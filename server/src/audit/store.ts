import type { Sql } from '../db/db';
import type { JsonObject } from './canonical-json';
import { type ActorKind, type AuditActor, type ChainedEvent, type ChainVerdict, nextEvent, verifyChain } from './chain';

// Class id for per-ticket advisory locks, next to the sync version lock (72707) in db.ts.
// The two-key lock form lives in a different key space from that one-key lock.
const AUDIT_LOCK_CLASS = 72708;

/** The columns every audit chain stores per event; a ticket's chain adds its ticket id. */
export interface ChainRow {
  seq: number;
  at: Date | string;
  actor_id: string | null;
  actor_kind: ActorKind;
  type: string;
  data: JsonObject;
  prev_hash: string;
  hash: string;
}

export const CHAIN_COLUMNS = 'seq, at, actor_id, actor_kind, type, data, prev_hash, hash';

/** A stored event of the chain named `ticketId` (a ticket's id, or the workspace chain's). */
export const chainEventFromRow = (r: ChainRow, ticketId: string): ChainedEvent => ({
  ticketId,
  seq: r.seq,
  at: new Date(r.at).toISOString(),
  actor: { kind: r.actor_kind, id: r.actor_id },
  type: r.type,
  data: r.data,
  prevHash: r.prev_hash,
  hash: r.hash,
});

type EventRow = ChainRow & { ticket_id: string };

const COLUMNS = `ticket_id, ${CHAIN_COLUMNS}`;

const fromRow = (r: EventRow): ChainedEvent => chainEventFromRow(r, r.ticket_id);

export interface AppendInput {
  ticketId: string;
  actor: AuditActor;
  type: string;
  data: JsonObject;
  /** Defaults to now. Stored and hashed to the millisecond. */
  at?: Date;
}

/**
 * Appends one event to the ticket's chain inside the caller's transaction, so the event
 * commits or rolls back with the change it records. A per-ticket lock serialises appenders
 * of one ticket (a row lock could not cover its very first event); call it in a
 * read-committed write transaction so the head read after the lock is the latest.
 */
export async function appendEvent(tx: Sql, input: AppendInput): Promise<ChainedEvent> {
  const [event] = await appendEvents(tx, input.ticketId, [input]);
  return event!;
}

/** Appends several events to one ticket's chain, in order, as appendEvent would one by one but in one INSERT. */
export async function appendEvents(tx: Sql, ticketId: string, inputs: readonly Omit<AppendInput, 'ticketId'>[]): Promise<ChainedEvent[]> {
  if (inputs.length === 0) return [];
  await tx.query(`SELECT pg_advisory_xact_lock(${AUDIT_LOCK_CLASS}, hashtext($1))`, [ticketId]);
  const { rows } = await tx.query<{ seq: number; hash: string }>(
    'SELECT seq, hash FROM ticket_events WHERE ticket_id = $1 ORDER BY seq DESC LIMIT 1',
    [ticketId],
  );
  let head: Pick<ChainedEvent, 'ticketId' | 'seq' | 'hash'> | null = rows[0] ? { ticketId, ...rows[0] } : null;
  const events = inputs.map((input) => {
    const event = nextEvent(head, {
      ticketId,
      at: (input.at ?? new Date()).toISOString(),
      actor: input.actor,
      type: input.type,
      data: input.data,
    });
    head = event;
    return event;
  });
  // Typed placeholders: in a multi-row VALUES list Postgres does not take the column types for them.
  const types = ['text', 'int', 'timestamptz', 'text', 'text', 'text', 'jsonb', 'text', 'text'];
  const values = events.map((_, i) => `(${types.map((type, j) => `$${i * types.length + j + 1}::${type}`).join(', ')})`);
  await tx.query(
    `INSERT INTO ticket_events (${COLUMNS}) VALUES ${values.join(', ')}`,
    events.flatMap((e) => [e.ticketId, e.seq, e.at, e.actor.id, e.actor.kind, e.type, JSON.stringify(e.data), e.prevHash, e.hash]),
  );
  return events;
}

export async function loadEvents(db: Sql, ticketId: string): Promise<ChainedEvent[]> {
  const { rows } = await db.query<EventRow>(`SELECT ${COLUMNS} FROM ticket_events WHERE ticket_id = $1 ORDER BY seq`, [ticketId]);
  return rows.map(fromRow);
}

export type TicketVerdict = { ticketId: string } & ChainVerdict;

export async function verifyTicket(db: Sql, ticketId: string): Promise<TicketVerdict> {
  return { ticketId, ...verifyChain(await loadEvents(db, ticketId)) };
}

/** Every ticket with audit events, checked one by one; run it in a snapshot for one consistent view. */
export async function verifyAllTickets(db: Sql): Promise<TicketVerdict[]> {
  const { rows } = await db.query<{ ticket_id: string }>('SELECT DISTINCT ticket_id FROM ticket_events ORDER BY ticket_id');
  const out: TicketVerdict[] = [];
  for (const r of rows) out.push(await verifyTicket(db, r.ticket_id));
  return out;
}
