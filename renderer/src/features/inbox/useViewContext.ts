import { useMemo } from 'react';
import type { ViewContext } from '../../data';
import { useWorkstation } from '../workspace/workstation';

/** Whose views these are, stable for the session so live queries keyed on it do not rerun. */
export function useViewContext(): ViewContext {
  const { agent } = useWorkstation();
  return useMemo(() => ({ agentId: agent.id, teamIds: agent.teamIds }), [agent]);
}
