import type { Role } from '../../../protocol/entities';
import { insertAgent } from '../auth/agents';
import { hashPassword } from '../auth/password';
import type { Db, Sql } from '../db/db';
import { insertRows } from './bulk-insert';
import { refreshStatistics } from '../db/statistics';
import { DEMO_AGENTS } from './catalog';
import { recordDemoHistory } from './history';
import { Random } from './random';
import { buildDemoWorkspace } from './workspace';

/** The demo's sign-ins, for the startup banner and for tests. */
export const DEMO_LOGINS: ReadonlyArray<{ login: string; password: string; role: Role }> = DEMO_AGENTS.map(
  ({ login, password, role }) => ({ login, password, role }),
);

export interface SeedCounts {
  agents: number;
  customers: number;
  conversations: number;
}

// Fixed, so every machine gets the same demo and tests can count on it.
const DEMO_SEED = 20261122;
const DEMO_MARKER = 'demo_workspace';

const hasAgents = async (sql: Sql) => (await sql.query('SELECT 1 FROM agents LIMIT 1')).rows.length > 0;

/** True when this database was filled by seedDemo, so the demo logins work. */
export async function hasDemoWorkspace(db: Db): Promise<boolean> {
  return (await db.query('SELECT 1 FROM workspace_meta WHERE key = $1', [DEMO_MARKER])).rows.length > 0;
}

/**
 * Fills an empty workspace (no agents yet) with the demo: teams, agents, customers, orders with
 * card keys, conversations with messages. Does nothing, and returns zeros, when agents exist.
 */
export async function seedDemo(db: Db, now = Date.now()): Promise<SeedCounts> {
  const none: SeedCounts = { agents: 0, customers: 0, conversations: 0 };
  if (await hasAgents(db)) return none;
  // scrypt is slow by design; hash before taking the workspace write lock.
  const hashes = await Promise.all(DEMO_AGENTS.map((a) => hashPassword(a.password)));
  const ws = buildDemoWorkspace(new Random(DEMO_SEED), now);

  const counts = await db.write(async (tx) => {
    // Checked again under the lock: a second server starting on the same database may have won.
    if (await hasAgents(tx)) return none;
    await insertRows(tx, 'teams', ['id', 'name', 'kind'], ws.teams.map((t) => [t.id, t.name, t.kind]));
    for (const [i, a] of ws.agents.entries()) {
      await insertAgent(tx, { ...a, passwordHash: hashes[i]! });
    }
    await insertRows(
      tx,
      'customers',
      ['id', 'name', 'tier', 'vip', 'phone', 'email', 'note', 'identities', 'created_at'],
      ws.customers.map((c) => [c.id, c.name, c.tier, c.vip, c.phone, c.email, c.note, JSON.stringify(c.identities), new Date(c.createdAt)]),
    );
    await insertRows(
      tx,
      'customer_identities',
      ['channel', 'external_id', 'customer_id'],
      ws.customers.flatMap((c) => c.identities.map((i) => [i.channel, i.externalId, c.id])),
    );
    await insertRows(
      tx,
      'orders',
      ['id', 'customer_id', 'product', 'game', 'supplier', 'amount_cents', 'state', 'created_at'],
      ws.orders.map((o) => [
        o.id,
        o.customerId,
        o.product.name,
        o.product.game,
        o.supplier,
        o.product.priceCents * o.quantity,
        o.state,
        new Date(o.createdAt),
      ]),
    );
    await insertRows(
      tx,
      'card_keys',
      ['id', 'order_id', 'code', 'state', 'created_at'],
      ws.orders.flatMap((o) => o.cardKeys.map((k) => [k.id, o.id, k.code, k.state, new Date(o.createdAt)])),
    );
    await insertRows(
      tx,
      'conversations',
      [
        'id', 'customer_id', 'channel', 'subject', 'status', 'category', 'priority', 'team_id', 'assignee_id', 'order_id',
        'last_message_at', 'last_message_preview', 'unread_count', 'created_at', 'updated_at', 'repeat',
      ],
      ws.conversations.map((c) => [
        c.id, c.customerId, c.channel, c.subject, c.status, c.category, c.priority, c.teamId, c.assigneeId, c.orderId,
        new Date(c.lastMessageAt), c.lastMessagePreview, c.unreadCount, new Date(c.createdAt), new Date(c.lastMessageAt), c.repeat,
      ]),
    );
    await insertRows(
      tx,
      'messages',
      ['id', 'conversation_id', 'kind', 'author_id', 'author_name', 'body', 'created_at'],
      ws.conversations.flatMap((c) =>
        c.messages.map((m) => [m.id, c.id, m.kind, m.authorId, m.authorName, m.body, new Date(m.createdAt)]),
      ),
    );
    await recordDemoHistory(tx, ws, now);
    await tx.query('INSERT INTO workspace_meta (key, value) VALUES ($1, $2)', [
      DEMO_MARKER,
      JSON.stringify({ seededAt: new Date(now).toISOString(), seed: DEMO_SEED }),
    ]);
    return { agents: ws.agents.length, customers: ws.customers.length, conversations: ws.conversations.length };
  });
  // A bulk load leaves the planner's statistics describing empty tables.
  if (counts.agents > 0) await refreshStatistics(db);
  return counts;
}
