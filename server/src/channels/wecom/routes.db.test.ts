import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app';
import type { Db } from '../../db/db';
import { addTeam } from '../../testing/fixtures';
import { createTestDb, type TestDb } from '../../testing/test-db';
import { testDeps } from '../../testing/test-server';
import type { WecomConfig } from './config';
import { WECOM_CALLBACK_PATH, wecomRoutes } from './routes';
import { wecomCallback } from './testing';

// The official WeChat Work callback sample (weworkapi_python, callback/Sample.py).
const config: WecomConfig = {
  token: 'hJqcu3uJ9Tn2gXPmxx2w9kkCkCE2EPYo',
  encodingAesKey: '6qkdMrq68nTKduznJYO1A37W2oEgpkMUvkttRToqhUt',
  corpId: 'ww1436e0e65a779aee',
  agentId: '1000002',
  secret: 'not-used-here',
  // Nothing is sent in these tests; a closed loopback port makes sure of it.
  apiBaseUrl: 'http://127.0.0.1:9',
};
const URL_CHECK = {
  msg_signature: '012bc692d0a58dd4b10f8dfe5c4ac00ae211ebeb',
  timestamp: '1476416373',
  nonce: '47744683',
  echostr: 'fsi1xnbH4yQh0+PJxcOdhhK6TDXkjMyhEPA7xB2TGz6b+g7xyAbEkRxN/3cNXW9qdqjnoVzEtpbhnFyq6SVHyA==',
};
const SAMPLE_QUERY = { msg_signature: '0c3914025cb4b4d68103f6bfc8db550f79dcf48e', timestamp: '1476422779', nonce: '1597212914' };
const SAMPLE_BODY =
  '<xml><ToUserName><![CDATA[ww1436e0e65a779aee]]></ToUserName>\n<Encrypt><![CDATA[Kl7kjoSf6DMD1zh7rtrHjFaDapSCkaOnwu3bqLc5tAybhhMl9pFeK8NslNPVdMwmBQTNoW4mY7AIjeLvEl3NyeTkAgGzBhzTtRLNshw2AEew+kkYcD+Fq72Kt00fT0WnN87hGrW8SqGc+NcT3mu87Ha3dz1pSDi6GaUA6A0sqfde0VJPQbZ9U+3JWcoD4Z5jaU0y9GSh010wsHF8KZD24YhmZH4ch4Ka7ilEbjbfvhKkNL65HHL0J6EYJIZUC2pFrdkJ7MhmEbU2qARR4iQHE7wy24qy0cRX3Mfp6iELcDNfSsPGjUQVDGxQDCWjayJOpcwocugux082f49HKYg84EpHSGXAyh+/oxwaWbvL6aSDPOYuPDGOCI8jmnKiypE+]]></Encrypt>\n<AgentID><![CDATA[1000002]]></AgentID>\n</xml>';

const callback = (message: Record<string, string | number>, receiveId?: string) => wecomCallback(config, message, receiveId);

const textFrom = (user: string, msgId: number, content: string) => ({
  ToUserName: config.corpId,
  FromUserName: user,
  CreateTime: 1700000000,
  MsgType: 'text',
  Content: content,
  MsgId: msgId,
  AgentID: 1000002,
});

async function counts(db: Db) {
  const { rows } = await db.query<{ messages: number; customers: number }>(
    'SELECT (SELECT count(*)::int FROM messages) AS messages, (SELECT count(*)::int FROM customers) AS customers',
  );
  return rows[0];
}

describe('WeChat Work callback routes', () => {
  let t: TestDb;
  let app: FastifyInstance;
  const post = (c: { query: Record<string, string>; body: string }, contentType = 'text/xml') =>
    app.inject({ method: 'POST', url: WECOM_CALLBACK_PATH, query: c.query, payload: c.body, headers: { 'content-type': contentType } });

  beforeAll(async () => {
    t = await createTestDb();
    await addTeam(t.db, 'G', 'general');
    const deps = testDeps(t.db);
    app = await buildApp(deps, [wecomRoutes(deps, config)]);
  });
  afterAll(async () => {
    await app.close();
    await t.dispose();
  });

  it('answers the official URL check with the decrypted echostr', async () => {
    // WeChat Work URL-encodes the query; '+' and '/' must survive.
    const qs = new URLSearchParams(URL_CHECK).toString();
    const res = await app.inject({ method: 'GET', url: `${WECOM_CALLBACK_PATH}?${qs}` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.body).toBe('1288432023552776189');
  });

  it('refuses a URL check with a wrong signature', async () => {
    const res = await app.inject({ method: 'GET', url: WECOM_CALLBACK_PATH, query: { ...URL_CHECK, nonce: '47744684' } });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('invalid_signature');
  });

  it('stores the official sample message once, however often it is delivered', async () => {
    const before = await counts(t.db);
    const sample = { query: SAMPLE_QUERY, body: SAMPLE_BODY };
    for (const contentType of ['text/xml', 'text/xml; charset=utf-8']) {
      const res = await post(sample, contentType);
      expect(res.statusCode).toBe(200);
      expect(res.body).toBe('success');
    }
    expect(await counts(t.db)).toEqual({ messages: (before?.messages ?? 0) + 1, customers: (before?.customers ?? 0) + 1 });
    const { rows } = await t.db.query<{ body: string; channel: string; external_id: string; identity: string }>(
      `SELECT m.body, c.channel, r.external_id, ci.external_id AS identity
         FROM inbound_receipts r JOIN messages m ON m.id = r.message_id JOIN conversations c ON c.id = m.conversation_id
         JOIN customer_identities ci ON ci.customer_id = c.customer_id
        WHERE r.channel = 'wecom' AND r.external_id = 'ChenJiaShun#1456453720'`,
    );
    expect(rows).toEqual([{ body: '你好', channel: 'wecom', external_id: 'ChenJiaShun#1456453720', identity: 'ChenJiaShun' }]);
  });

  it('turns media into readable placeholders and threads them into the open ticket', async () => {
    await post(callback(textFrom('zhangsan', 9001, '我的点卡没到账')));
    await post(callback({ ...textFrom('zhangsan', 9002, ''), MsgType: 'image', PicUrl: 'http://example.invalid/p.jpg', MediaId: 'm1' }));
    const { rows } = await t.db.query<{ body: string }>(
      `SELECT m.body FROM messages m JOIN conversations c ON c.id = m.conversation_id
         JOIN customer_identities ci ON ci.customer_id = c.customer_id
        WHERE ci.channel = 'wecom' AND ci.external_id = 'zhangsan' ORDER BY m.created_at, m.id`,
    );
    expect(rows.map((r) => r.body)).toEqual(['我的点卡没到账', '[图片]']);
    const convs = await t.db.query(`SELECT DISTINCT c.id FROM conversations c JOIN customer_identities ci ON ci.customer_id = c.customer_id WHERE ci.external_id = 'zhangsan'`);
    expect(convs.rows).toHaveLength(1);
  });

  it('acknowledges events and other apps’ messages without storing them', async () => {
    const before = await counts(t.db);
    const event = { ToUserName: config.corpId, FromUserName: 'lisi', CreateTime: 1700000000, MsgType: 'event', Event: 'enter_agent', AgentID: 1000002 };
    const otherApp = { ...textFrom('lisi', 9100, 'hi'), AgentID: 1000003 };
    for (const m of [event, otherApp]) {
      const res = await post(callback(m));
      expect(res.statusCode).toBe(200);
      expect(res.body).toBe('success');
    }
    expect(await counts(t.db)).toEqual(before);
  });

  it('refuses forged, foreign, malformed and oversized callbacks and stores nothing', async () => {
    const before = await counts(t.db);
    const good = callback(textFrom('wangwu', 9200, '伪造'));
    const cases: Array<[Promise<{ statusCode: number; json(): { error: { code: string } } }>, number, string]> = [
      [post({ ...good, query: { ...good.query, msg_signature: '0'.repeat(40) } }), 403, 'invalid_signature'],
      [post({ ...good, query: { ...good.query, timestamp: String(Number(good.query.timestamp) + 1) } }), 403, 'invalid_signature'],
      [post({ query: SAMPLE_QUERY, body: SAMPLE_BODY.replace('Kl7kjo', 'Kl7kjp') }), 403, 'invalid_signature'],
      [post(callback(textFrom('wangwu', 9201, '别家企业'), 'ww0000000000000000')), 403, 'undecryptable'],
      [post({ ...good, body: '<xml><Encrypt>' }), 400, 'malformed_xml'],
      [post({ ...good, body: '<xml><ToUserName>x</ToUserName></xml>' }), 400, 'malformed_xml'],
      [post({ ...good, body: '<!DOCTYPE xml [<!ENTITY e SYSTEM "file:///etc/passwd">]><xml><Encrypt>&e;</Encrypt></xml>' }), 400, 'malformed_xml'],
      [post(callback({ MsgType: 'text', Content: 'no sender', AgentID: 1000002 })), 400, 'malformed_xml'],
      [post({ ...good, body: JSON.stringify({ Encrypt: 'x' }) }, 'application/json'), 415, 'unsupported_media_type'],
      [post({ ...good, body: `<xml><Encrypt>${'A'.repeat(70_000)}</Encrypt></xml>` }), 413, 'body_too_large'],
      [app.inject({ method: 'POST', url: WECOM_CALLBACK_PATH, payload: good.body, headers: { 'content-type': 'text/xml' } }), 400, 'invalid_request'],
    ];
    for (const [pending, status, code] of cases) {
      const res = await pending;
      expect({ status: res.statusCode, code: res.json().error.code }).toEqual({ status, code });
    }
    expect(await counts(t.db)).toEqual(before);
  });
});
