import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from './migrate';
import { createTestDb, type TestDb } from '../testing/test-db';

describe('migrations', () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });
  afterAll(() => t.dispose());

  it('applies each migration once', async () => {
    expect(await migrate(t.db)).toEqual([]);
    const { rows } = await t.db.query<{ name: string }>('SELECT name FROM schema_migrations ORDER BY name');
    expect(rows.map((r) => r.name)).toContain('001_core.sql');
  });

  it('stamps syncable rows with increasing versions on insert and update', async () => {
    await t.db.write((tx) => tx.query(`INSERT INTO teams (id, name, kind) VALUES ('t1', '技术组', 'tech')`));
    const a = await t.db.query<{ version: number }>(`SELECT version FROM teams WHERE id = 't1'`);
    await t.db.write((tx) => tx.query(`UPDATE teams SET name = '技术支持组' WHERE id = 't1'`));
    const b = await t.db.query<{ version: number }>(`SELECT version FROM teams WHERE id = 't1'`);
    expect(typeof a.rows[0]?.version).toBe('number');
    expect(b.rows[0]!.version).toBeGreaterThan(a.rows[0]!.version);
  });

  it('notifies listeners after a syncable write commits', async () => {
    const got: string[] = [];
    const stop = await t.db.listen('kadesk_sync', (p) => got.push(p));
    await t.db.write((tx) => tx.query(`INSERT INTO teams (id, name, kind) VALUES ('t2', '支付组', 'payment')`));
    await expect.poll(() => got.length, { timeout: 5000 }).toBeGreaterThan(0);
    await stop();
  });
});
