import type { Role } from '../../../protocol/entities';

/** Who is calling, resolved from the bearer session token by the auth guard. */
export interface AuthContext {
  agentId: string;
  name: string;
  role: Role;
  teamIds: string[];
}

declare module 'fastify' {
  interface FastifyRequest {
    auth: AuthContext | null;
  }
}

/** Supervisors and admins see the whole workspace; agents see their teams and their own tickets. */
export const seesEverything = (auth: AuthContext) => auth.role !== 'agent';
