import type { Change, PullRequest, PullResponse, SyncTable } from '../../../protocol/sync';
import { agentFromRow, AGENT_COLUMNS, type AgentRow } from '../auth/agent-row';
import type { AuthContext } from '../auth/context';
import { seesEverything } from '../auth/context';
import type { Db, Sql } from '../db/db';
import {
  CONVERSATION_COLUMNS,
  conversationFromRow,
  type ConversationRow,
  CUSTOMER_COLUMNS,
  customerFromRow,
  type CustomerRow,
  MESSAGE_COLUMNS,
  messageFromRow,
  type MessageRow,
  ORDER_COLUMNS,
  orderFromRow,
  type OrderRow,
  TEAM_COLUMNS,
  teamFromRow,
  type TeamRow,
} from './rows';
import { conversationScopeSql, inScope } from './scope';

interface TableSpec {
  table: SyncTable;
  /** Teams and agents form the workspace directory every workstation needs. */
  directory?: true;
  sql: (scoped: boolean) => string;
  toChange: (row: never, auth: AuthContext) => Change;
}

// $1 cursor, $2 limit, $3 team ids, $4 agent id.
const CONV_SCOPE = conversationScopeSql(3, 4);
const scopedBy = (scoped: boolean, predicate: string) => (scoped ? `AND ${predicate}` : '');

const TABLES: TableSpec[] = [
  {
    table: 'teams',
    directory: true,
    sql: () => `SELECT ${TEAM_COLUMNS} FROM teams t WHERE t.version > $1 ORDER BY t.version LIMIT $2`,
    toChange: (r: TeamRow) => ({ table: 'teams', row: teamFromRow(r) }),
  },
  {
    table: 'agents',
    directory: true,
    sql: () => `SELECT ${AGENT_COLUMNS} FROM agents a WHERE a.version > $1 ORDER BY a.version LIMIT $2`,
    toChange: (r: AgentRow) => ({ table: 'agents', row: agentFromRow(r) }),
  },
  {
    table: 'customers',
    sql: (scoped) => `SELECT ${CUSTOMER_COLUMNS} FROM customers cu WHERE cu.version > $1
      ${scopedBy(scoped, `EXISTS (SELECT 1 FROM conversations c WHERE c.customer_id = cu.id AND ${CONV_SCOPE})`)}
      ORDER BY cu.version LIMIT $2`,
    toChange: (r: CustomerRow) => ({ table: 'customers', row: customerFromRow(r) }),
  },
  {
    table: 'orders',
    sql: (scoped) => `SELECT ${ORDER_COLUMNS} FROM orders o WHERE o.version > $1
      ${scopedBy(scoped, `EXISTS (SELECT 1 FROM conversations c WHERE c.customer_id = o.customer_id AND ${CONV_SCOPE})`)}
      ORDER BY o.version LIMIT $2`,
    toChange: (r: OrderRow) => ({ table: 'orders', row: orderFromRow(r) }),
  },
  {
    table: 'conversations',
    sql: (scoped) => `SELECT ${CONVERSATION_COLUMNS} FROM conversations c WHERE c.version > $1
      ${scopedBy(scoped, CONV_SCOPE)} ORDER BY c.version LIMIT $2`,
    // A ticket that moved out of the agent's scope arrives as a tombstone so the
    // workstation drops it (and its messages) instead of showing a stale copy.
    toChange: (r: ConversationRow, auth) => {
      const row = conversationFromRow(r);
      if (row.deletedAt === null && !inScope(auth, row)) row.deletedAt = row.updatedAt;
      return { table: 'conversations', row };
    },
  },
  {
    table: 'messages',
    sql: (scoped) => `SELECT ${MESSAGE_COLUMNS} FROM messages m
      ${scoped ? `JOIN conversations c ON c.id = m.conversation_id AND ${CONV_SCOPE}` : ''}
      WHERE m.version > $1 ORDER BY m.version LIMIT $2`,
    toChange: (r: MessageRow) => ({ table: 'messages', row: messageFromRow(r) }),
  },
];

const HIGH_WATER_SQL = `SELECT GREATEST(
  (SELECT MAX(version) FROM teams), (SELECT MAX(version) FROM agents), (SELECT MAX(version) FROM customers),
  (SELECT MAX(version) FROM orders), (SELECT MAX(version) FROM conversations), (SELECT MAX(version) FROM messages)
) AS high`;

/**
 * Changes after `cursor` within the caller's scope, oldest first.
 *
 * Everything is read in one REPEATABLE READ snapshot. Writers stamp versions under a
 * lock held to commit, so every version still uncommitted is above every version this
 * snapshot sees: when nothing is cut off, the cursor may safely jump to the snapshot's
 * high-water mark (skipping out-of-scope changes without ever skipping a late commit).
 */
export async function pull(db: Db, auth: AuthContext, req: PullRequest): Promise<PullResponse> {
  const scoped = !seesEverything(auth);
  return db.snapshot(async (tx) => {
    // One connection serves the snapshot, so the tables are read one after another.
    const perTable = [];
    for (const spec of TABLES) perTable.push(await fetchTable(tx, spec, scoped, auth, req));
    const all = perTable.flatMap((t) => t.changes).sort((a, b) => a.row.version - b.row.version);
    const truncated = perTable.some((t) => t.truncated) || all.length > req.limit;
    const changes = all.slice(0, req.limit);
    if (truncated) {
      // Cut at the last version returned; every table's rows below it were all included.
      const cut = Math.min(
        changes.at(-1)?.row.version ?? req.cursor,
        ...perTable.filter((t) => t.truncated).map((t) => t.lastVersion),
      );
      return { changes: changes.filter((c) => c.row.version <= cut), cursor: cut, hasMore: true };
    }
    const { rows } = await tx.query<{ high: number | null }>(HIGH_WATER_SQL);
    return { changes, cursor: Math.max(req.cursor, rows[0]?.high ?? 0), hasMore: false };
  });
}

async function fetchTable(tx: Sql, spec: TableSpec, scoped: boolean, auth: AuthContext, req: PullRequest) {
  const params: unknown[] = [req.cursor, req.limit + 1];
  if (scoped && !spec.directory) params.push(auth.teamIds, auth.agentId);
  const { rows } = await tx.query<never>(spec.sql(scoped), params);
  const truncated = rows.length > req.limit;
  const kept = truncated ? rows.slice(0, req.limit) : rows;
  const changes = kept.map((r) => spec.toChange(r, auth));
  return { changes, truncated, lastVersion: changes.at(-1)?.row.version ?? req.cursor };
}
