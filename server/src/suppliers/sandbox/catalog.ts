import type { Sql } from '../../db/db';
import type { CatalogKey } from './data';

/** Where the sandbox supplier looks up the keys it "issued": the workspace's own orders. */
export interface SandboxCatalog {
  /** The order's keys (none for a direct top-up); null when there is no such order. */
  keysOfOrder(orderId: string): Promise<CatalogKey[] | null>;
  keyByCode(code: string): Promise<CatalogKey | null>;
}

interface KeyRow {
  order_id: string;
  customer_id: string;
  code: string | null;
  state: CatalogKey['state'] | null;
  created_at: Date | string | null;
}

const toKey = (r: KeyRow): CatalogKey | null =>
  r.code === null || r.state === null || r.created_at === null
    ? null
    : { code: r.code, state: r.state, orderId: r.order_id, customerId: r.customer_id, issuedAt: new Date(r.created_at) };

/** Reads orders and card keys straight from the database, read-only. */
export function databaseCatalog(sql: Sql): SandboxCatalog {
  return {
    async keysOfOrder(orderId) {
      const { rows } = await sql.query<KeyRow>(
        `SELECT o.id AS order_id, o.customer_id, k.code, k.state, k.created_at
           FROM orders o LEFT JOIN card_keys k ON k.order_id = o.id
          WHERE o.id = $1 ORDER BY k.created_at, k.id`,
        [orderId],
      );
      if (rows.length === 0) return null;
      return rows.map(toKey).filter((k): k is CatalogKey => k !== null);
    },
    async keyByCode(code) {
      const { rows } = await sql.query<KeyRow>(
        `SELECT o.id AS order_id, o.customer_id, k.code, k.state, k.created_at
           FROM card_keys k JOIN orders o ON o.id = k.order_id WHERE k.code = $1`,
        [code],
      );
      return rows[0] ? toKey(rows[0]) : null;
    },
  };
}
