import type { AuditActor } from '../audit/chain';
import type { AuthContext } from '../auth/context';

/** Who does a case action: a signed-in agent, or Kadesk itself (automatic checks). */
export type Actor = { kind: 'agent'; auth: AuthContext } | { kind: 'system' };

export const SYSTEM_ACTOR: Actor = { kind: 'system' };
export const SYSTEM_NAME = '系统';

export const agentActor = (auth: AuthContext): Actor => ({ kind: 'agent', auth });
export const actorId = (a: Actor): string | null => (a.kind === 'agent' ? a.auth.agentId : null);
export const actorName = (a: Actor): string => (a.kind === 'agent' ? a.auth.name : SYSTEM_NAME);
export const auditActor = (a: Actor): AuditActor =>
  a.kind === 'agent' ? { kind: 'agent', id: a.auth.agentId } : { kind: 'system', id: null };
