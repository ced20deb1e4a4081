import { useMemo } from 'react';
import { useMaySecure } from '../security/SecurityDialogs';
import { useWorkstation } from '../workspace/workstation';
import type { Viewer } from './access';

/** The signed-in agent as command access sees them; follows their teams as they sync. */
export function useViewer(): Viewer {
  const { agent } = useWorkstation();
  const maySecure = useMaySecure();
  return useMemo(() => ({ role: agent.role, maySecure }), [agent.role, maySecure]);
}
