import type { Role } from '../../../protocol/entities';
import { newId } from '../../../protocol/ids';
import type { Sql } from '../db/db';
import { AGENT_COLUMNS, type AgentRow } from './agent-row';

export interface NewAgent {
  /** Minted here unless the caller already refers to the agent elsewhere. */
  id?: string;
  name: string;
  login: string;
  passwordHash: string;
  role: Role;
  teamIds: string[];
  capacity: number;
  status?: AgentRow['status'];
}

/** Logins are matched case-insensitively; they are stored lower-case. */
export const normaliseLogin = (login: string) => login.trim().toLowerCase();

/** Inserts an agent inside the caller's write transaction; null when the login is taken. */
export async function insertAgent(tx: Sql, a: NewAgent): Promise<AgentRow | null> {
  const { rows } = await tx.query<AgentRow>(
    `INSERT INTO agents AS a (id, name, login, password_hash, role, team_ids, capacity, status)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (login) DO NOTHING RETURNING ${AGENT_COLUMNS}`,
    [a.id ?? newId(), a.name, normaliseLogin(a.login), a.passwordHash, a.role, a.teamIds, a.capacity, a.status ?? 'offline'],
  );
  return rows[0] ?? null;
}
