import type { Sql } from '../db/db';
import type { JsonObject } from './canonical-json';
import { type AuditActor, type ChainedEvent, type ChainVerdict, nextEvent, verifyChain } from './chain';
import { CHAIN_COLUMNS, type ChainRow, chainEventFromRow } from './store';

/**
 * The workspace's own audit chain: changes to the workspace rather than to one ticket (a
 * supervisor setting an agent's status or capacity). Its events are chained and hashed as a
 * ticket's are, with this id in the ticket id's place, so no workspace event verifies as part
 * of a ticket's chain or the other way round. One chain (not one per agent) so that deleting
 * any event but the newest shows, even all of one agent's.
 */
export const WORKSPACE_CHAIN = 'workspace';

// Advisory lock class of the workspace chain's appenders, after the audit store's per-ticket class (72708).
const WORKSPACE_LOCK_CLASS = 72709;

const fromRow = (r: ChainRow): ChainedEvent => chainEventFromRow(r, WORKSPACE_CHAIN);

export interface WorkspaceEventInput {
  actor: AuditActor;
  type: string;
  data: JsonObject;
  /** Defaults to now. Stored and hashed to the millisecond. */
  at?: Date;
}

/** Appends one event inside the caller's (read-committed write) transaction, so it commits with the change it records. */
export async function appendWorkspaceEvent(tx: Sql, input: WorkspaceEventInput): Promise<ChainedEvent> {
  await tx.query(`SELECT pg_advisory_xact_lock(${WORKSPACE_LOCK_CLASS}, 0)`);
  const { rows } = await tx.query<{ seq: number; hash: string }>('SELECT seq, hash FROM workspace_events ORDER BY seq DESC LIMIT 1');
  const head = rows[0] ? { ticketId: WORKSPACE_CHAIN, ...rows[0] } : null;
  const event = nextEvent(head, {
    ticketId: WORKSPACE_CHAIN,
    at: (input.at ?? new Date()).toISOString(),
    actor: input.actor,
    type: input.type,
    data: input.data,
  });
  await tx.query(`INSERT INTO workspace_events (${CHAIN_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, [
    event.seq,
    event.at,
    event.actor.id,
    event.actor.kind,
    event.type,
    JSON.stringify(event.data),
    event.prevHash,
    event.hash,
  ]);
  return event;
}

export async function loadWorkspaceEvents(db: Sql): Promise<ChainedEvent[]> {
  const { rows } = await db.query<ChainRow>(`SELECT ${CHAIN_COLUMNS} FROM workspace_events ORDER BY seq`);
  return rows.map(fromRow);
}

/** The changes made to one agent, oldest first. */
export async function agentChanges(db: Sql, agentId: string): Promise<ChainedEvent[]> {
  const { rows } = await db.query<ChainRow>(`SELECT ${CHAIN_COLUMNS} FROM workspace_events WHERE data ? 'agentId' AND data->>'agentId' = $1 ORDER BY seq`, [
    agentId,
  ]);
  return rows.map(fromRow);
}

export type WorkspaceVerdict = { chain: typeof WORKSPACE_CHAIN } & ChainVerdict;

export async function verifyWorkspace(db: Sql): Promise<WorkspaceVerdict> {
  return { chain: WORKSPACE_CHAIN, ...verifyChain(await loadWorkspaceEvents(db)) };
}
