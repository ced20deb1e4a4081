import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestDb, type TestDb } from '../testing/test-db';
import { refreshStatistics, statisticsUpkeep } from './statistics';

// The planner's row estimate for a table is what the last ANALYZE saw (pg_class.reltuples,
// -1 or 0 before the first). These tests read it to see whether statistics were refreshed.
describe('planner statistics', () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });
  afterAll(() => t.dispose());

  const estimate = async () =>
    Number((await t.db.query<{ n: number }>(`SELECT reltuples AS n FROM pg_class WHERE relname = 'teams'`)).rows[0]!.n);
  const addTeams = (from: number, count: number) =>
    t.db.write((tx) =>
      tx.query(`INSERT INTO teams (id, name, kind) SELECT 'st-' || g, '统计组' || g, 'general' FROM generate_series($1::int, $2::int) g`, [from, from + count - 1]),
    );

  it('are refreshed on demand, after a bulk load', async () => {
    await addTeams(1, 300);
    await refreshStatistics(t.db);
    expect(await estimate()).toBe(300);
  });

  it('are kept fresh by the upkeep: at start and then on its interval', async () => {
    await addTeams(301, 200);
    const app = Fastify();
    await app.register(statisticsUpkeep(t.db, 100));
    await app.ready();
    // The first pass runs in the background once the server is ready.
    await vi.waitFor(async () => expect(await estimate()).toBe(500), { timeout: 5000 });
    await addTeams(501, 100);
    await vi.waitFor(async () => expect(await estimate()).toBe(600), { timeout: 5000 });
    await app.close();
  });
});
