import type { AgentStatus } from '../../../protocol/entities';
import { assignedEvent, recordEvents, SYSTEM_ACTOR } from '../conversations/events';
import type { Db, Sql } from '../db/db';
import { type AssignCandidate, chooseAgent, type TeamAssignment } from './assign';
import { distribute, type QueuedTicket } from './queue';
import type { TeamKind } from './rules';

/** The team that serves a kind of ticket; the lowest id when a workspace has several. */
export async function teamIdOfKind(sql: Sql, kind: TeamKind): Promise<string | null> {
  const { rows } = await sql.query<{ id: string }>('SELECT id FROM teams WHERE kind = $1 AND deleted_at IS NULL ORDER BY id LIMIT 1', [kind]);
  return rows[0]?.id ?? null;
}

/** Front-line agents of the teams, with what assignment weighs: presence, capacity, load, last assignment. */
async function loadCandidates(sql: Sql, teamIds: readonly string[]): Promise<AssignCandidate[]> {
  const { rows } = await sql.query<{
    id: string;
    team_ids: string[];
    status: AgentStatus;
    capacity: number;
    open_load: number;
    last_assigned_at: Date | null;
  }>(
    `SELECT a.id, a.team_ids, a.status, a.capacity, aa.last_assigned_at,
       (SELECT count(*)::int FROM conversations c
         WHERE c.assignee_id = a.id AND c.status <> 'resolved' AND c.deleted_at IS NULL) AS open_load
       FROM agents a LEFT JOIN agent_assignments aa ON aa.agent_id = a.id
      WHERE a.team_ids && $1::text[] AND a.role = 'agent' AND a.status <> 'offline' AND a.deleted_at IS NULL`,
    [teamIds],
  );
  return rows.map((r) => ({
    id: r.id,
    teamIds: r.team_ids,
    status: r.status,
    capacity: r.capacity,
    openLoad: r.open_load,
    lastAssignedAt: r.last_assigned_at === null ? null : new Date(r.last_assigned_at).getTime(),
  }));
}

/** Who in the team takes the next ticket; null when nobody present has room (it then queues in the team). */
export async function pickAgent(sql: Sql, teamId: string, policy: TeamAssignment): Promise<string | null> {
  return chooseAgent(await loadCandidates(sql, [teamId]), teamId, policy)?.id ?? null;
}

/** Marks the agent's round-robin turn; the caller records the ticket's assignment event. */
export async function noteAssignment(tx: Sql, agentId: string, at = new Date()): Promise<void> {
  await tx.query(
    `INSERT INTO agent_assignments (agent_id, last_assigned_at) VALUES ($1, $2)
     ON CONFLICT (agent_id) DO UPDATE SET last_assigned_at = GREATEST(agent_assignments.last_assigned_at, EXCLUDED.last_assigned_at)`,
    [agentId, at],
  );
}

async function assign(tx: Sql, ticket: { id: string; teamId: string }, agentId: string, cause: string, at = new Date()): Promise<void> {
  await tx.query('UPDATE conversations SET assignee_id = $2, updated_at = now() WHERE id = $1 AND assignee_id IS NULL', [ticket.id, agentId]);
  await noteAssignment(tx, agentId, at);
  await recordEvents(tx, ticket.id, [assignedEvent(SYSTEM_ACTOR, { from: null, to: agentId, teamId: ticket.teamId, cause }, at)]);
}

/** Assigns an unowned ticket within its team if someone has room; returns the agent. */
export async function assignFromTeam(tx: Sql, ticket: { id: string; teamId: string }, policy: TeamAssignment, cause: string): Promise<string | null> {
  const agentId = await pickAgent(tx, ticket.teamId, policy);
  if (agentId !== null) await assign(tx, ticket, agentId, cause);
  return agentId;
}

// Urgent first, then oldest: the order a supervisor would hand out the queue.
const QUEUE_SQL = `SELECT c.id, c.team_id FROM conversations c
  WHERE c.assignee_id IS NULL AND c.status <> 'resolved' AND c.deleted_at IS NULL AND c.team_id IS NOT NULL
  ORDER BY array_position(ARRAY['urgent', 'high', 'normal', 'low'], c.priority), c.created_at LIMIT 500`;

async function planQueue(sql: Sql, policy: TeamAssignment, now: number) {
  const { rows } = await sql.query<{ id: string; team_id: string }>(QUEUE_SQL);
  if (rows.length === 0) return [];
  const tickets: QueuedTicket[] = rows.map((r) => ({ id: r.id, teamId: r.team_id }));
  const teamOf = new Map(tickets.map((t) => [t.id, t.teamId]));
  const candidates = await loadCandidates(sql, [...new Set(teamOf.values())]);
  return distribute(tickets, candidates, policy, now).map((a) => ({ ...a, teamId: teamOf.get(a.ticketId)! }));
}

/**
 * Gives queued tickets to agents who have come online or freed capacity since the tickets
 * arrived. Planned on a snapshot first, so that the usual outcome, nobody free, costs no
 * write lock; the plan is then made again under the lock and carried out.
 */
export async function sweepAssignments(db: Db, policy: TeamAssignment, now = Date.now()): Promise<number> {
  const tentative = await db.snapshot((tx) => planQueue(tx, policy, now));
  if (tentative.length === 0) return 0;
  return db.write(async (tx) => {
    const plan = await planQueue(tx, policy, now);
    for (const a of plan) await assign(tx, { id: a.ticketId, teamId: a.teamId }, a.agentId, 'queue', new Date(now));
    return plan.length;
  });
}
