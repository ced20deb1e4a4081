import type { Tier } from '../../../protocol/entities';
import { newId } from '../../../protocol/ids';
import type { Sql } from '../db/db';
import type { InboundMessage } from './inbound';

export interface IdentifiedCustomer {
  id: string;
  name: string;
  tier: Tier;
  vip: boolean;
}

/** Finds the customer behind a channel identity, creating one on first contact. */
export async function identifyCustomer(
  tx: Sql,
  msg: Pick<InboundMessage, 'channel' | 'externalUserId' | 'customerName'>,
): Promise<IdentifiedCustomer> {
  const { rows } = await tx.query<IdentifiedCustomer>(
    `SELECT cu.id, cu.name, cu.tier, cu.vip FROM customer_identities ci JOIN customers cu ON cu.id = ci.customer_id
      WHERE ci.channel = $1 AND ci.external_id = $2`,
    [msg.channel, msg.externalUserId],
  );
  if (rows[0]) return rows[0];
  const id = newId();
  await tx.query(`INSERT INTO customers (id, name, tier, identities) VALUES ($1, $2, 'individual', $3)`, [
    id,
    msg.customerName,
    JSON.stringify([{ channel: msg.channel, externalId: msg.externalUserId }]),
  ]);
  await tx.query('INSERT INTO customer_identities (channel, external_id, customer_id) VALUES ($1, $2, $3)', [
    msg.channel,
    msg.externalUserId,
    id,
  ]);
  return { id, name: msg.customerName, tier: 'individual', vip: false };
}
