import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Db, openPglite } from '../db/db';
import { migrate } from '../db/migrate';
import { addConversation, addCustomer } from '../testing/fixtures';
import { createTestDb, TEST_PG_URL } from '../testing/test-db';
import { appendEvent } from './store';
import { appendWorkspaceEvent } from './workspace';

const CLI = fileURLToPath(new URL('./verify-cli.ts', import.meta.url));

/**
 * A database the CLI can open from another process, the way an operator would: a throwaway
 * PostgreSQL database by URL, or a PGlite folder (one process at a time, so `use` closes it
 * again before the CLI runs).
 */
interface CliDb {
  env: Record<string, string>;
  use<T>(fn: (db: Db) => Promise<T>): Promise<T>;
  dispose(): Promise<void>;
}

async function cliDb(): Promise<CliDb> {
  if (process.env.KADESK_TEST_DB === 'postgres') {
    const t = await createTestDb();
    const { rows } = await t.db.query<{ name: string }>('SELECT current_database() AS name');
    const url = new URL(TEST_PG_URL);
    url.pathname = `/${rows[0]!.name}`;
    return { env: { DATABASE_URL: url.toString() }, use: (fn) => fn(t.db), dispose: () => t.dispose() };
  }
  const dir = mkdtempSync(join(tmpdir(), 'kadesk-audit-'));
  const use = async <T>(fn: (db: Db) => Promise<T>): Promise<T> => {
    const db = await openPglite(dir);
    try {
      return await fn(db);
    } finally {
      await db.close();
    }
  };
  await use((db) => migrate(db));
  return { env: { DATABASE_URL: '', KADESK_DATA_DIR: dir }, use, dispose: async () => rmSync(dir, { recursive: true, force: true }) };
}

function runCli(env: Record<string, string>, ...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', CLI, ...args], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status, json: r.stdout ? JSON.parse(r.stdout) : null, stderr: r.stderr };
}

describe('audit verify CLI', () => {
  let c: CliDb;
  let good: string;
  let bad: string;

  beforeAll(async () => {
    c = await cliDb();
    const ticketWithTwoEvents = async (db: Db) => {
      const ticketId = await addConversation(db, { customerId: await addCustomer(db), teamId: null });
      for (const type of ['ticket.created', 'message.agent']) {
        await db.write((tx) => appendEvent(tx, { ticketId, actor: { kind: 'system', id: null }, type, data: {} }));
      }
      return ticketId;
    };
    [good, bad] = await c.use(async (db) => {
      for (const capacity of [4, 6]) {
        const data = { agentId: 'A1', from: { capacity: capacity - 1 }, to: { capacity } };
        await db.write((tx) => appendWorkspaceEvent(tx, { actor: { kind: 'agent', id: 'SUP1' }, type: 'agent.updated', data }));
      }
      return [await ticketWithTwoEvents(db), await ticketWithTwoEvents(db)];
    });
  });
  afterAll(() => c.dispose());

  it('prints intact chains and exits 0', () => {
    const all = runCli(c.env, '--all');
    expect(all.code).toBe(0);
    expect(all.json.ok).toBe(true);
    expect(all.json.tickets.map((v: { ticketId: string }) => v.ticketId).sort()).toEqual([good, bad].sort());
    expect(all.json.workspace).toMatchObject({ chain: 'workspace', ok: true, events: 2 });
    expect(runCli(c.env, good).json).toMatchObject({ ok: true, tickets: [{ ticketId: good, ok: true, events: 2 }] });
    expect(runCli(c.env, '--workspace')).toMatchObject({ code: 0, json: { ok: true, tickets: [], workspace: { ok: true, events: 2 } } });
  });

  it('exits 1 and names the break once a chain is tampered with', async () => {
    await c.use((db) =>
      db.write(async (tx) => {
        await tx.query('ALTER TABLE ticket_events DISABLE TRIGGER ticket_events_append_only');
        await tx.query(`UPDATE ticket_events SET type = 'note' WHERE ticket_id = $1 AND seq = 2`, [bad]);
        await tx.query('ALTER TABLE ticket_events ENABLE TRIGGER ticket_events_append_only');
      }),
    );
    const all = runCli(c.env, '--all');
    expect(all.code).toBe(1);
    expect(all.json.tickets).toContainEqual({ ticketId: bad, ok: false, events: 2, seq: 2, reason: 'changed', detail: expect.any(String) });
    expect(all.json.tickets).toContainEqual(expect.objectContaining({ ticketId: good, ok: true }));
  });

  it('exits 1 once a recorded change to an agent is altered', async () => {
    await c.use((db) =>
      db.write(async (tx) => {
        await tx.query('ALTER TABLE workspace_events DISABLE TRIGGER workspace_events_append_only');
        await tx.query(`UPDATE workspace_events SET data = jsonb_set(data, '{to,capacity}', '60') WHERE seq = 1`);
        await tx.query('ALTER TABLE workspace_events ENABLE TRIGGER workspace_events_append_only');
      }),
    );
    const workspace = runCli(c.env, '--workspace');
    expect(workspace.code).toBe(1);
    expect(workspace.json.workspace).toEqual({ chain: 'workspace', ok: false, events: 2, seq: 1, reason: 'changed', detail: expect.any(String) });
    expect(runCli(c.env, '--all')).toMatchObject({ code: 1, json: { ok: false, workspace: { ok: false, seq: 1 } } });
    // A ticket's own check does not look at the workspace chain.
    expect(runCli(c.env, good).code).toBe(0);
  });

  it('exits 2 on bad arguments', () => {
    const r = runCli(c.env);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/usage/);
    expect(runCli(c.env, '--everything').code).toBe(2);
  });
});
