import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

export interface QueryResult<T> {
  rows: T[];
  rowCount: number;
}

/** The one SQL surface the server uses; both engines speak the same Postgres dialect. */
export interface Sql {
  query<T = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<QueryResult<T>>;
  /** Runs a parameterless multi-statement script (migrations). */
  exec(script: string): Promise<void>;
}

export type DbKind = 'pglite' | 'postgres';

export interface Db extends Sql {
  readonly kind: DbKind;
  /** A read transaction on one snapshot (REPEATABLE READ). */
  snapshot<T>(fn: (tx: Sql) => Promise<T>): Promise<T>;
  /**
   * A write transaction. It takes the workspace write lock first so that sync versions are
   * handed out in commit order (see migrations/001: a puller must never skip a change that
   * commits later with a smaller version). Taking it up front, not in the first trigger,
   * also rules out lock-order deadlocks between row locks and the version lock.
   */
  write<T>(fn: (tx: Sql) => Promise<T>): Promise<T>;
  /** Subscribes to NOTIFY on a channel; resolves to an unsubscribe function. */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

// Keep in step with kadesk_bump_version() in the first migration.
export const VERSION_LOCK_KEY = 72707;
const LOCK_SQL = `SELECT pg_advisory_xact_lock(${VERSION_LOCK_KEY})`;

export async function openPglite(dataDir: string | null): Promise<Db> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const lite = dataDir ? await PGlite.create(dataDir) : await PGlite.create();
  const asSql = (q: Pick<PGlite, 'query' | 'exec'>): Sql => ({
    async query<T>(text: string, params: readonly unknown[] = []) {
      const r = await q.query<T>(text, params as unknown[]);
      return { rows: r.rows, rowCount: r.affectedRows ?? r.rows.length };
    },
    async exec(script: string) {
      await q.exec(script);
    },
  });
  const sql = asSql(lite);
  return {
    kind: 'pglite',
    query: sql.query,
    exec: sql.exec,
    snapshot(fn) {
      return lite.transaction(async (tx) => {
        await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
        return fn(asSql(tx));
      });
    },
    write(fn) {
      return lite.transaction(async (tx) => {
        await tx.query(LOCK_SQL);
        return fn(asSql(tx));
      });
    },
    async listen(channel, onPayload) {
      const unsubscribe = await lite.listen(channel, onPayload);
      return async () => unsubscribe();
    },
    async close() {
      await lite.close();
    },
  };
}

const INT8_OID = 20;

export async function openPostgres(connectionString: string, poolSize = 10): Promise<Db> {
  const pool = new pg.Pool({
    connectionString,
    max: poolSize,
    // bigint versions stay far below 2^53; numbers keep both engines' rows identical.
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === INT8_OID ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  // An idle client's error (e.g. server restart) must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  await pool.query('SELECT 1');

  const clientSql = (c: pg.PoolClient | pg.Pool): Sql => ({
    async query<T>(text: string, params: readonly unknown[] = []) {
      const r = await c.query(text, params as unknown[]);
      return { rows: r.rows as T[], rowCount: r.rowCount ?? r.rows.length };
    },
    // Without parameters pg uses the simple query protocol, which allows several statements.
    async exec(script: string) {
      await c.query(script);
    },
  });

  async function inTransaction<T>(begin: string, fn: (tx: Sql) => Promise<T>, lock: boolean): Promise<T> {
    const client = await pool.connect();
    try {
      await client.query(begin);
      if (lock) await client.query(LOCK_SQL);
      const out = await fn(clientSql(client));
      await client.query('COMMIT');
      return out;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  const listeners = new Map<string, Set<(payload: string) => void>>();
  let listenClient: pg.Client | null = null;
  async function ensureListenClient(): Promise<pg.Client> {
    if (listenClient) return listenClient;
    const c = new pg.Client({ connectionString });
    c.on('error', () => undefined);
    await c.connect();
    c.on('notification', (n) => {
      for (const cb of listeners.get(n.channel) ?? []) cb(n.payload ?? '');
    });
    listenClient = c;
    return c;
  }

  const sql = clientSql(pool);
  return {
    kind: 'postgres',
    query: sql.query,
    exec: sql.exec,
    snapshot: (fn) => inTransaction('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY', fn, false),
    write: (fn) => inTransaction('BEGIN', fn, true),
    async listen(channel, onPayload) {
      if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`invalid channel name ${channel}`);
      const client = await ensureListenClient();
      let set = listeners.get(channel);
      if (!set) {
        set = new Set();
        listeners.set(channel, set);
        await client.query(`LISTEN ${channel}`);
      }
      set.add(onPayload);
      return async () => {
        set.delete(onPayload);
      };
    },
    async close() {
      await listenClient?.end().catch(() => undefined);
      await pool.end();
    },
  };
}
