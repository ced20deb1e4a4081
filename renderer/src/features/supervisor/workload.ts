import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { AgentResponse, WorkloadSnapshot, type Agent, type UpdateAgentRequest } from '../../../../protocol';
import type { ApiClient } from '../../data';
import { useSyncStatus, useWorkstation } from '../workspace/workstation';

export const WORKLOAD_KEY = ['supervision', 'workload'] as const;

/**
 * Agents' load from the server, fetched again after every sync: a poke means something
 * committed (a new ticket, an assignment, a status change), and the pull it triggers ends
 * with a new `lastSyncedAt`.
 */
export function useWorkload(enabled: boolean) {
  const { api } = useWorkstation();
  const client = useQueryClient();
  const { lastSyncedAt } = useSyncStatus();
  const query = useQuery({
    queryKey: WORKLOAD_KEY,
    queryFn: () => api.get('/api/supervision/agents', WorkloadSnapshot),
    enabled,
  });
  const first = useRef(true);
  useEffect(() => {
    // The query itself fetches on mount; only later syncs call for a refresh.
    if (first.current) {
      first.current = false;
      return;
    }
    if (enabled) void client.invalidateQueries({ queryKey: WORKLOAD_KEY });
  }, [client, enabled, lastSyncedAt]);
  return query;
}

/** Sets an agent's status or capacity (supervisors and admins); the answer is the updated agent. */
export async function updateAgent(api: ApiClient, agentId: string, change: UpdateAgentRequest): Promise<Agent> {
  const { agent } = await api.patch(`/api/agents/${encodeURIComponent(agentId)}`, change, AgentResponse);
  return agent;
}
