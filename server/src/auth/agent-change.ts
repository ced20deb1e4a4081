import type { AgentStatus } from '../../../protocol/entities';
import type { JsonObject } from '../audit/canonical-json';

/** The audit event type of a supervisor's or admin's change to an agent's status or capacity. */
export const AGENT_UPDATED = 'agent.updated';

export interface AgentSettings {
  status: AgentStatus;
  capacity: number;
}

/**
 * What the workspace audit chain records for a change to an agent: whom, and each field that
 * changed from its old to its new value. Null when nothing changed, so a repeated request
 * (a retry, or setting what is already set) adds no event.
 */
export function agentChange(agentId: string, before: AgentSettings, after: AgentSettings): JsonObject | null {
  const fields = (['status', 'capacity'] as const).filter((f) => before[f] !== after[f]);
  if (fields.length === 0) return null;
  return {
    agentId,
    from: Object.fromEntries(fields.map((f) => [f, before[f]])),
    to: Object.fromEntries(fields.map((f) => [f, after[f]])),
  };
}
