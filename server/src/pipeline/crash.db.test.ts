import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../../test/e2e/server';
import { WECOM_CALLBACK_PATH } from '../channels/wecom/routes';
import { wecomCallback } from '../channels/wecom/testing';
import { type Db, openPglite } from '../db/db';
import { migrate } from '../db/migrate';
import { createTestDb, type TestDb } from '../testing/test-db';

// A WeChat Work app with made-up credentials; replies go nowhere (a closed loopback port).
const WECOM = { token: 'KadeskCrashTest1', encodingAesKey: 'a'.repeat(43), corpId: 'wwkadeskcrash', agentId: '1000002' };
const WECOM_ENV = {
  KADESK_WECOM_TOKEN: WECOM.token,
  KADESK_WECOM_ENCODING_AES_KEY: WECOM.encodingAesKey,
  KADESK_WECOM_CORP_ID: WECOM.corpId,
  KADESK_WECOM_AGENT_ID: WECOM.agentId,
  KADESK_WECOM_SECRET: 'unused',
  KADESK_WECOM_API_BASE: 'http://127.0.0.1:9',
};
const BODY = '我买的王者荣耀点卡显示已使用但没到账，订单号 DD202611220001';

const wecomPost = (from: string, msgId: number, body = BODY) => {
  const callback = wecomCallback(WECOM, {
    ToUserName: WECOM.corpId,
    FromUserName: from,
    CreateTime: 1700000000,
    MsgType: 'text',
    Content: body,
    MsgId: msgId,
    AgentID: Number(WECOM.agentId),
  });
  return (url: string, signal?: AbortSignal) =>
    fetch(`${url}${WECOM_CALLBACK_PATH}?${new URLSearchParams(callback.query)}`, {
      method: 'POST',
      headers: { 'content-type': 'text/xml' },
      body: callback.body,
      signal,
    });
};

async function healthy(url: string): Promise<{ inbound: { queued: number } } | null> {
  try {
    const res = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(1000) });
    return (await res.json()) as { inbound: { queued: number } };
  } catch {
    return null;
  }
}

async function waitFor(check: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * A data folder (PGlite) or a throwaway PostgreSQL database for servers started and killed
 * by one test, and a way to read it while no server holds it (PGlite allows one process).
 */
function crashSite(prefix: string) {
  const site = {
    t: null as TestDb | null,
    dataDir: '',
    env: {} as Record<string, string>,
    async withDb<T>(fn: (db: Db) => Promise<T>): Promise<T> {
      if (site.t) return fn(site.t.db);
      const db = await openPglite(site.dataDir);
      try {
        await migrate(db);
        return await fn(db);
      } finally {
        await db.close();
      }
    },
  };
  beforeAll(async () => {
    site.dataDir = mkdtempSync(join(tmpdir(), prefix));
    site.env = { ...WECOM_ENV, KADESK_DEMO: '0', KADESK_SWEEP_MS: '200' };
    if (process.env.KADESK_TEST_DB === 'postgres') {
      site.t = await createTestDb();
      site.env.DATABASE_URL = site.t.url!;
    }
  });
  afterAll(async () => {
    await site.t?.dispose();
    rmSync(site.dataDir, { recursive: true, force: true });
  });
  return site;
}

/**
 * The real server process dies (SIGKILL) after it has told WeChat Work "success" but before
 * it processed the message. The next start must store that message, once.
 */
describe('a server killed between intake and processing', () => {
  const site = crashSite('kadesk-crash-');

  it('processes the queued message exactly once after a restart, and a platform retry changes nothing', async () => {
    const post = wecomPost('crash-user-1', 7654321);

    const intakeOnly = await startServer({ dataDir: site.dataDir, env: { ...site.env, KADESK_PIPELINE: 'intake' } });
    const res = await post(intakeOnly.url);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('success');
    const health = (await (await fetch(`${intakeOnly.url}/api/health`)).json()) as { inbound: { queued: number } };
    expect(health.inbound.queued).toBe(1);
    await intakeOnly.kill();

    expect(
      await site.withDb(async (db) => ({
        queued: (await db.query(`SELECT status FROM inbound_queue`)).rows,
        messages: (await db.query('SELECT count(*)::int AS n FROM messages')).rows[0],
      })),
    ).toEqual({ queued: [{ status: 'queued' }], messages: { n: 0 } });

    const restarted = await startServer({ dataDir: site.dataDir, env: site.env });
    try {
      await waitFor(async () => {
        const h = (await (await fetch(`${restarted.url}/api/health`)).json()) as { inbound: { queued: number } };
        return h.inbound.queued === 0;
      }, 'the restarted server to process the queue');
      // WeChat Work retries a callback it thinks failed: same MsgId, deduplicated.
      expect(await (await post(restarted.url)).text()).toBe('success');
    } finally {
      await restarted.stop();
    }

    const after = await site.withDb(async (db) => ({
      messages: (await db.query<{ body: string }>('SELECT body FROM messages')).rows,
      conversations: (await db.query('SELECT category, order_refs FROM conversations')).rows,
      queue: (await db.query('SELECT status, attempts FROM inbound_queue')).rows,
      receipts: (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM inbound_receipts')).rows[0]!.n,
    }));
    expect(after).toEqual({
      messages: [{ body: BODY }],
      conversations: [{ category: 'delivery_delayed', order_refs: ['DD202611220001'] }],
      queue: [{ status: 'done', attempts: 0 }],
      receipts: 1,
    });
  });
});

/**
 * The real server process dies (SIGKILL) inside the processing transaction: the customer is
 * identified, the ticket classified, routed and assigned, and the conversation row is being
 * written when the process goes. A trigger installed by the test holds the pipeline there
 * (PostgreSQL sleeps; PGlite, which runs in the server's own thread, spins). Nothing of the
 * half-done work may remain, and the next start must store the message exactly once.
 */
describe('a server killed mid-pipeline, inside the processing transaction', () => {
  const site = crashSite('kadesk-crash-mid-');

  // Holds the pipeline at the conversation insert for up to a minute; the test kills the server meanwhile.
  const hold = (wait: string) => `CREATE FUNCTION kadesk_test_hold() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE started timestamptz := clock_timestamp();
    BEGIN ${wait} RETURN NEW; END $$;
    CREATE TRIGGER kadesk_test_hold BEFORE INSERT ON conversations FOR EACH ROW EXECUTE FUNCTION kadesk_test_hold();`;
  const SLEEP = 'PERFORM pg_sleep(60);';
  const SPIN = "WHILE clock_timestamp() < started + interval '60 seconds' LOOP END LOOP;";

  it('rolls back everything the pipeline had done, and the restarted server stores the message once', async () => {
    await site.withDb((db) => db.exec(hold(site.t ? SLEEP : SPIN)));
    const post = wecomPost('crash-user-2', 7654322);
    const server = await startServer({ dataDir: site.dataDir, env: site.env });
    const answer = post(server.url).catch(() => null);
    const { t } = site;
    if (t) {
      // PostgreSQL: the processing transaction is asleep in the trigger; the channel was answered anyway.
      await waitFor(
        async () => (await t.db.query(`SELECT 1 FROM pg_stat_activity WHERE wait_event = 'PgSleep' AND datname = current_database()`)).rows.length > 0,
        'the pipeline to reach the conversation insert',
      );
      expect(await (await answer)?.text()).toBe('success');
    } else {
      // PGlite: the server's thread is stuck in the trigger, so it stops answering at all.
      await waitFor(async () => (await healthy(server.url)) === null && (await healthy(server.url)) === null, 'the pipeline to reach the conversation insert');
    }
    await server.kill();
    // The database side of the dead connection goes too (PostgreSQL would notice on its next write).
    await t?.db.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE wait_event = 'PgSleep' AND datname = current_database()`);

    const left = await site.withDb(async (db) => {
      const state = {
        queue: (await db.query('SELECT status FROM inbound_queue')).rows,
        customers: (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM customers')).rows[0]!.n,
        conversations: (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM conversations')).rows[0]!.n,
        messages: (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM messages')).rows[0]!.n,
        events: (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM ticket_events')).rows[0]!.n,
      };
      await db.exec('DROP TRIGGER kadesk_test_hold ON conversations; DROP FUNCTION kadesk_test_hold();');
      return state;
    });
    // Intake had committed; nothing of the processing transaction did (the customer it identified included).
    expect(left).toEqual({ queue: [{ status: 'queued' }], customers: 0, conversations: 0, messages: 0, events: 0 });

    const restarted = await startServer({ dataDir: site.dataDir, env: site.env });
    try {
      await waitFor(async () => (await healthy(restarted.url))?.inbound.queued === 0, 'the restarted server to process the queue');
      // WeChat Work retries the callback it may not have had an answer to: deduplicated by MsgId.
      expect(await (await post(restarted.url)).text()).toBe('success');
    } finally {
      await restarted.stop();
    }
    const after = await site.withDb(async (db) => ({
      messages: (await db.query<{ body: string }>('SELECT body FROM messages')).rows,
      conversations: (await db.query('SELECT category, status FROM conversations')).rows,
      queue: (await db.query('SELECT status FROM inbound_queue')).rows,
      customers: (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM customers')).rows[0]!.n,
    }));
    expect(after).toEqual({
      messages: [{ body: BODY }],
      conversations: [{ category: 'delivery_delayed', status: 'new' }],
      queue: [{ status: 'done' }],
      customers: 1,
    });
  });
});
