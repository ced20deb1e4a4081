import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../../protocol/ids';
import type { ServiceReport } from '../../../protocol/reports';
import { appendEvents } from '../audit/store';
import { SYSTEM_ACTOR, TICKET_EVENT } from '../conversations/events';
import type { Sql } from '../db/db';
import { createTestServer, type TestServer } from '../testing/test-server';

// One hand-made month (September 2026, China time) whose figures are worked out below.
const SEC = 1000;
const MIN = 60 * SEC;
const HOUR = 60 * MIN;
const at = (iso: string, plus = 0) => new Date(Date.parse(iso) + plus);

interface Fixture {
  channel: string;
  category: string;
  priority: string;
  repeat?: boolean;
  createdAt: string;
  /** Offsets from creation. */
  agentReplies: number[];
  customerMessages?: number[];
  resolvedAt?: Date;
}

async function addTicket(tx: Sql, customerId: string, f: Fixture): Promise<string> {
  const id = newId();
  const created = at(f.createdAt);
  await tx.query(
    `INSERT INTO conversations (id, customer_id, channel, subject, status, category, priority, repeat, created_at, last_message_at)
     VALUES ($1, $2, $3, '报表测试', $4, $5, $6, $7, $8, $8)`,
    [id, customerId, f.channel, f.resolvedAt ? 'resolved' : 'open', f.category, f.priority, f.repeat ?? false, created],
  );
  const messages = [
    { kind: 'customer', offset: 0 },
    ...f.agentReplies.map((offset) => ({ kind: 'agent', offset })),
    ...(f.customerMessages ?? []).map((offset) => ({ kind: 'customer', offset })),
  ];
  for (const m of messages) {
    await tx.query(`INSERT INTO messages (id, conversation_id, kind, author_name, body, created_at) VALUES ($1, $2, $3, '测试', '内容', $4)`, [
      newId(),
      id,
      m.kind,
      at(f.createdAt, m.offset),
    ]);
  }
  if (f.resolvedAt) {
    await appendEvents(tx, id, [{ actor: SYSTEM_ACTOR, type: TICKET_EVENT.status, data: { from: 'open', to: 'resolved' }, at: f.resolvedAt }]);
  }
  return id;
}

async function addSurvey(tx: Sql, conversationId: string, customerId: string, sentAt: string, score: number | null) {
  await tx.query(
    `INSERT INTO csat_surveys (id, conversation_id, customer_id, channel, token_hash, sent_at, score, answered_at)
     VALUES ($1, $2, $3, 'webchat', $4, $5, $6, $7)`,
    [newId(), conversationId, customerId, newId(), new Date(sentAt), score, score === null ? null : new Date(sentAt)],
  );
}

async function addCompensation(tx: Sql, c: { conversationId: string; customerId: string; at: string; cents: number; cause: string; supplier?: string }) {
  await tx.query(
    `INSERT INTO compensations (id, request_id, kind, conversation_id, customer_id, amount_cents, cause, supplier, liable, settlement_status,
       created_by_name, created_at)
     VALUES ($1, $2, 'refund', $3, $4, $5, $6, $7, $8, $9, '测试主管', $10)`,
    [
      newId(),
      newId(),
      c.conversationId,
      c.customerId,
      c.cents,
      c.cause,
      c.supplier ?? null,
      c.supplier ? 'supplier' : 'platform',
      c.supplier ? 'pending' : 'not_applicable',
      new Date(c.at),
    ],
  );
}

describe('service report routes', () => {
  let s: TestServer;
  const tokens = { agent: '', lead: '', admin: '' };

  beforeAll(async () => {
    s = await createTestServer();
    await s.addAgent({ login: 'rpt-agent', password: 'rpt-pass-1', role: 'agent' });
    await s.addAgent({ login: 'rpt-lead', password: 'rpt-pass-1', role: 'supervisor' });
    await s.addAgent({ login: 'rpt-admin', password: 'rpt-pass-1', role: 'admin' });
    tokens.agent = await s.login('rpt-agent', 'rpt-pass-1');
    tokens.lead = await s.login('rpt-lead', 'rpt-pass-1');
    tokens.admin = await s.login('rpt-admin', 'rpt-pass-1');

    await s.db.write(async (tx) => {
      const customer = newId();
      await tx.query(`INSERT INTO customers (id, name, tier) VALUES ($1, '测试玩家', 'individual')`, [customer]);
      // A: chat answered in 20 s, resolved in 10 min: SLA met, first contact.
      const a = await addTicket(tx, customer, {
        channel: 'webchat', category: 'delivery_delayed', priority: 'normal', createdAt: '2026-09-01T01:00:00Z',
        agentReplies: [20 * SEC], resolvedAt: at('2026-09-01T01:00:00Z', 10 * MIN),
      });
      // B: an email at 23:59 China time on 1 September, answered after 30 min, asked again, resolved after 3 h (over 2 h).
      const b = await addTicket(tx, customer, {
        channel: 'email', category: 'how_to', priority: 'high', createdAt: '2026-09-01T15:59:00Z',
        agentReplies: [30 * MIN, 50 * MIN], customerMessages: [40 * MIN], resolvedAt: at('2026-09-01T15:59:00Z', 3 * HOUR),
      });
      // C: a repeat contact on 2 September, answered after 45 s, still open.
      await addTicket(tx, customer, {
        channel: 'webchat', category: 'invalid_card_key', priority: 'normal', repeat: true, createdAt: '2026-09-02T02:00:00Z',
        agentReplies: [45 * SEC],
      });
      // D: opened on 31 August (China time), resolved on 3 September after 57 h: counts for resolution, not volume.
      const d = await addTicket(tx, customer, {
        channel: 'webchat', category: 'delivery_delayed', priority: 'normal', createdAt: '2026-08-31T15:00:00Z',
        agentReplies: [10 * SEC], resolvedAt: at('2026-09-03T00:00:00Z'),
      });
      // E: 00:30 on 1 October China time, outside September.
      await addTicket(tx, customer, {
        channel: 'qq', category: 'how_to', priority: 'low', createdAt: '2026-09-30T16:30:00Z', agentReplies: [5 * SEC],
        resolvedAt: at('2026-09-30T16:40:00Z'),
      });
      await addSurvey(tx, a, customer, '2026-09-01T01:11:00Z', 5);
      await addSurvey(tx, b, customer, '2026-09-01T19:00:00Z', 2);
      await addSurvey(tx, d, customer, '2026-09-03T00:01:00Z', null);
      await addSurvey(tx, d, customer, '2026-10-05T00:00:00Z', 1);
      await addCompensation(tx, { conversationId: a, customerId: customer, at: '2026-09-01T01:05:00Z', cents: 500, cause: '到账延迟' });
      await addCompensation(tx, { conversationId: d, customerId: customer, at: '2026-09-02T08:00:00Z', cents: 2000, cause: '卡密失效', supplier: '星河卡业' });
      await addCompensation(tx, { conversationId: d, customerId: customer, at: '2026-10-02T08:00:00Z', cents: 9900, cause: '卡密失效', supplier: '星河卡业' });
    });
  });
  afterAll(() => s.close());

  const get = (token: string | null, url: string) =>
    s.app.inject({ method: 'GET', url, headers: token ? { authorization: `Bearer ${token}` } : {} });

  it('computes the month’s figures from the rows', async () => {
    const res = await get(tokens.lead, '/api/reports/service?month=2026-09');
    expect(res.statusCode).toBe(200);
    const r = res.json<ServiceReport>();
    expect(r.period).toMatchObject({ from: '2026-09-01', to: '2026-09-30', start: '2026-08-31T16:00:00.000Z', timeZone: 'Asia/Shanghai' });
    expect(r.volume.total).toBe(3);
    expect(r.volume.byChannel).toEqual([
      { key: 'webchat', count: 2 },
      { key: 'email', count: 1 },
    ]);
    expect(r.volume.byDay).toHaveLength(30);
    expect(r.volume.byDay.slice(0, 3).map((d) => [d.day, d.total])).toEqual([
      ['2026-09-01', 2],
      ['2026-09-02', 1],
      ['2026-09-03', 0],
    ]);
    expect(r.times.firstResponse).toEqual({ count: 3, p50: 45 * SEC, p90: 30 * MIN, p99: 30 * MIN });
    expect(r.times.resolution).toEqual({ count: 3, p50: 3 * HOUR, p90: 57 * HOUR, p99: 57 * HOUR });
    expect(r.sla.overall).toEqual({ key: 'overall', met: 1, breached: 2, attainment: 1 / 3 });
    expect(r.sla.byPolicy).toEqual([
      { key: 'chat', met: 1, breached: 1, attainment: 0.5 },
      { key: 'email', met: 0, breached: 1, attainment: 0 },
    ]);
    expect(r.sla.byPriority).toEqual([
      { key: 'normal', met: 1, breached: 1, attainment: 0.5 },
      { key: 'high', met: 0, breached: 1, attainment: 0 },
    ]);
    expect(r.firstContactResolution).toEqual({ resolved: 3, firstContact: 2, rate: 2 / 3 });
    expect(r.repeatContacts).toEqual({ conversations: 3, repeats: 1, rate: 1 / 3 });
    expect(r.csat).toEqual({ sent: 3, answered: 2, responseRate: 2 / 3, average: 3.5, csat: 0.5, distribution: [0, 1, 0, 0, 1] });
    expect(r.compensation).toEqual({
      count: 2,
      amountCents: 2500,
      byCause: [
        { key: '卡密失效', count: 1, amountCents: 2000 },
        { key: '到账延迟', count: 1, amountCents: 500 },
      ],
      byLiability: [
        { key: 'platform', count: 1, amountCents: 500 },
        { key: 'supplier', count: 1, amountCents: 2000 },
      ],
      bySupplier: [{ supplier: '星河卡业', count: 1, amountCents: 2000, pendingCents: 2000, settledCents: 0 }],
    });
  });

  it('takes a day range and counts only its days', async () => {
    const r = (await get(tokens.admin, '/api/reports/service?from=2026-09-02&to=2026-09-03')).json<ServiceReport>();
    expect([r.period.label, r.volume.total, r.volume.byDay.length]).toEqual(['2026-09-02..2026-09-03', 1, 2]);
    // B was resolved at 02:59 on 2 September China time, D on the 3rd.
    expect(r.times.resolution).toEqual({ count: 2, p50: 3 * HOUR, p90: 57 * HOUR, p99: 57 * HOUR });
  });

  it('is for supervisors and admins only', async () => {
    expect((await get(null, '/api/reports/service?month=2026-09')).statusCode).toBe(401);
    for (const url of ['/api/reports/service?month=2026-09', '/api/reports/service.csv?month=2026-09', '/api/reports/service.pdf?month=2026-09']) {
      const res = await get(tokens.agent, url);
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('forbidden');
    }
    expect((await get(tokens.admin, '/api/reports/service?month=2026-09')).statusCode).toBe(200);
  });

  it('refuses a missing, malformed or unbounded period and says what to send', async () => {
    const cases: Array<[string, string]> = [
      ['', 'month=YYYY-MM'],
      ['?month=2026-9', 'YYYY-MM'],
      ['?from=2026-09-01', 'from 和 to 须同时给出'],
      ['?from=2026-01-01&to=2026-12-31', '最长 92 天'],
      ['?from=2026-09-05&to=2026-09-01', '不能早于'],
      ['?month=2026-09&from=2026-09-01&to=2026-09-02', '不要同时给出'],
    ];
    for (const [query, message] of cases) {
      const res = await get(tokens.lead, `/api/reports/service${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(JSON.stringify(res.json().error), query).toContain(message);
    }
  });

  it('exports the month as CSV with a byte order mark', async () => {
    const res = await get(tokens.lead, '/api/reports/service.csv?month=2026-09');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="kadesk-service-report-2026-09.csv"');
    expect(res.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const lines = res.body.slice(1).split('\r\n');
    expect(lines[0]).toBe('Kadesk 客户服务月度报告 2026-09');
    expect(lines).toEqual(expect.arrayContaining(['会话量,3', '首次响应 P50（秒）,45', 'SLA 达成率（%）,33.3', '一次解决率（%）,66.7', '先行赔付金额（元）,25.00']));
    expect(lines).toContain('星河卡业,1,20.00,20.00,0.00');
  });

  it('exports the month as a PDF carrying the same figures', async () => {
    const res = await get(tokens.lead, '/api/reports/service.pdf?month=2026-09');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe('attachment; filename="kadesk-service-report-2026-09.pdf"');
    const { text } = await extractText(await getDocumentProxy(new Uint8Array(res.rawPayload)), { mergePages: true });
    const flat = text.replace(/\s+/g, '');
    for (const figure of ['Kadesk客户服务月度报告2026-09', '会话量3', 'SLA达成率（%）33.3', '一次解决率（%）66.7', '星河卡业']) {
      expect(flat).toContain(figure);
    }
  });
});
