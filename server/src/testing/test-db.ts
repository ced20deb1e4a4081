import pg from 'pg';
import { newId } from '../../../protocol/ids';
import { type Db, openPglite, openPostgres } from '../db/db';
import { migrate } from '../db/migrate';

export const TEST_PG_URL = process.env.KADESK_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDb {
  db: Db;
  /** The PostgreSQL database's connection string, for a server process to share it; null on PGlite. */
  url: string | null;
  /** Opens another independent handle on the same database (PostgreSQL only). */
  reopen(): Promise<Db>;
  dispose(): Promise<void>;
}

/**
 * A fresh, migrated database for one test file: in-memory PGlite, or a throwaway
 * PostgreSQL database, as `kind` or else the vitest project (KADESK_TEST_DB) says.
 */
export async function createTestDb(kind = process.env.KADESK_TEST_DB ?? 'pglite'): Promise<TestDb> {
  if (kind === 'pglite') {
    const db = await openPglite(null);
    await migrate(db);
    return {
      db,
      url: null,
      reopen: async () => {
        throw new Error('PGlite has one connection per process');
      },
      dispose: () => db.close(),
    };
  }
  if (kind !== 'postgres') throw new Error(`KADESK_TEST_DB must be pglite or postgres, not ${kind}`);
  const name = `kadesk_test_${newId().toLowerCase()}`;
  const admin = new pg.Client({ connectionString: TEST_PG_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(TEST_PG_URL);
  url.pathname = `/${name}`;
  const handles: Db[] = [];
  const open = async () => {
    const db = await openPostgres(url.toString(), 12);
    handles.push(db);
    return db;
  };
  const db = await open();
  await migrate(db);
  return {
    db,
    url: url.toString(),
    reopen: open,
    async dispose() {
      for (const h of handles) await h.close();
      const cleanup = new pg.Client({ connectionString: TEST_PG_URL });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleanup.end();
    },
  };
}
