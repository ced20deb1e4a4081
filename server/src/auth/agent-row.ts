import type { Agent } from '../../../protocol/entities';

// agents rows → protocol Agent; the SELECT list sits beside the mapper so the two cannot drift.
export const AGENT_COLUMNS = 'a.id, a.name, a.login, a.role, a.team_ids, a.status, a.capacity, a.version, a.deleted_at';

export interface AgentRow {
  id: string;
  name: string;
  login: string;
  role: Agent['role'];
  team_ids: string[];
  status: Agent['status'];
  capacity: number;
  version: number;
  deleted_at: Date | string | null;
}

export const agentFromRow = (r: AgentRow): Agent => ({
  id: r.id,
  version: r.version,
  deletedAt: r.deleted_at === null ? null : new Date(r.deleted_at).toISOString(),
  name: r.name,
  login: r.login,
  role: r.role,
  teamIds: r.team_ids,
  status: r.status,
  capacity: r.capacity,
});
