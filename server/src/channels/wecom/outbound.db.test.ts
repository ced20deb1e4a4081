import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app';
import { acceptInbound } from '../../pipeline/inbound';
import { addTeam } from '../../testing/fixtures';
import { createTestDb, type TestDb } from '../../testing/test-db';
import { testDeps } from '../../testing/test-server';
import { OutboundDeliveries } from '../deliveries';
import { receiptId } from '../receipts';
import { addAgentReply, type Sandbox, type SandboxRequest, type SandboxResponse, silentLog, startSandbox } from '../testing';
import type { WecomConfig } from './config';
import { WecomSender } from './outbound';
import { WECOM_CALLBACK_PATH, wecomRoutes } from './routes';
import { wecomCallback } from './testing';

const CORP_ID = 'ww1436e0e65a779aee';
const SECRET = 'sandbox-corp-secret';

/**
 * The part of the WeChat Work API the sender uses: gettoken and message/send, answering
 * with errcode/errmsg, tokens that can be expired, and failures the test scripts.
 */
class WecomApi {
  issued = 0;
  valid = new Set<string>();
  delivered: Array<{ touser: string; agentid: number; content: string }> = [];
  nextErrors: number[] = [];
  errorFor = new Map<string, number>();
  unknownUsers = new Set<string>();

  handle = (req: SandboxRequest): SandboxResponse => {
    if (req.url.pathname === '/cgi-bin/gettoken') {
      if (req.url.searchParams.get('corpid') !== CORP_ID || req.url.searchParams.get('corpsecret') !== SECRET) {
        return { json: { errcode: 40001, errmsg: 'invalid credential' } };
      }
      const token = `wecom-token-${++this.issued}`;
      this.valid.add(token);
      return { json: { errcode: 0, errmsg: 'ok', access_token: token, expires_in: 7200 } };
    }
    if (req.url.pathname === '/cgi-bin/message/send' && req.method === 'POST') {
      if (!this.valid.has(req.url.searchParams.get('access_token') ?? '')) return { json: { errcode: 42001, errmsg: 'access_token expired' } };
      const m = req.json as { touser: string; msgtype: string; agentid: number; text: { content: string } };
      const errcode = this.nextErrors.shift() ?? this.errorFor.get(m.touser);
      if (errcode !== undefined) return { json: { errcode, errmsg: 'scripted failure' } };
      if (m.msgtype !== 'text' || typeof m.agentid !== 'number' || !m.text?.content) return { json: { errcode: 40008, errmsg: 'invalid message type' } };
      if (this.unknownUsers.has(m.touser)) return { json: { errcode: 0, errmsg: 'ok', invaliduser: m.touser, msgid: '' } };
      this.delivered.push({ touser: m.touser, agentid: m.agentid, content: m.text.content });
      return { json: { errcode: 0, errmsg: 'ok', invaliduser: '', msgid: `msg-${this.delivered.length}` } };
    }
    return { status: 404, json: { errcode: 404, errmsg: 'no such api' } };
  };
}

describe('WeChat Work replies through message/send', () => {
  let t: TestDb;
  let sandbox: Sandbox;
  let api: WecomApi;
  let config: WecomConfig;
  let n = 0;

  beforeAll(async () => {
    t = await createTestDb();
    await addTeam(t.db, 'G', 'general');
    api = new WecomApi();
    sandbox = await startSandbox((req) => api.handle(req));
    config = { token: 'tok', encodingAesKey: 'a'.repeat(43), corpId: CORP_ID, agentId: '1000002', secret: SECRET, apiBaseUrl: sandbox.baseUrl };
  });
  afterEach(() => {
    api.delivered = [];
    api.nextErrors = [];
  });
  afterAll(async () => {
    await sandbox.close();
    await t.dispose();
  });

  const engineFor = (sender = new WecomSender(config)) => new OutboundDeliveries(t.db, sender, silentLog);
  const customerWrites = async (user: string) =>
    (await acceptInbound(t.db, { channel: 'wecom', externalMessageId: receiptId(user, String(++n)), externalUserId: user, customerName: user, body: '在吗' }))
      .conversationId;
  const statusOf = async (id: string) =>
    (await t.db.query<{ status: string; attempts: number }>('SELECT status, attempts FROM outbound_deliveries WHERE message_id = $1', [id])).rows[0];

  it('sends an agent reply to the user who wrote, once, with one token for many replies', async () => {
    const sender = new WecomSender(config);
    const conv = await customerWrites('zhangsan');
    const a = await addAgentReply(t.db, conv, '您好，订单已补发');
    const b = await addAgentReply(t.db, conv, '请查收');
    const issuedBefore = api.issued;
    await Promise.all([engineFor(sender).run(conv), engineFor(sender).run(null)]);
    await engineFor(sender).run(null);
    expect(api.delivered).toEqual([
      { touser: 'zhangsan', agentid: 1000002, content: '您好，订单已补发' },
      { touser: 'zhangsan', agentid: 1000002, content: '请查收' },
    ]);
    expect(api.issued - issuedBefore).toBe(1);
    expect(await statusOf(a)).toEqual({ status: 'sent', attempts: 1 });
    expect(await statusOf(b)).toEqual({ status: 'sent', attempts: 1 });
  });

  it('fetches a new token once when WeChat Work says the cached one expired', async () => {
    const sender = new WecomSender(config);
    const conv = await customerWrites('lisi');
    await addAgentReply(t.db, conv, '第一条');
    await engineFor(sender).run(conv);
    const issuedBefore = api.issued;
    api.valid.clear(); // expired on WeChat Work's side before our cache thinks so
    const second = await addAgentReply(t.db, conv, '第二条');
    await engineFor(sender).run(conv);
    expect(api.issued - issuedBefore).toBe(1);
    expect(api.delivered.map((d) => d.content)).toEqual(['第一条', '第二条']);
    expect(await statusOf(second)).toEqual({ status: 'sent', attempts: 1 });
  });

  it('retries when WeChat Work is busy and gives up on a refused recipient', async () => {
    const engine = engineFor();
    const busy = await addAgentReply(t.db, await customerWrites('wangwu'), '稍等');
    api.nextErrors = [-1];
    await engine.run(null);
    expect(await statusOf(busy)).toEqual({ status: 'retry', attempts: 1 });
    await engine.run(null);
    expect(await statusOf(busy)).toEqual({ status: 'sent', attempts: 2 });

    api.unknownUsers.add('left-the-company');
    const refused = await addAgentReply(t.db, await customerWrites('left-the-company'), '您好');
    const badRequest = await addAgentReply(t.db, await customerWrites('zhaoliu'), '您好');
    api.errorFor.set('zhaoliu', 40003);
    await engine.run(null);
    await engine.run(null);
    const errorOf = async (id: string) =>
      (await t.db.query<{ status: string; last_error: string }>('SELECT status, last_error FROM outbound_deliveries WHERE message_id = $1', [id])).rows[0];
    expect(await errorOf(refused)).toEqual({ status: 'failed', last_error: 'WeChat Work refused recipient left-the-company (invaliduser)' });
    expect(await errorOf(badRequest)).toEqual({ status: 'failed', last_error: 'WeChat Work message/send errcode 40003: scripted failure' });
  });

  it('keeps replies pending while the secret is wrong, without leaking it', async () => {
    const engine = engineFor(new WecomSender({ ...config, secret: 'wrong-secret' }));
    const reply = await addAgentReply(t.db, await customerWrites('sunqi'), '您好');
    await engine.run(null);
    const { rows } = await t.db.query<{ status: string; last_error: string }>('SELECT status, last_error FROM outbound_deliveries WHERE message_id = $1', [reply]);
    expect(rows[0]).toEqual({ status: 'retry', last_error: 'WeChat Work gettoken errcode 40001: invalid credential' });
    expect(JSON.stringify(rows)).not.toContain('wrong-secret');
  });

  it('closes the loop in the running plugin: a callback comes in, the agent’s reply goes out', async () => {
    const deps = testDeps(t.db);
    const app = await buildApp(deps, [wecomRoutes(deps, config)]);
    try {
      await app.ready();
      const cb = wecomCallback(config, {
        ToUserName: CORP_ID,
        FromUserName: 'loop-user',
        CreateTime: 1700000000,
        MsgType: 'text',
        Content: '卡密无效',
        MsgId: 777,
        AgentID: 1000002,
      });
      const res = await app.inject({ method: 'POST', url: WECOM_CALLBACK_PATH, query: cb.query, payload: cb.body, headers: { 'content-type': 'text/xml' } });
      expect(res.body).toBe('success');
      const { rows } = await t.db.query<{ conversation_id: string }>(
        `SELECT m.conversation_id FROM inbound_receipts r JOIN messages m ON m.id = r.message_id WHERE r.channel = 'wecom' AND r.external_id = 'loop-user#777'`,
      );
      await addAgentReply(t.db, rows[0]?.conversation_id ?? '', '已为您换一张新卡');
      // The plugin's own sweep may also send what earlier tests left pending; this reply must be among it.
      await expect.poll(() => api.delivered, { timeout: 5000 }).toContainEqual({ touser: 'loop-user', agentid: 1000002, content: '已为您换一张新卡' });
    } finally {
      await app.close();
    }
  });
});
