import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { InboundMessage } from '../../pipeline/inbound';
import { acceptInbound } from '../../pipeline/inbound';
import { addTeam } from '../../testing/fixtures';
import { createTestDb, type TestDb } from '../../testing/test-db';
import { OutboundDeliveries } from '../deliveries';
import { addAgentReply, type Sandbox, type SandboxRequest, type SandboxResponse, silentLog, startSandbox } from '../testing';
import type { QqConfig } from './config';
import { qqInbound } from './events';
import { QqSender } from './outbound';

const APP_ID = '11111111';
const SECRET = 'DG5g3B4j9X2KOErG';
const TOKEN_PATH = '/app/getAppAccessToken';

interface Reply {
  path: string;
  content: string;
  msg_id: string;
  msg_seq: number;
}

/**
 * The part of the QQ bot API the sender uses: getAppAccessToken (expires_in as a string),
 * QQBot authorization, passive replies that must name a received message, at most five
 * replies a message, and refusal of a repeated (msg_id, msg_seq).
 */
class QqApi {
  issued = 0;
  valid = new Set<string>();
  received = new Set<string>();
  replies: Reply[] = [];
  failNext: SandboxResponse | null = null;

  handle = (req: SandboxRequest): SandboxResponse => {
    if (req.url.pathname === TOKEN_PATH) {
      const { appId, clientSecret } = req.json as { appId?: string; clientSecret?: string };
      if (appId !== APP_ID || clientSecret !== SECRET) return { json: { code: 100016, message: 'invalid appid or secret' } };
      const token = `qq-token-${++this.issued}`;
      this.valid.add(token);
      return { json: { access_token: token, expires_in: '7200' } };
    }
    const target = /^\/v2\/(users|groups)\/([A-Za-z0-9_-]+)\/messages$/.exec(req.url.pathname);
    if (!target || req.method !== 'POST') return { status: 404, json: { code: 404, message: 'not found' } };
    const token = /^QQBot (.+)$/.exec(String(req.headers.authorization))?.[1];
    if (!token || !this.valid.has(token)) return { status: 401, json: { code: 11244, message: 'token not exist or expire' } };
    if (this.failNext) {
      const failure = this.failNext;
      this.failNext = null;
      return failure;
    }
    const m = req.json as { content: string; msg_type: number; msg_id: string; msg_seq: number };
    if (m.msg_type !== 0 || !m.content) return { status: 400, json: { code: 40034001, message: 'invalid message' } };
    if (!this.received.has(`${target[1]}/${target[2]}/${m.msg_id}`)) return { status: 400, json: { code: 40034005, message: 'passive reply expired or unknown msg_id' } };
    if (this.replies.some((r) => r.msg_id === m.msg_id && r.msg_seq === m.msg_seq)) {
      return { status: 400, json: { code: 40054005, message: '消息被去重，请检查请求msgseq' } };
    }
    if (this.replies.filter((r) => r.msg_id === m.msg_id).length >= 5) return { status: 400, json: { code: 22009, message: 'msg limit exceed' } };
    this.replies.push({ path: req.url.pathname, content: m.content, msg_id: m.msg_id, msg_seq: m.msg_seq });
    return { json: { id: `sent-${this.replies.length}`, timestamp: 1700000000 } };
  };
}

describe('QQ replies through the bot OpenAPI', () => {
  let t: TestDb;
  let sandbox: Sandbox;
  let api: QqApi;
  let config: QqConfig;

  beforeAll(async () => {
    t = await createTestDb();
    await addTeam(t.db, 'G', 'general');
    api = new QqApi();
    sandbox = await startSandbox((req) => api.handle(req));
    config = { appId: APP_ID, secret: SECRET, apiBaseUrl: sandbox.baseUrl, tokenUrl: `${sandbox.baseUrl}${TOKEN_PATH}` };
  });
  afterEach(() => {
    api.replies = [];
  });
  afterAll(async () => {
    await sandbox.close();
    await t.dispose();
  });

  /** A customer message as the webhook would accept it; QQ now knows it can be replied to. */
  async function received(event: 'C2C_MESSAGE_CREATE' | 'GROUP_AT_MESSAGE_CREATE', d: Record<string, unknown>) {
    const inbound = qqInbound(event, d) as InboundMessage;
    const where = event === 'C2C_MESSAGE_CREATE' ? `users/${(d.author as { user_openid: string }).user_openid}` : `groups/${d.group_openid as string}`;
    api.received.add(`${where}/${d.id as string}`);
    return (await acceptInbound(t.db, inbound)).conversationId;
  }
  const privately = (id: string, openid: string) => received('C2C_MESSAGE_CREATE', { id, content: '在吗', author: { user_openid: openid } });

  it('answers a private message passively, numbering replies, and a new message restarts the count', async () => {
    const engine = new OutboundDeliveries(t.db, new QqSender(config), silentLog);
    const conv = await privately('ROBOT1.0_p1', 'OPENID1');
    await addAgentReply(t.db, conv, '您好');
    await addAgentReply(t.db, conv, '请提供订单号');
    await engine.run(null);
    await privately('ROBOT1.0_p2', 'OPENID1');
    await addAgentReply(t.db, conv, '已补发');
    await engine.run(null);
    expect(api.replies).toEqual([
      { path: '/v2/users/OPENID1/messages', content: '您好', msg_id: 'ROBOT1.0_p1', msg_seq: 1 },
      { path: '/v2/users/OPENID1/messages', content: '请提供订单号', msg_id: 'ROBOT1.0_p1', msg_seq: 2 },
      { path: '/v2/users/OPENID1/messages', content: '已补发', msg_id: 'ROBOT1.0_p2', msg_seq: 1 },
    ]);
  });

  it('answers a group @mention in the group', async () => {
    const engine = new OutboundDeliveries(t.db, new QqSender(config), silentLog);
    const conv = await received('GROUP_AT_MESSAGE_CREATE', {
      id: 'ROBOT1.0_g1',
      content: ' 客服在吗',
      group_openid: 'GROUP1',
      author: { member_openid: 'MEMBER1' },
    });
    await addAgentReply(t.db, conv, '在的，请讲');
    await engine.run(null);
    expect(api.replies).toEqual([{ path: '/v2/groups/GROUP1/messages', content: '在的，请讲', msg_id: 'ROBOT1.0_g1', msg_seq: 1 }]);
  });

  it('gets a new token once when QQ rejects the cached one', async () => {
    const sender = new QqSender(config);
    const engine = new OutboundDeliveries(t.db, sender, silentLog);
    const conv = await privately('ROBOT1.0_t1', 'OPENID2');
    await addAgentReply(t.db, conv, '一');
    await engine.run(null);
    const issuedBefore = api.issued;
    api.valid.clear();
    await addAgentReply(t.db, conv, '二');
    await engine.run(null);
    expect(api.issued - issuedBefore).toBe(1);
    expect(api.replies.map((r) => [r.content, r.msg_seq])).toEqual([
      ['一', 1],
      ['二', 2],
    ]);
  });

  it('takes QQ’s duplicate refusal of a resent reply as already delivered', async () => {
    const engine = new OutboundDeliveries(t.db, new QqSender(config), silentLog, { leaseMs: 60_000 });
    const conv = await privately('ROBOT1.0_c1', 'OPENID3');
    const reply = await addAgentReply(t.db, conv, '只应收到一次');
    await engine.run(null);
    // As if the server died after QQ accepted the reply but before it was marked sent.
    await t.db.query(`UPDATE outbound_deliveries SET status = 'sending', claimed_at = now() - interval '1 hour' WHERE message_id = $1`, [reply]);
    await engine.run(null);
    expect(api.replies.map((r) => r.content)).toEqual(['只应收到一次']);
    const { rows } = await t.db.query('SELECT status, attempts FROM outbound_deliveries WHERE message_id = $1', [reply]);
    expect(rows[0]).toEqual({ status: 'sent', attempts: 2 });
  });

  it('retries when QQ is unavailable and records why a reply could not be sent', async () => {
    const engine = new OutboundDeliveries(t.db, new QqSender(config), silentLog);
    const conv = await privately('ROBOT1.0_r1', 'OPENID4');
    const busy = await addAgentReply(t.db, conv, '稍等');
    api.failNext = { status: 503, json: { code: 500, message: 'service unavailable' } };
    await engine.run(null);
    const statusOf = async (id: string) =>
      (await t.db.query<{ status: string; last_error: string | null }>('SELECT status, last_error FROM outbound_deliveries WHERE message_id = $1', [id])).rows[0];
    expect(await statusOf(busy)).toEqual({ status: 'retry', last_error: 'QQ reply to user:OPENID4: HTTP 503 code 500: service unavailable' });
    await engine.run(null);
    expect(await statusOf(busy)).toMatchObject({ status: 'sent' });

    // A conversation QQ never delivered a message in (no msg_id to answer) cannot be replied to.
    const unknown = await acceptInbound(t.db, { channel: 'qq', externalMessageId: 'user:OPENID5#ROBOT1.0_never', externalUserId: 'OPENID5', customerName: 'x', body: 'x' });
    const orphan = await addAgentReply(t.db, unknown.conversationId, '您好');
    await engine.run(null);
    expect(await statusOf(orphan)).toEqual({
      status: 'failed',
      last_error: 'QQ reply to user:OPENID5: HTTP 400 code 40034005: passive reply expired or unknown msg_id',
    });
  });
});
