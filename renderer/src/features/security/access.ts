import type { Agent, Team } from '../../../../protocol';

/**
 * Whether the server lets this agent freeze accounts and read transaction flows: supervisors,
 * admins, and members of a security team (账户安全组). The server decides; this only hides
 * what would be refused.
 */
export function maySecure(agent: Pick<Agent, 'role' | 'teamIds'>, teams: readonly Pick<Team, 'id' | 'kind' | 'deletedAt'>[]): boolean {
  if (agent.role !== 'agent') return true;
  return teams.some((t) => t.kind === 'security' && t.deletedAt === null && agent.teamIds.includes(t.id));
}
