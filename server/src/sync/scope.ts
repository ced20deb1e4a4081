import type { AuthContext } from '../auth/context';
import { seesEverything } from '../auth/context';

/**
 * Which conversations an agent syncs: their teams' queues, the team that held a ticket
 * before it moved (so its agents learn it left), and anything assigned to them.
 * Returns a SQL predicate over alias `c` using $teamParam (text[]) and $agentParam.
 */
export function conversationScopeSql(teamParam: number, agentParam: number): string {
  return `(c.team_id = ANY($${teamParam}::text[]) OR c.prev_team_id = ANY($${teamParam}::text[]) OR c.assignee_id = $${agentParam})`;
}

/** Whether a conversation still belongs to this agent's current scope. */
export function inScope(auth: AuthContext, conv: { teamId: string | null; assigneeId: string | null }): boolean {
  if (seesEverything(auth)) return true;
  return conv.assigneeId === auth.agentId || (conv.teamId !== null && auth.teamIds.includes(conv.teamId));
}
