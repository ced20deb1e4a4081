import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNELS, TIERS } from '../../../protocol/entities';
import { LoginResponse } from '../../../protocol/auth';
import { previewOf } from '../sync/rows';
import { createTestServer, type TestServer } from '../testing/test-server';
import { DEMO_LOGINS, hasDemoWorkspace, seedDemo } from './seed';
import { DEMO_HISTORY, DEMO_SIZES } from './workspace';

const count = async (s: TestServer, sql: string) => (await s.db.query<{ n: number }>(sql)).rows[0]!.n;

describe('demo workspace', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await createTestServer({ demo: true });
  });
  afterAll(() => s.close());

  it('has the promised size', async () => {
    expect(await count(s, 'SELECT count(*)::int AS n FROM teams')).toBe(7);
    expect(await count(s, 'SELECT count(*)::int AS n FROM agents')).toBe(14);
    expect(await count(s, 'SELECT count(*)::int AS n FROM customers')).toBe(300);
    expect(await count(s, 'SELECT count(*)::int AS n FROM conversations')).toBe(DEMO_SIZES.conversations + DEMO_HISTORY.conversations);
    expect(await count(s, 'SELECT count(*)::int AS n FROM orders')).toBeGreaterThanOrEqual(500);
    expect(await count(s, 'SELECT count(*)::int AS n FROM card_keys')).toBeGreaterThan(500);
    expect(await hasDemoWorkspace(s.db)).toBe(true);
  });

  it('does not seed twice', async () => {
    const tables = ['teams', 'agents', 'customers', 'customer_identities', 'orders', 'card_keys', 'conversations', 'messages'];
    const before = await Promise.all(tables.map((t) => count(s, `SELECT count(*)::int AS n FROM ${t}`)));
    expect(await seedDemo(s.db)).toEqual({ agents: 0, customers: 0, conversations: 0 });
    const after = await Promise.all(tables.map((t) => count(s, `SELECT count(*)::int AS n FROM ${t}`)));
    expect(after).toEqual(before);
  });

  it('signs in every demo role with its published password', async () => {
    for (const role of ['admin', 'supervisor', 'agent'] as const) {
      const demo = DEMO_LOGINS.find((d) => d.role === role)!;
      const res = await s.app.inject({ method: 'POST', url: '/api/auth/login', payload: demo });
      expect(res.statusCode, demo.login).toBe(200);
      expect(LoginResponse.parse(res.json()).agent.role).toBe(role);
    }
    expect(DEMO_LOGINS.map((d) => d.login)).toEqual([
      'admin',
      'lead',
      ...Array.from({ length: 12 }, (_, i) => `agent${String(i + 1).padStart(2, '0')}`),
    ]);
  });

  it('has customers of every tier, some VIP, reachable on every chat channel', async () => {
    const tiers = await s.db.query<{ tier: string; n: number; vip: number }>(
      'SELECT tier, count(*)::int AS n, count(*) FILTER (WHERE vip)::int AS vip FROM customers GROUP BY tier',
    );
    expect(tiers.rows.map((r) => r.tier).sort()).toEqual([...TIERS].sort());
    expect(tiers.rows.every((r) => r.vip > 0)).toBe(true);
    const channels = await s.db.query<{ channel: string }>('SELECT DISTINCT channel FROM customer_identities');
    expect(channels.rows.map((r) => r.channel).sort()).toEqual(CHANNELS.filter((c) => c !== 'form').sort());
    // The identities column mirrors the lookup table exactly.
    const mismatched = await count(
      s,
      `SELECT count(*)::int AS n FROM customers cu WHERE jsonb_array_length(cu.identities) <>
         (SELECT count(*) FROM customer_identities ci WHERE ci.customer_id = cu.id)
       OR EXISTS (SELECT 1 FROM jsonb_array_elements(cu.identities) e WHERE NOT EXISTS (
         SELECT 1 FROM customer_identities ci WHERE ci.customer_id = cu.id
           AND ci.channel = e->>'channel' AND ci.external_id = e->>'externalId'))`,
    );
    expect(mismatched).toBe(0);
    const names = await s.db.query<{ name: string }>('SELECT name FROM customers');
    expect(names.rows.every((r) => /^(示例玩家\d{4}|示例商户·.+|演示企业客户\d{2})$/.test(r.name))).toBe(true);
  });

  it('numbers orders DD + date + sequence and gives card orders their keys', async () => {
    const bad = await count(s, `SELECT count(*)::int AS n FROM orders WHERE id !~ '^DD20[0-9]{6}[0-9]{5}$'`);
    expect(bad).toBe(0);
    const keyless = await count(
      s,
      `SELECT count(*)::int AS n FROM orders o WHERE o.state IN ('delivered', 'delivering', 'paid')
         AND o.product NOT LIKE '%直充%' AND NOT EXISTS (SELECT 1 FROM card_keys k WHERE k.order_id = o.id)`,
    );
    expect(keyless).toBe(0);
    const codes = await s.db.query<{ code: string }>('SELECT code FROM card_keys LIMIT 50');
    expect(codes.rows.every((r) => /^[A-Z0-9]{4,5}(-[A-Z0-9]{4,5}){3,4}$/.test(r.code))).toBe(true);
  });

  it('gives every conversation a customer and 2–6 messages, with consistent inbox fields', async () => {
    const { rows } = await s.db.query<{
      id: string;
      status: string;
      customer_ok: boolean;
      last_message_at: Date;
      last_message_preview: string;
      unread_count: number;
      order_id: string | null;
      order_ok: boolean;
      messages: Array<{ kind: string; body: string; at: string }>;
    }>(
      `SELECT c.id, c.status, c.last_message_at, c.last_message_preview, c.unread_count, c.order_id,
              EXISTS (SELECT 1 FROM customers cu WHERE cu.id = c.customer_id) AS customer_ok,
              c.order_id IS NULL OR EXISTS (SELECT 1 FROM orders o WHERE o.id = c.order_id AND o.customer_id = c.customer_id) AS order_ok,
              COALESCE((SELECT json_agg(json_build_object('kind', m.kind, 'body', m.body, 'at', m.created_at)
                                 ORDER BY m.created_at, m.id)
                        FROM messages m WHERE m.conversation_id = c.id), '[]'::json) AS messages
         FROM conversations c`,
    );
    expect(rows).toHaveLength(DEMO_SIZES.conversations + DEMO_HISTORY.conversations);
    for (const c of rows) {
      expect(c.customer_ok, c.id).toBe(true);
      expect(c.order_ok, c.id).toBe(true);
      expect(c.messages.length, c.id).toBeGreaterThanOrEqual(2);
      expect(c.messages.length, c.id).toBeLessThanOrEqual(6);
      const last = c.messages[c.messages.length - 1]!;
      expect(new Date(c.last_message_at).getTime()).toBe(new Date(last.at).getTime());
      expect(new Date(last.at).getTime()).toBeLessThanOrEqual(Date.now());
      expect(c.last_message_preview).toBe(previewOf(last.body));
      const sinceAgent = c.messages.slice(c.messages.findLastIndex((m) => m.kind === 'agent' || m.kind === 'note') + 1);
      const unread = c.status === 'resolved' ? 0 : sinceAgent.filter((m) => m.kind === 'customer').length;
      expect(c.unread_count, c.id).toBe(unread);
      expect(c.messages[0]!.kind).toBe('customer');
      // No placeholder left unfilled, no order number missing from a sentence that cites one.
      for (const m of c.messages) expect(m.body).not.toMatch(/[{}]|undefined|订单号? (?:[，。]|$)/);
    }
    expect(rows.filter((c) => c.status === 'new').every((c) => c.unread_count > 0)).toBe(true);
  });

  it('routes to teams the assignee belongs to, and leaves new conversations unassigned', async () => {
    const wrong = await count(
      s,
      `SELECT count(*)::int AS n FROM conversations c LEFT JOIN agents a ON a.id = c.assignee_id
        WHERE c.team_id IS NULL
           OR (c.status = 'new' AND c.assignee_id IS NOT NULL)
           OR (c.status <> 'new' AND (a.id IS NULL OR a.role <> 'agent' OR NOT c.team_id = ANY (a.team_ids)))`,
    );
    expect(wrong).toBe(0);
    const statuses = await s.db.query<{ status: string }>('SELECT DISTINCT status FROM conversations');
    expect(statuses.rows).toHaveLength(5);
    const categories = await count(s, 'SELECT count(DISTINCT category)::int AS n FROM conversations');
    expect(categories).toBe(13);
  });

  it('includes the repeat contacts that escalate to the senior queue', async () => {
    const { rows } = await s.db.query<{ customer_id: string; order_id: string; n: number; senior: boolean }>(
      `SELECT c.customer_id, c.order_id, count(*)::int AS n,
              bool_or(t.kind = 'senior' AND c.status <> 'resolved') AS senior
         FROM conversations c JOIN teams t ON t.id = c.team_id
        WHERE c.order_id IS NOT NULL GROUP BY 1, 2 HAVING count(*) >= 3`,
    );
    expect(rows.length).toBeGreaterThanOrEqual(3);
    expect(rows.every((r) => r.senior)).toBe(true);
  });

  it('never seeds into a workspace that already has agents', async () => {
    const real = await createTestServer();
    try {
      await real.addAgent({ login: 'boss', password: 'real password', role: 'admin' });
      expect(await seedDemo(real.db)).toEqual({ agents: 0, customers: 0, conversations: 0 });
      expect(await count(real, 'SELECT count(*)::int AS n FROM customers')).toBe(0);
      expect(await hasDemoWorkspace(real.db)).toBe(false);
    } finally {
      await real.close();
    }
  });
});
