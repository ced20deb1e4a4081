import { randomBytes } from 'node:crypto';
import { newId } from '../../../protocol/ids';
import type { Db } from '../db/db';
import { hashToken } from '../auth/sessions';
import { identifyCustomer } from '../pipeline/inbound';

export interface Visitor {
  customerId: string;
  name: string;
  /** The visitor's identity on the webchat channel. */
  externalUserId: string;
}

/** Resolves a widget's visitor token; only its hash is stored. */
export async function findVisitor(db: Db, token: string): Promise<Visitor | null> {
  const { rows } = await db.query<{ customer_id: string; name: string; external_id: string }>(
    `SELECT v.customer_id, cu.name, ci.external_id FROM widget_visitors v
       JOIN customers cu ON cu.id = v.customer_id
       JOIN customer_identities ci ON ci.customer_id = v.customer_id AND ci.channel = 'webchat'
      WHERE v.token_hash = $1 AND cu.deleted_at IS NULL LIMIT 1`,
    [hashToken(token)],
  );
  const r = rows[0];
  return r ? { customerId: r.customer_id, name: r.name, externalUserId: r.external_id } : null;
}

/** A first-time visitor: a customer record with a webchat identity and a fresh token. */
export async function createVisitor(db: Db, name: string | undefined): Promise<{ token: string; visitor: Visitor }> {
  const token = randomBytes(32).toString('base64url');
  const externalUserId = `visitor-${newId()}`;
  const displayName = name ?? `网页访客 ${externalUserId.slice(-4)}`;
  const customer = await db.write(async (tx) => {
    const c = await identifyCustomer(tx, { channel: 'webchat', externalUserId, customerName: displayName });
    await tx.query('INSERT INTO widget_visitors (token_hash, customer_id) VALUES ($1, $2)', [hashToken(token), c.id]);
    return c;
  });
  return { token, visitor: { customerId: customer.id, name: customer.name, externalUserId } };
}
