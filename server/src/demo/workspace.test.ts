import { describe, expect, it } from 'vitest';
import { Random } from './random';
import { buildDemoWorkspace, DEMO_HISTORY, DEMO_SIZES } from './workspace';

// Everything but the minted ids, which are random by design.
const content = (now: number) => {
  const ws = buildDemoWorkspace(new Random(7), now);
  return {
    customers: ws.customers.map((c) => [c.name, c.tier, c.vip, c.identities, c.createdAt]),
    orders: ws.orders.map((o) => [o.id, o.product.name, o.state, o.cardKeys.map((k) => [k.code, k.state])]),
    conversations: ws.conversations.map((c) => [c.subject, c.status, c.channel, c.messages.map((m) => [m.kind, m.body, m.createdAt])]),
  };
};

describe('demo workspace builder', () => {
  it('builds the same workspace from the same seed', () => {
    const now = Date.parse('2026-11-22T08:00:00Z');
    expect(content(now)).toEqual(content(now));
  });

  it('builds the promised counts and unique order numbers and identities', () => {
    const ws = buildDemoWorkspace(new Random(1), Date.now());
    expect(ws.customers).toHaveLength(DEMO_SIZES.individuals + DEMO_SIZES.merchants + DEMO_SIZES.enterprises);
    expect(ws.conversations).toHaveLength(DEMO_SIZES.conversations + DEMO_HISTORY.conversations);
    expect(new Set(ws.orders.map((o) => o.id)).size).toBe(ws.orders.length);
    const identities = ws.customers.flatMap((c) => c.identities.map((i) => `${i.channel}:${i.externalId}`));
    expect(new Set(identities).size).toBe(identities.length);
    expect(new Set(ws.customers.map((c) => c.name)).size).toBe(ws.customers.length);
  });

  it('tells the acceptance story: a 王者荣耀 card used but not received, with its order number', () => {
    const ws = buildDemoWorkspace(new Random(20261122), Date.now());
    const bodies = ws.conversations.flatMap((c) => c.messages.map((m) => m.body));
    expect(bodies.some((b) => /点卡显示已使用但没到账，订单号 DD\d{13}$/.test(b))).toBe(true);
  });
});
