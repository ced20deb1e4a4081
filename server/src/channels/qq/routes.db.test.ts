import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app';
import type { Db } from '../../db/db';
import { addTeam } from '../../testing/fixtures';
import { createTestDb, type TestDb } from '../../testing/test-db';
import { testDeps } from '../../testing/test-server';
import type { QqConfig } from './config';
import { QQ_MAX_CLOCK_SKEW_S, QQ_WEBHOOK_PATH, qqRoutes } from './routes';
import { qqKeysFromSecret, qqSign, verifyEvent } from './signature';

const config: QqConfig = {
  appId: '11111111',
  secret: 'DG5g3B4j9X2KOErG',
  // Nothing is sent in these tests; a closed loopback port makes sure of it.
  apiBaseUrl: 'http://127.0.0.1:9',
  tokenUrl: 'http://127.0.0.1:9/app/getAppAccessToken',
};
// The platform signs with the key pair derived from the same bot secret.
const platformKeys = qqKeysFromSecret(config.secret);
const now = () => String(Math.floor(Date.now() / 1000));

interface Delivery {
  body: string;
  headers: Record<string, string>;
}

function signed(payload: unknown, timestamp = now()): Delivery {
  const body = JSON.stringify(payload);
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'x-bot-appid': config.appId,
      'x-signature-timestamp': timestamp,
      'x-signature-ed25519': qqSign(platformKeys, timestamp, Buffer.from(body)),
    },
  };
}

const c2c = (id: string, openid: string, content: string, attachments?: unknown[]) => ({
  id: `evt-${id}`,
  op: 0,
  t: 'C2C_MESSAGE_CREATE',
  d: { id, content, timestamp: '2026-11-22T10:00:00+08:00', author: { user_openid: openid }, ...(attachments ? { attachments } : {}) },
});

async function counts(db: Db) {
  const { rows } = await db.query<{ messages: number; customers: number }>(
    'SELECT (SELECT count(*)::int FROM messages) AS messages, (SELECT count(*)::int FROM customers) AS customers',
  );
  return rows[0];
}

async function messagesOf(db: Db, identity: string) {
  const { rows } = await db.query<{ body: string; external_id: string }>(
    `SELECT m.body, r.external_id FROM customer_identities ci
       JOIN conversations c ON c.customer_id = ci.customer_id JOIN messages m ON m.conversation_id = c.id
       JOIN inbound_receipts r ON r.message_id = m.id
      WHERE ci.channel = 'qq' AND ci.external_id = $1 ORDER BY m.created_at, m.id`,
    [identity],
  );
  return rows;
}

describe('QQ bot webhook routes', () => {
  let t: TestDb;
  let app: FastifyInstance;
  const deliver = (d: Delivery) => app.inject({ method: 'POST', url: QQ_WEBHOOK_PATH, payload: d.body, headers: d.headers });

  beforeAll(async () => {
    t = await createTestDb();
    await addTeam(t.db, 'G', 'general');
    const deps = testDeps(t.db);
    app = await buildApp(deps, [qqRoutes(deps, config)]);
  });
  afterAll(async () => {
    await app.close();
    await t.dispose();
  });

  it('answers the op 13 URL validation with a signature the platform can check', async () => {
    const res = await deliver(signed({ d: { plain_token: 'Arq0D5A61EgUu4OxUvOp', event_ts: '1725442341' }, op: 13 }));
    expect(res.statusCode).toBe(200);
    const { plain_token, signature } = res.json();
    expect(plain_token).toBe('Arq0D5A61EgUu4OxUvOp');
    // The documented answer for this secret, token and event_ts.
    expect(signature).toBe(
      '87befc99c42c651b3aac0278e71ada338433ae26fcb24307bdc5ad38c1adc2d01bcfcadc0842edac85e85205028a1132afe09280305f13aa6909ffc2d652c706',
    );
    expect(verifyEvent(platformKeys, '1725442341', Buffer.from('Arq0D5A61EgUu4OxUvOp'), signature)).toBe(true);
  });

  it('stores a private message once, however often it is delivered, and ACKs each delivery', async () => {
    const before = await counts(t.db);
    const event = c2c('ROBOT1.0_msg-1', 'E4F4AEA33253A2797FB897C50B81D7ED', '  我买的点卡显示已使用但没到账 ');
    for (let i = 0; i < 2; i++) {
      const res = await deliver(signed(event));
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ op: 12 });
    }
    expect(await counts(t.db)).toEqual({ messages: (before?.messages ?? 0) + 1, customers: (before?.customers ?? 0) + 1 });
    expect(await messagesOf(t.db, 'E4F4AEA33253A2797FB897C50B81D7ED')).toEqual([
      { body: '我买的点卡显示已使用但没到账', external_id: 'user:E4F4AEA33253A2797FB897C50B81D7ED#ROBOT1.0_msg-1' },
    ]);
  });

  it('keeps a group @mention apart from the same person’s private chat and marks it', async () => {
    const event = {
      id: 'evt-g1',
      op: 0,
      t: 'GROUP_AT_MESSAGE_CREATE',
      d: { id: 'ROBOT1.0_g-1', content: ' 客服在吗 ', group_openid: 'C9F778FE6ADF9D1D1DBE395BF744A33A', author: { member_openid: 'E4F4AEA33253A2797FB897C50B81D7ED' } },
    };
    await deliver(signed(event));
    await deliver(signed(event));
    expect(await messagesOf(t.db, 'group:C9F778FE6ADF9D1D1DBE395BF744A33A:E4F4AEA33253A2797FB897C50B81D7ED')).toEqual([
      { body: '[群@] 客服在吗', external_id: 'group:C9F778FE6ADF9D1D1DBE395BF744A33A#ROBOT1.0_g-1' },
    ]);
  });

  it('describes attachments and ACKs events that are not messages without storing them', async () => {
    await deliver(signed(c2c('ROBOT1.0_msg-2', 'AAAA0000', '', [{ content_type: 'image/png', filename: 'a.png', url: 'https://example.invalid/a.png' }])));
    expect((await messagesOf(t.db, 'AAAA0000')).map((m) => m.body)).toEqual(['[图片]']);
    const before = await counts(t.db);
    const res = await deliver(signed({ id: 'evt-f', op: 0, t: 'FRIEND_ADD', d: { openid: 'BBBB', timestamp: 1700000000 } }));
    expect(res.json()).toEqual({ op: 12 });
    expect(await counts(t.db)).toEqual(before);
  });

  it('refuses unsigned, forged, replayed, misaddressed and malformed deliveries and stores nothing', async () => {
    const before = await counts(t.db);
    const good = signed(c2c('ROBOT1.0_forged', 'CCCC0000', '伪造的消息'));
    const stale = String(Math.floor(Date.now() / 1000) - QQ_MAX_CLOCK_SKEW_S - 60);
    const noSignature = Object.fromEntries(Object.entries(good.headers).filter(([k]) => k !== 'x-signature-ed25519'));
    const cases: Array<[Delivery, number, string]> = [
      [{ ...good, headers: noSignature }, 403, 'invalid_signature'],
      [{ ...good, body: good.body.replace('伪造的消息', '改过的消息') }, 403, 'invalid_signature'],
      [{ ...good, headers: { ...good.headers, 'x-signature-ed25519': qqSign(qqKeysFromSecret('another secret'), now(), Buffer.from(good.body)) } }, 403, 'invalid_signature'],
      [signed(c2c('ROBOT1.0_old', 'CCCC0000', '旧消息'), stale), 403, 'invalid_signature'],
      [{ ...good, headers: { ...good.headers, 'x-bot-appid': '22222222' } }, 403, 'invalid_signature'],
      [signed('not an object'), 400, 'bad_request'],
      [{ ...signed({}), body: '{"op":0,' }, 403, 'invalid_signature'],
      [signed({ op: 0, t: 'C2C_MESSAGE_CREATE', d: { content: 'no id or author' } }), 400, 'bad_request'],
      [signed({ op: 13, d: { plain_token: '{"op":0}', event_ts: '1' } }), 400, 'bad_request'],
      [{ ...good, headers: { ...good.headers, 'content-type': 'text/plain' } }, 415, 'unsupported_media_type'],
      [signed({ op: 0, t: 'C2C_MESSAGE_CREATE', d: { id: 'x', content: 'y'.repeat(300_000), author: { user_openid: 'DDDD' } } }), 413, 'body_too_large'],
    ];
    for (const [delivery, status, code] of cases) {
      const res = await deliver(delivery);
      expect({ status: res.statusCode, code: res.json().error.code }).toEqual({ status, code });
    }
    // A body that is not JSON, signed as it stands, is the sender's mistake rather than a forgery.
    const raw = '{"op":0,';
    const ts = now();
    const res = await deliver({
      body: raw,
      headers: { 'content-type': 'application/json', 'x-signature-timestamp': ts, 'x-signature-ed25519': qqSign(platformKeys, ts, Buffer.from(raw)) },
    });
    expect(res.statusCode).toBe(400);
    expect(await counts(t.db)).toEqual(before);
  });
});
