import { newId } from '../../../protocol/ids';
import type { Role } from '../../../protocol/entities';
import type { AuthContext } from '../auth/context';
import type { Db } from '../db/db';

/** Minimal workspace rows for tests that exercise sync and tickets directly. */
export async function addTeam(db: Db, id: string, kind = 'general'): Promise<void> {
  await db.write((tx) => tx.query('INSERT INTO teams (id, name, kind) VALUES ($1, $2, $3)', [id, `测试组${id}`, kind]));
}

export async function addAgent(db: Db, id: string, role: Role, teamIds: string[]): Promise<AuthContext> {
  const name = `测试客服${id}`;
  await db.write((tx) =>
    tx.query(
      `INSERT INTO agents (id, name, login, password_hash, role, team_ids, status) VALUES ($1, $2, $3, 'unusable', $4, $5, 'online')`,
      [id, name, `login-${id}`, role, teamIds],
    ),
  );
  return { agentId: id, name, role, teamIds };
}

export async function addCustomer(db: Db, id = newId()): Promise<string> {
  await db.write((tx) =>
    tx.query(`INSERT INTO customers (id, name, tier) VALUES ($1, $2, 'individual')`, [id, `测试玩家${id.slice(-4)}`]),
  );
  return id;
}

export async function addConversation(
  db: Db,
  opts: { customerId: string; teamId: string | null; assigneeId?: string | null; channel?: string; status?: string },
): Promise<string> {
  const id = newId();
  await db.write((tx) =>
    tx.query(
      `INSERT INTO conversations (id, customer_id, channel, subject, status, team_id, assignee_id)
       VALUES ($1, $2, $3, '测试会话', $4, $5, $6)`,
      [id, opts.customerId, opts.channel ?? 'webchat', opts.status ?? 'new', opts.teamId, opts.assigneeId ?? null],
    ),
  );
  return id;
}

export async function addMessage(db: Db, conversationId: string, body: string, id = newId()): Promise<string> {
  await db.write((tx) =>
    tx.query(
      `INSERT INTO messages (id, conversation_id, kind, author_name, body) VALUES ($1, $2, 'customer', '测试玩家', $3)`,
      [id, conversationId, body],
    ),
  );
  return id;
}
