import { type AssignCandidate, chooseAgent, type TeamAssignment } from './assign';

export interface QueuedTicket {
  id: string;
  teamId: string;
}

/**
 * Hands queued tickets (most pressing first) to the agents of their teams one by one, as
 * if each had just arrived: every assignment adds to the agent's load and makes them the
 * most recently assigned. Tickets nobody can take stay out of the result.
 */
export function distribute(
  tickets: readonly QueuedTicket[],
  candidates: readonly AssignCandidate[],
  policy: TeamAssignment,
  now: number,
): Array<{ ticketId: string; agentId: string }> {
  const pool = candidates.map((c) => ({ ...c }));
  const out: Array<{ ticketId: string; agentId: string }> = [];
  for (const t of tickets) {
    const chosen = chooseAgent(pool, t.teamId, policy);
    if (!chosen) continue;
    chosen.openLoad += 1;
    chosen.lastAssignedAt = now;
    out.push({ ticketId: t.id, agentId: chosen.id });
  }
  return out;
}
