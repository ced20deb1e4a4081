import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthContext } from '../auth/context';
import type { Change } from '../../../protocol/sync';
import { createTestDb, type TestDb } from '../testing/test-db';
import { addAgent, addConversation, addCustomer, addMessage, addTeam } from '../testing/fixtures';
import { touchConversationGraph } from '../conversations/graph';
import { pull } from './pull';

async function pullAll(t: TestDb, auth: AuthContext, cursor: number, limit: number) {
  const pages: Change[][] = [];
  let c = cursor;
  for (;;) {
    const r = await pull(t.db, auth, { cursor: c, limit });
    expect(r.cursor).toBeGreaterThanOrEqual(c);
    pages.push(r.changes);
    c = r.cursor;
    if (!r.hasMore) break;
  }
  return { pages, cursor: c, changes: pages.flat() };
}

describe('sync pull', () => {
  let t: TestDb;
  let lead: AuthContext;
  let agentA: AuthContext;
  let agentB: AuthContext;

  beforeAll(async () => {
    t = await createTestDb();
    await addTeam(t.db, 'A');
    await addTeam(t.db, 'B', 'tech');
    lead = await addAgent(t.db, 'lead', 'supervisor', []);
    agentA = await addAgent(t.db, 'a1', 'agent', ['A']);
    agentB = await addAgent(t.db, 'b1', 'agent', ['B']);
  });
  afterAll(() => t.dispose());

  it('pages through every change once, in version order, and ends at the high-water mark', async () => {
    const customer = await addCustomer(t.db);
    const conv = await addConversation(t.db, { customerId: customer, teamId: 'A' });
    const ids = [];
    for (let i = 0; i < 23; i++) ids.push(await addMessage(t.db, conv, `第${i}条消息`));

    const { pages, changes, cursor } = await pullAll(t, lead, 0, 7);
    expect(pages.length).toBeGreaterThan(3);
    for (const p of pages) expect(p.length).toBeLessThanOrEqual(7);
    const versions = changes.map((c) => c.row.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(new Set(versions).size).toBe(versions.length);
    const messageIds = changes.filter((c) => c.table === 'messages').map((c) => c.row.id);
    expect(messageIds).toEqual(ids);

    const again = await pull(t.db, lead, { cursor, limit: 7 });
    expect(again).toEqual({ changes: [], cursor, hasMore: false });
  });

  it("keeps agents to their teams' tickets and sends a tombstone when a ticket leaves", async () => {
    const start = (await pull(t.db, lead, { cursor: 0, limit: 2000 })).cursor;
    const customer = await addCustomer(t.db);
    const conv = await addConversation(t.db, { customerId: customer, teamId: 'A' });
    const msg = await addMessage(t.db, conv, '我的点卡没到账');

    const seenByA = await pullAll(t, agentA, start, 100);
    const seenByB = await pullAll(t, agentB, start, 100);
    expect(seenByA.changes.some((c) => c.table === 'conversations' && c.row.id === conv)).toBe(true);
    expect(seenByA.changes.some((c) => c.table === 'messages' && c.row.id === msg)).toBe(true);
    expect(seenByB.changes.some((c) => c.row.id === conv || c.row.id === msg)).toBe(false);

    await t.db.write(async (tx) => {
      await tx.query(`UPDATE conversations SET prev_team_id = team_id, team_id = 'B' WHERE id = $1`, [conv]);
      await touchConversationGraph(tx, conv);
    });
    const afterA = await pullAll(t, agentA, seenByA.cursor, 100);
    const gone = afterA.changes.find((c) => c.table === 'conversations' && c.row.id === conv);
    expect(gone?.row.deletedAt).not.toBeNull();
    const afterB = await pullAll(t, agentB, seenByB.cursor, 100);
    const arrived = afterB.changes.find((c) => c.table === 'conversations' && c.row.id === conv);
    expect(arrived?.row.deletedAt).toBeNull();
    expect(afterB.changes.some((c) => c.table === 'messages' && c.row.id === msg)).toBe(true);
    expect(afterB.changes.some((c) => c.table === 'customers' && c.row.id === customer)).toBe(true);
  });

  it('never skips a change that commits after a later-numbered one would have', async () => {
    // Writer 1 takes a version and holds its transaction open; writer 2 starts after it.
    // Were versions not commit-ordered, writer 2 would commit a higher version first and a
    // puller advancing past it would never see writer 1's row.
    const customer = await addCustomer(t.db);
    const conv = await addConversation(t.db, { customerId: customer, teamId: 'A' });
    const { cursor: start } = await pullAll(t, lead, 0, 2000);

    let releaseFirst!: () => void;
    const firstHeld = new Promise<void>((r) => (releaseFirst = r));
    let firstInserted!: () => void;
    const firstReady = new Promise<void>((r) => (firstInserted = r));
    const first = t.db.write(async (tx) => {
      await tx.query(`INSERT INTO messages (id, conversation_id, kind, author_name, body) VALUES ('w1', $1, 'customer', 'x', '先开始')`, [conv]);
      firstInserted();
      await firstHeld;
    });
    await firstReady;
    const second = t.db.write((tx) =>
      tx.query(`INSERT INTO messages (id, conversation_id, kind, author_name, body) VALUES ('w2', $1, 'customer', 'x', '后开始')`, [conv]),
    );
    let seen: string[] = [];
    let cursor = start;
    if (t.db.kind === 'postgres') {
      // Give writer 2 every chance to commit first, then pull while writer 1 is still open.
      await new Promise((r) => setTimeout(r, 150));
      const mid = await pull(t.db, lead, { cursor, limit: 2000 });
      seen = mid.changes.map((c) => c.row.id);
      cursor = mid.cursor;
      expect(seen).not.toContain('w1');
    }
    releaseFirst();
    await Promise.all([first, second]);
    const rest = await pullAll(t, lead, cursor, 2000);
    seen.push(...rest.changes.map((c) => c.row.id));
    expect(seen.filter((id) => id === 'w1' || id === 'w2').sort()).toEqual(['w1', 'w2']);
  });

  it('misses nothing while many writers commit concurrently with a puller', async () => {
    const customer = await addCustomer(t.db);
    const conv = await addConversation(t.db, { customerId: customer, teamId: 'A' });
    let cursor = (await pullAll(t, lead, 0, 2000)).cursor;
    const written: string[] = [];
    const seen = new Set<string>();
    const writers = Array.from({ length: 40 }, (_, i) =>
      t.db.write(async (tx) => {
        const id = `cw${i}`;
        await tx.query(`INSERT INTO messages (id, conversation_id, kind, author_name, body) VALUES ($1, $2, 'customer', 'x', 'y')`, [id, conv]);
        await new Promise((r) => setTimeout(r, (i * 7) % 13));
        written.push(id);
      }),
    );
    let done = false;
    const all = Promise.all(writers).then(() => (done = true));
    while (!done) {
      const r = await pull(t.db, lead, { cursor, limit: 5 });
      for (const c of r.changes) if (c.table === 'messages') seen.add(c.row.id);
      cursor = r.cursor;
    }
    await all;
    const rest = await pullAll(t, lead, cursor, 5);
    for (const c of rest.changes) if (c.table === 'messages') seen.add(c.row.id);
    expect([...seen].filter((id) => id.startsWith('cw')).sort()).toEqual([...written].sort());
  });
});
