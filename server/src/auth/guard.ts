import type { FastifyRequest } from 'fastify';
import type { Role } from '../../../protocol/entities';
import type { Db } from '../db/db';
import { forbidden, unauthorized } from '../http/errors';
import type { AuthContext } from './context';
import { sessionAgent } from './sessions';

declare module 'fastify' {
  interface FastifyInstance {
    /** Resolves a session token to its caller; installed for the whole app by authRoutes. */
    authenticate(token: string): Promise<AuthContext | null>;
  }
}

// Session tokens are 43 base64url characters; anything far longer is not worth hashing.
const BEARER = /^Bearer ([A-Za-z0-9_-]{1,200})$/i;

/** The token of an `Authorization: Bearer <token>` header, or null. */
export function bearerToken(req: FastifyRequest): string | null {
  return BEARER.exec(req.headers.authorization ?? '')?.[1] ?? null;
}

/** For callers that do not come through HTTP routes (the WebSocket handshake). */
export async function authenticateToken(db: Db, token: string): Promise<AuthContext | null> {
  const agent = await sessionAgent(db, token);
  return agent && { agentId: agent.id, name: agent.name, role: agent.role, teamIds: agent.team_ids };
}

/**
 * preHandler: 401 without a live session (unknown, expired or revoked token, deleted agent),
 * 403 when the caller's role is not among `roles`; otherwise sets `request.auth`.
 */
export function requireRole(...roles: Role[]) {
  return async (req: FastifyRequest): Promise<void> => {
    const token = bearerToken(req);
    const auth = token === null ? null : await req.server.authenticate(token);
    if (!auth) throw unauthorized();
    if (!roles.includes(auth.role)) throw forbidden();
    req.auth = auth;
  };
}
