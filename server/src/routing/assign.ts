import { z } from 'zod';
import type { AgentStatus } from '../../../protocol/entities';

export const ASSIGN_STRATEGIES = ['round_robin', 'least_loaded'] as const;

/** How one team hands out tickets; stored per team and edited by admins. */
export const TeamAssignment = z.strictObject({
  strategy: z.enum(ASSIGN_STRATEGIES),
  /** Whether agents who set themselves away still receive tickets (e.g. a night shift). */
  allowAway: z.boolean(),
});
export type TeamAssignment = z.infer<typeof TeamAssignment>;

export const DEFAULT_TEAM_ASSIGNMENT: TeamAssignment = { strategy: 'least_loaded', allowAway: false };

export interface AssignCandidate {
  id: string;
  teamIds: readonly string[];
  status: AgentStatus;
  /** Most open tickets the agent may hold at once. */
  capacity: number;
  /** Open tickets the agent holds now. */
  openLoad: number;
  /** Epoch ms of the last ticket assigned to the agent; null if never. */
  lastAssignedAt: number | null;
}

export function isEligible(agent: AssignCandidate, teamId: string, policy: TeamAssignment): boolean {
  const present = agent.status === 'online' || (agent.status === 'away' && policy.allowAway);
  return present && agent.teamIds.includes(teamId) && agent.openLoad < agent.capacity;
}

// Never-assigned agents go first; ids break the remaining ties so the choice is deterministic.
function leastRecentlyAssigned(a: AssignCandidate, b: AssignCandidate): number {
  const at = (x: AssignCandidate) => x.lastAssignedAt ?? Number.NEGATIVE_INFINITY;
  if (at(a) !== at(b)) return at(a) < at(b) ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

const ORDER: Record<TeamAssignment['strategy'], (a: AssignCandidate, b: AssignCandidate) => number> = {
  // Rotating through whoever waited longest since their last ticket is round-robin that
  // survives agents joining, leaving and filling up.
  round_robin: leastRecentlyAssigned,
  least_loaded: (a, b) => a.openLoad - b.openLoad || leastRecentlyAssigned(a, b),
};

/**
 * Picks the agent of `teamId` who gets the next ticket, or null when nobody present has
 * free capacity; the ticket then stays queued in the team.
 */
export function chooseAgent(
  candidates: readonly AssignCandidate[],
  teamId: string,
  policy: TeamAssignment,
): AssignCandidate | null {
  const order = ORDER[policy.strategy];
  let best: AssignCandidate | null = null;
  for (const agent of candidates) {
    if (isEligible(agent, teamId, policy) && (best === null || order(agent, best) < 0)) best = agent;
  }
  return best;
}
