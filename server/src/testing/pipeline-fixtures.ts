import type { AgentStatus, Channel, Tier } from '../../../protocol/entities';
import { newId } from '../../../protocol/ids';
import type { AuthContext } from '../auth/context';
import type { Db } from '../db/db';
import type { InboundMessage } from '../pipeline/inbound';
import { TEAM_KINDS, type TeamKind } from '../routing/rules';

/** A team of every kind, id `team-<kind>`, as routing expects to find them. */
export async function addAllTeams(db: Db): Promise<Record<TeamKind, string>> {
  const ids = Object.fromEntries(TEAM_KINDS.map((k) => [k, `team-${k}`])) as Record<TeamKind, string>;
  await db.write(async (tx) => {
    for (const kind of TEAM_KINDS) await tx.query('INSERT INTO teams (id, name, kind) VALUES ($1, $2, $3)', [ids[kind], `测试${kind}组`, kind]);
  });
  return ids;
}

export async function addStaff(
  db: Db,
  id: string,
  teamIds: string[],
  opts: { status?: AgentStatus; capacity?: number; role?: AuthContext['role'] } = {},
): Promise<AuthContext> {
  const name = `测试客服${id}`;
  const role = opts.role ?? 'agent';
  await db.write((tx) =>
    tx.query(
      `INSERT INTO agents (id, name, login, password_hash, role, team_ids, status, capacity) VALUES ($1, $2, $3, 'unusable', $4, $5, $6, $7)`,
      [id, name, `login-${id}`, role, teamIds, opts.status ?? 'online', opts.capacity ?? 8],
    ),
  );
  return { agentId: id, name, role, teamIds };
}

/** A known customer reachable on a channel, optionally with orders of theirs. */
export async function addChannelCustomer(
  db: Db,
  opts: { channel: Channel; externalUserId: string; tier?: Tier; vip?: boolean; orders?: string[] },
): Promise<string> {
  const id = newId();
  await db.write(async (tx) => {
    await tx.query(`INSERT INTO customers (id, name, tier, vip) VALUES ($1, $2, $3, $4)`, [id, `测试客户${id.slice(-4)}`, opts.tier ?? 'individual', opts.vip ?? false]);
    await tx.query('INSERT INTO customer_identities (channel, external_id, customer_id) VALUES ($1, $2, $3)', [opts.channel, opts.externalUserId, id]);
    for (const order of opts.orders ?? []) {
      await tx.query(
        `INSERT INTO orders (id, customer_id, product, game, supplier, amount_cents, state) VALUES ($1, $2, '王者荣耀点卡 100元', '王者荣耀', '示例供应商', 10000, 'delivering')`,
        [order, id],
      );
    }
  });
  return id;
}

let seq = 0;
/** A web chat message from `externalUserId`, with a fresh channel message id. */
export const chat = (externalUserId: string, body: string, over: Partial<InboundMessage> = {}): InboundMessage => ({
  channel: 'webchat',
  externalMessageId: `ext-${++seq}-${newId()}`,
  externalUserId,
  customerName: '示例玩家',
  body,
  ...over,
});
