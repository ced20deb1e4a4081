import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../db/db';
import { AGENT_COLUMNS, type AgentRow } from './agent-row';

export interface NewSession {
  /** Handed to the client once; only its SHA-256 is stored. */
  token: string;
  expiresAt: Date;
}

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export async function createSession(db: Db, agentId: string, ttlHours: number): Promise<NewSession> {
  const token = randomBytes(32).toString('base64url');
  // Expiry is computed and checked on the database clock, so app and database never disagree.
  const expiresAt = await db.write(async (tx) => {
    // Each login is a chance to forget this agent's dead sessions, so the table does not grow forever.
    await tx.query('DELETE FROM sessions WHERE agent_id = $1 AND expires_at <= now()', [agentId]);
    const { rows } = await tx.query<{ expires_at: Date | string }>(
      `INSERT INTO sessions (token_hash, agent_id, expires_at) VALUES ($1, $2, now() + make_interval(hours => $3))
       RETURNING expires_at`,
      [hashToken(token), agentId, ttlHours],
    );
    return new Date(rows[0]!.expires_at);
  });
  return { token, expiresAt };
}

/** The agent behind a live session; null when the token is unknown, expired or its agent deleted. */
export async function sessionAgent(db: Db, token: string): Promise<AgentRow | null> {
  const { rows } = await db.query<AgentRow>(
    `SELECT ${AGENT_COLUMNS} FROM sessions s JOIN agents a ON a.id = s.agent_id
     WHERE s.token_hash = $1 AND s.expires_at > now() AND a.deleted_at IS NULL`,
    [hashToken(token)],
  );
  return rows[0] ?? null;
}

export async function revokeSession(db: Db, token: string): Promise<void> {
  await db.write((tx) => tx.query('DELETE FROM sessions WHERE token_hash = $1', [hashToken(token)]));
}
