import type { Db, Sql } from '../db/db';

// The last answer a supplier gave to each question, kept so a lookup still shows something
// (marked stale, with its age) while the supplier is unreachable.

export interface Snapshot {
  data: unknown;
  fetchedAt: Date;
}

export async function saveSnapshot(db: Db, supplierId: string, kind: string, key: string, data: unknown, fetchedAt: Date): Promise<void> {
  await db.write((tx) =>
    tx.query(
      `INSERT INTO supplier_snapshots (supplier_id, kind, key, data, fetched_at) VALUES ($1, $2, $3, $4::jsonb, $5)
       ON CONFLICT (supplier_id, kind, key) DO UPDATE SET data = EXCLUDED.data, fetched_at = EXCLUDED.fetched_at
       WHERE supplier_snapshots.fetched_at <= EXCLUDED.fetched_at`,
      [supplierId, kind, key, JSON.stringify(data), fetchedAt],
    ),
  );
}

export async function loadSnapshot(sql: Sql, supplierId: string, kind: string, key: string): Promise<Snapshot | null> {
  const { rows } = await sql.query<{ data: unknown; fetched_at: Date | string }>(
    'SELECT data, fetched_at FROM supplier_snapshots WHERE supplier_id = $1 AND kind = $2 AND key = $3',
    [supplierId, kind, key],
  );
  const r = rows[0];
  return r ? { data: r.data, fetchedAt: new Date(r.fetched_at) } : null;
}
