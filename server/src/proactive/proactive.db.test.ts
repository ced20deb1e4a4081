import type { FastifyBaseLogger } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Notice, NoticePreviewResponse } from '../../../protocol/proactive';
import { loadEvents, verifyTicket } from '../audit/store';
import { addOrder } from '../casework/testing';
import { OutboundDeliveries, type PendingReply } from '../channels/deliveries';
import { receiptId } from '../channels/receipts';
import { acceptInbound } from '../pipeline/inbound';
import { addAllTeams, chat } from '../testing/pipeline-fixtures';
import { createTestServer, type TestServer } from '../testing/test-server';
import { NOTICE_AUTHOR, NOTICE_EVENT, createNotice, sendToRecipient } from './notices';
import { NoticeSender } from './sender';

const silent = { error: () => undefined, warn: () => undefined } as unknown as FastifyBaseLogger;
const SUPPLIER = '虚构供应商·星河';
const OTHER = '虚构供应商·远山';

describe('proactive notices', () => {
  let s: TestServer;
  let lead: string;
  let agent: string;
  let leadId: string;
  const people: Record<'web' | 'wecom' | 'phone' | 'open' | 'other', string> = { web: '', wecom: '', phone: '', open: '', other: '' };

  beforeAll(async () => {
    s = await createTestServer();
    await addAllTeams(s.db);
    leadId = (await s.addAgent({ login: 'notice-lead', password: 'notice-pass-1', role: 'supervisor' })).id;
    await s.addAgent({ login: 'notice-agent', password: 'notice-pass-1', role: 'agent' });
    lead = await s.login('notice-lead', 'notice-pass-1');
    agent = await s.login('notice-agent', 'notice-pass-1');

    // Customers who wrote before, each on their channel; their earlier tickets are resolved except one.
    const wrote = async (msg: ReturnType<typeof chat>, resolve: boolean) => {
      const a = await acceptInbound(s.db, msg);
      if (resolve) await s.db.write((tx) => tx.query(`UPDATE conversations SET status = 'resolved' WHERE id = $1`, [a.conversationId]));
      return a.customerId;
    };
    people.web = await wrote(chat('notice-web-1', '你好，想问下点卡怎么用'), true);
    people.wecom = await wrote(chat('notice-wx-1', '请问充值多久到账', { channel: 'wecom', externalMessageId: receiptId('notice-wx-1', 'M100') }), true);
    people.open = await wrote(chat('notice-web-2', '我的订单还在处理吗'), false);
    people.other = await wrote(chat('notice-web-3', '你好'), true);
    // Known only from an order placed by phone: no channel to write to.
    people.phone = 'notice-phone';
    await s.db.write((tx) => tx.query(`INSERT INTO customers (id, name, tier) VALUES ($1, '测试客户电话', 'individual')`, [people.phone]));

    for (const [who, supplier, day] of [
      ['web', SUPPLIER, '2026-11-20'],
      ['wecom', SUPPLIER, '2026-11-21'],
      ['wecom', SUPPLIER, '2026-11-21'],
      ['open', SUPPLIER, '2026-11-10'],
      ['phone', SUPPLIER, '2026-11-20'],
      ['other', OTHER, '2026-11-20'],
    ] as const) {
      const id = await addOrder(s.db, { customerId: people[who], supplier, product: '王者荣耀 60元点券卡' });
      // Late evening in China on `day` (UTC+8), to test that the range follows the workspace's days.
      await s.db.write((tx) => tx.query(`UPDATE orders SET created_at = $2 WHERE id = $1`, [id, new Date(`${day}T23:30:00+08:00`)]));
    }
  });
  afterAll(() => s.close());

  const call = async <T>(token: string, method: 'GET' | 'POST', url: string, payload?: object) => {
    const res = await s.app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, payload });
    return { status: res.statusCode, body: res.json() as T };
  };
  const noticeMessages = async () =>
    (
      await s.db.query<{ conversation_id: string; customer_id: string; channel: string; status: string }>(
        `SELECT m.conversation_id, c.customer_id, c.channel, c.status FROM messages m JOIN conversations c ON c.id = m.conversation_id
          WHERE m.kind = 'agent' AND m.author_name = $1 ORDER BY c.customer_id`,
        [NOTICE_AUTHOR],
      )
    ).rows;
  const waitDone = async (id: string) => {
    await expect.poll(async () => (await call<Notice>(lead, 'GET', `/api/proactive/notices/${id}`)).body.state, { timeout: 15_000 }).toBe('done');
    return (await call<Notice>(lead, 'GET', `/api/proactive/notices/${id}`)).body;
  };

  it('is for supervisors and admins only, and rejects an audience without product or supplier', async () => {
    const audience = { supplier: SUPPLIER };
    expect((await call(agent, 'POST', '/api/proactive/preview', { audience })).status).toBe(403);
    expect((await call(agent, 'POST', '/api/proactive/notices', { id: 'notice-by-agent', audience, subject: 's', body: 'b' })).status).toBe(403);
    expect((await call(agent, 'GET', '/api/proactive/notices')).status).toBe(403);
    const bad = await call<{ error: { code: string; message: string } }>(lead, 'POST', '/api/proactive/preview', { audience: { from: '2026-11-01' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('至少填写商品或供应商');
    expect((await call(lead, 'POST', '/api/proactive/preview', { audience: { supplier: SUPPLIER, from: '2026-11-22', to: '2026-11-01' } })).status).toBe(400);
    expect(await noticeMessages()).toEqual([]);
  });

  it('previews how many customers, on which channels, within the dates in China time', async () => {
    const all = await call<NoticePreviewResponse>(lead, 'POST', '/api/proactive/preview', { audience: { supplier: SUPPLIER } });
    expect(all).toEqual({ status: 200, body: { customers: 4, orders: 5, byChannel: { webchat: 2, wecom: 1 }, unreachable: 1 } });
    // 23:30 on the 20th in China is still the 20th there (15:30 UTC).
    const dated = await call<NoticePreviewResponse>(lead, 'POST', '/api/proactive/preview', {
      audience: { product: '王者荣耀', from: '2026-11-20', to: '2026-11-20' },
    });
    expect(dated.body).toEqual({ customers: 3, orders: 3, byChannel: { webchat: 2 }, unreachable: 1 });
  });

  it('sends each affected customer one message on their channel, new or appended, audited; a retry sends nothing twice', async () => {
    const request = { id: 'notice-20261123-a', audience: { supplier: SUPPLIER }, subject: '星河供应商充值通道维护通知', body: '您好，星河供应商的充值通道今晚维护，期间到账可能延迟，敬请谅解。' };
    const created = await call<Notice>(lead, 'POST', '/api/proactive/notices', request);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: request.id, total: 4, unreachable: 1, createdBy: leadId });
    const done = await waitDone(request.id);
    expect(done).toMatchObject({ state: 'done', total: 4, sent: 3, newConversations: 2, unreachable: 1, pending: 0 });

    const sent = await noticeMessages();
    const byCustomer = Object.fromEntries(sent.map((m) => [m.customer_id, m]));
    expect(sent).toHaveLength(3);
    expect(byCustomer[people.web]).toMatchObject({ channel: 'webchat', status: 'waiting_customer' });
    expect(byCustomer[people.wecom]).toMatchObject({ channel: 'wecom', status: 'waiting_customer' });
    // The open ticket got the notice appended and kept its status.
    expect(byCustomer[people.open]).toMatchObject({ channel: 'webchat', status: 'new' });
    expect(byCustomer[people.other]).toBeUndefined();

    const events = await loadEvents(s.db, byCustomer[people.wecom]!.conversation_id);
    expect(events.map((e) => e.type)).toEqual(['ticket.created', 'status.changed', NOTICE_EVENT]);
    expect(events[2]!.actor).toEqual({ kind: 'agent', id: leadId });
    expect((await verifyTicket(s.db, byCustomer[people.wecom]!.conversation_id)).ok).toBe(true);

    // The client retries (lost answer): the same notice, nothing sent again.
    const again = await call<Notice>(lead, 'POST', '/api/proactive/notices', request);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ id: request.id, sent: 3, state: 'done' });
    expect(await noticeMessages()).toHaveLength(3);
    // The same id for a different notice is refused.
    const reused = await call<{ error: { code: string } }>(lead, 'POST', '/api/proactive/notices', { ...request, body: '另一条内容' });
    expect(reused).toMatchObject({ status: 409, body: { error: { code: 'request_id_reused' } } });
    const list = await call<{ notices: Notice[] }>(lead, 'GET', '/api/proactive/notices');
    expect(list.body.notices.map((n) => n.id)).toEqual([request.id]);
  });

  it('goes out through the channel adapter to the address the customer last wrote from', async () => {
    const wecom = (await noticeMessages()).find((m) => m.customer_id === people.wecom)!;
    const handed: PendingReply[] = [];
    const deliveries = new OutboundDeliveries(s.db, { channel: 'wecom', send: async (r) => (handed.push(r), { status: 'sent' }) }, silent);
    await deliveries.run(wecom.conversation_id);
    await deliveries.run(wecom.conversation_id);
    expect(handed).toHaveLength(1);
    expect(handed[0]).toMatchObject({ answeringReceiptId: receiptId('notice-wx-1', 'M100'), body: expect.stringContaining('星河供应商') });
  });

  it('a customer who answers the notice continues that conversation, which then runs on the SLA clock', async () => {
    const wecom = (await noticeMessages()).find((m) => m.customer_id === people.wecom)!;
    const sla = async () =>
      (await s.db.query<{ status: string; sla_state: string | null; category: string | null }>('SELECT status, sla_state, category FROM conversations WHERE id = $1', [wecom.conversation_id]))
        .rows[0];
    // Waiting on the customer: the clock is paused, nothing can breach.
    expect(await sla()).toMatchObject({ status: 'waiting_customer', sla_state: 'paused' });
    const reply = await acceptInbound(
      s.db,
      chat('notice-wx-1', '我的点卡付款后一直没到账，是不是受这个影响？', { channel: 'wecom', externalMessageId: receiptId('notice-wx-1', 'M101') }),
    );
    expect(reply.conversationId).toBe(wecom.conversation_id);
    expect(await sla()).toMatchObject({ status: 'open', sla_state: 'ok', category: 'delivery_delayed' });
  });

  it('sends everyone else when one customer fails, and a retry of the request finishes the notice', async () => {
    // The web customer has no open conversation left, so theirs needs a new one, which the database refuses for now.
    await s.db.write((tx) => tx.query(`UPDATE conversations SET status = 'resolved' WHERE customer_id = $1`, [people.web]));
    await s.db.exec(`CREATE FUNCTION kadesk_test_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'refused by test'; END $$;
      CREATE TRIGGER kadesk_test_refuse BEFORE INSERT ON conversations FOR EACH ROW EXECUTE FUNCTION kadesk_test_refuse();`);
    const request = { id: 'notice-20261123-c', audience: { supplier: SUPPLIER }, subject: '到账说明', body: '您好，延迟到账的订单已全部处理完毕。' };
    const created = await call<Notice>(lead, 'POST', '/api/proactive/notices', request);
    expect(created.status).toBe(201);
    await expect
      .poll(async () => (await call<Notice>(lead, 'GET', `/api/proactive/notices/${request.id}`)).body, { timeout: 15_000 })
      .toMatchObject({ state: 'sending', sent: 2, pending: 1 });
    await s.db.exec('DROP TRIGGER kadesk_test_refuse ON conversations; DROP FUNCTION kadesk_test_refuse();');

    const retried = await call<Notice>(lead, 'POST', '/api/proactive/notices', request);
    expect(retried.status).toBe(200);
    expect(await waitDone(request.id)).toMatchObject({ sent: 3, pending: 0, newConversations: 1 });
  });

  it('finishes a notice left part-way (a crash), sending each remaining customer exactly once even with two senders', async () => {
    const auth = { agentId: leadId, name: 'notice-lead', role: 'supervisor' as const, teamIds: [] };
    const out = await createNotice(s.db, auth, { id: 'notice-20261123-b', audience: { supplier: SUPPLIER }, subject: '补偿说明', body: '您好，受影响订单将获得补偿。' });
    expect(out).toMatchObject({ kind: 'created', notice: { state: 'sending', pending: 3 } });
    // The process sent to one customer, then died.
    expect(await sendToRecipient(s.db, 'notice-20261123-b', people.web)).toBe(true);
    expect(await sendToRecipient(s.db, 'notice-20261123-b', people.web)).toBe(false);

    const a = new NoticeSender(s.db, silent);
    const b = new NoticeSender(s.db, silent);
    await Promise.all([a.resume(), b.resume()]);
    await Promise.all([a.idle(), b.idle()]);
    const done = await waitDone('notice-20261123-b');
    expect(done).toMatchObject({ sent: 3, pending: 0, unreachable: 1, newConversations: 0 });
    const counts = await s.db.query<{ customer_id: string; n: number }>(
      `SELECT c.customer_id, count(*)::int AS n FROM messages m JOIN conversations c ON c.id = m.conversation_id
        WHERE m.kind = 'agent' AND m.body = '您好，受影响订单将获得补偿。' GROUP BY c.customer_id ORDER BY c.customer_id`,
    );
    expect(counts.rows.map((r) => r.n)).toEqual([1, 1, 1]);
  });
});
