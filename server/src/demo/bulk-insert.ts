import type { Sql } from '../db/db';

/**
 * Multi-row INSERTs, `chunkRows` rows a statement: one round trip per chunk instead of per row,
 * and well under PostgreSQL's 65,535 bind parameters a statement.
 */
export async function insertRows(
  tx: Sql,
  table: string,
  columns: readonly string[],
  rows: ReadonlyArray<readonly unknown[]>,
  chunkRows = 500,
): Promise<void> {
  for (let start = 0; start < rows.length; start += chunkRows) {
    const params: unknown[] = [];
    const tuples = rows.slice(start, start + chunkRows).map((row) => {
      if (row.length !== columns.length) throw new Error(`${table}: row has ${row.length} values for ${columns.length} columns`);
      return `(${row.map((v) => `$${params.push(v)}`).join(', ')})`;
    });
    await tx.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${tuples.join(', ')}`, params);
  }
}
