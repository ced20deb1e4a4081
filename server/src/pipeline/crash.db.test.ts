import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../../test/e2e/server';
import { WECOM_CALLBACK_PATH } from '../channels/wecom/routes';
import { wecomCallback } from '../channels/wecom/testing';
import { type Db, openPglite } from '../db/db';
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

async function waitFor(check: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * The real server process dies (SIGKILL) after it has told WeChat Work "success" but before
 * it processed the message. The next start must store that message, once.
 */
describe('a server killed between intake and processing', () => {
  let t: TestDb | null = null;
  let dataDir: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'kadesk-crash-'));
    env = { ...WECOM_ENV, KADESK_DEMO: '0', KADESK_SWEEP_MS: '200' };
    if (process.env.KADESK_TEST_DB === 'postgres') {
      t = await createTestDb();
      env.DATABASE_URL = t.url!;
    }
  });
  afterAll(async () => {
    await t?.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** The database as the test sees it once no server holds it (PGlite allows one process). */
  async function inspect<T>(read: (db: Db) => Promise<T>): Promise<T> {
    if (t) return read(t.db);
    const db = await openPglite(dataDir);
    try {
      return await read(db);
    } finally {
      await db.close();
    }
  }

  it('processes the queued message exactly once after a restart, and a platform retry changes nothing', async () => {
    const callback = wecomCallback(WECOM, {
      ToUserName: WECOM.corpId,
      FromUserName: 'crash-user-1',
      CreateTime: 1700000000,
      MsgType: 'text',
      Content: BODY,
      MsgId: 7654321,
      AgentID: Number(WECOM.agentId),
    });
    const post = (url: string) =>
      fetch(`${url}${WECOM_CALLBACK_PATH}?${new URLSearchParams(callback.query)}`, {
        method: 'POST',
        headers: { 'content-type': 'text/xml' },
        body: callback.body,
      });

    const intakeOnly = await startServer({ dataDir, env: { ...env, KADESK_PIPELINE: 'intake' } });
    const res = await post(intakeOnly.url);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('success');
    const health = (await (await fetch(`${intakeOnly.url}/api/health`)).json()) as { inbound: { queued: number } };
    expect(health.inbound.queued).toBe(1);
    await intakeOnly.kill();

    expect(
      await inspect(async (db) => ({
        queued: (await db.query(`SELECT status FROM inbound_queue`)).rows,
        messages: (await db.query('SELECT count(*)::int AS n FROM messages')).rows[0],
      })),
    ).toEqual({ queued: [{ status: 'queued' }], messages: { n: 0 } });

    const restarted = await startServer({ dataDir, env });
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

    const after = await inspect(async (db) => ({
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
