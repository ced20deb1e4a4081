import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CATEGORIES, CHANNELS, PRIORITIES, TIERS } from '../../../protocol/entities';
import { meets } from './conditions';
import { DEFAULT_ROUTING, maxPriority, raisePriority, route, type RouteFacts, RoutingConfig } from './rules';

const player = (over: Partial<RouteFacts> = {}): RouteFacts => ({
  category: null,
  tier: 'individual',
  vip: false,
  channel: 'webchat',
  groupMention: false,
  ...over,
});

describe('default routing', () => {
  it.each([
    ['delivery_delayed', 'supplier', 'normal'],
    ['invalid_card_key', 'supplier', 'normal'],
    ['topup_failed', 'supplier', 'normal'],
    ['payment_fault', 'payment', 'urgent'],
    ['order_state', 'payment', 'normal'],
    ['account_anomaly', 'security', 'urgent'],
    ['funds_security', 'security', 'urgent'],
    ['refund_dispute', 'disputes', 'normal'],
    ['not_as_described', 'disputes', 'normal'],
    ['licence_activation', 'tech', 'normal'],
    ['feature_malfunction', 'tech', 'normal'],
    ['how_to', 'general', 'normal'],
    ['membership', 'general', 'normal'],
  ] as const)('routes a player’s %s ticket to %s at %s', (category, team, priority) => {
    expect(route(DEFAULT_ROUTING, player({ category }))).toMatchObject({ team, priority });
  });

  it('queues unclassified tickets in the general team by the fallback', () => {
    expect(route(DEFAULT_ROUTING, player())).toEqual({ team: 'general', priority: 'normal', reasons: ['fallback'] });
  });

  it('sends enterprise VIPs to the senior team with raised priority, but keeps security cases with security', () => {
    const vip = { tier: 'enterprise', vip: true } as const;
    expect(route(DEFAULT_ROUTING, player({ ...vip, category: 'delivery_delayed' }))).toEqual({
      team: 'senior',
      priority: 'high',
      reasons: ['enterprise-vip', 'vip', 'business-lane'],
    });
    expect(route(DEFAULT_ROUTING, player({ ...vip, category: 'account_anomaly' }))).toMatchObject({
      team: 'security',
      priority: 'urgent',
    });
  });

  it('gives merchants the priority lane and group @mentions priority without changing the team', () => {
    expect(route(DEFAULT_ROUTING, player({ tier: 'merchant', category: 'how_to' }))).toMatchObject({
      team: 'general',
      priority: 'high',
    });
    expect(route(DEFAULT_ROUTING, player({ channel: 'qq', groupMention: true, category: 'topup_failed' }))).toEqual({
      team: 'supplier',
      priority: 'high',
      reasons: ['supplier', 'group-mention'],
    });
  });

  it('never lowers a priority through a boost', () => {
    const facts = fc.record({
      category: fc.option(fc.constantFrom(...CATEGORIES)),
      tier: fc.constantFrom(...TIERS),
      vip: fc.boolean(),
      channel: fc.constantFrom(...CHANNELS),
      groupMention: fc.boolean(),
    });
    fc.assert(
      fc.property(facts, (f) => {
        const base = route({ ...DEFAULT_ROUTING, boosts: [] }, f).priority;
        const boosted = route(DEFAULT_ROUTING, f).priority;
        expect(maxPriority(base, boosted)).toBe(boosted);
      }),
    );
  });
});

describe('rule matching', () => {
  it('applies the first matching rule, not the most specific one', () => {
    const config = RoutingConfig.parse({
      rules: [
        { id: 'all-qq', when: { channels: ['qq'] }, team: 'general' },
        { id: 'qq-payment', when: { channels: ['qq'], categories: ['payment_fault'] }, team: 'payment' },
      ],
      fallback: { team: 'general', priority: 'low' },
      boosts: [],
    });
    expect(route(config, player({ channel: 'qq', category: 'payment_fault' })).reasons).toEqual(['all-qq']);
  });

  it('requires every given field to hold and a known category for category lists', () => {
    const when = { categories: ['how_to' as const], tiers: ['merchant' as const], vip: false };
    expect(meets(when, player({ category: 'how_to', tier: 'merchant' }))).toBe(true);
    expect(meets(when, player({ category: 'how_to' }))).toBe(false);
    expect(meets(when, player({ category: null, tier: 'merchant' }))).toBe(false);
    expect(meets({}, player())).toBe(true);
    expect(meets({ priorities: ['high'] }, player())).toBe(false);
    expect(meets({ priorities: ['high'] }, { ...player(), priority: 'high' })).toBe(true);
  });
});

describe('routing config validation', () => {
  it('round-trips the defaults through JSON', () => {
    expect(RoutingConfig.parse(JSON.parse(JSON.stringify(DEFAULT_ROUTING)))).toEqual(DEFAULT_ROUTING);
  });

  it('rejects duplicate ids, unknown teams and fields, empty lists and priorities in routing conditions', () => {
    const base = { fallback: { team: 'general', priority: 'normal' }, boosts: [] };
    const rule = { id: 'a', when: {}, team: 'tech' };
    expect(RoutingConfig.safeParse({ ...base, rules: [rule, rule] }).success).toBe(false);
    expect(RoutingConfig.safeParse({ ...base, rules: [{ ...rule, team: 'sales' }] }).success).toBe(false);
    expect(RoutingConfig.safeParse({ ...base, rules: [{ ...rule, colour: 'red' }] }).success).toBe(false);
    expect(RoutingConfig.safeParse({ ...base, rules: [{ ...rule, when: { categories: [] } }] }).success).toBe(false);
    expect(RoutingConfig.safeParse({ ...base, rules: [{ ...rule, when: { priorities: ['high'] } }] }).success).toBe(false);
    expect(RoutingConfig.safeParse({ ...base, rules: [{ ...rule, id: 'Has Space' }] }).success).toBe(false);
    expect(RoutingConfig.safeParse({ ...base, rules: [rule] }).success).toBe(true);
  });
});

describe('priority steps', () => {
  it('raises by steps and stops at urgent', () => {
    expect(raisePriority('low')).toBe('normal');
    expect(raisePriority('normal', 2)).toBe('urgent');
    expect(raisePriority('urgent')).toBe('urgent');
    fc.assert(
      fc.property(fc.constantFrom(...PRIORITIES), fc.nat(5), (p, n) => {
        expect(maxPriority(p, raisePriority(p, n))).toBe(raisePriority(p, n));
      }),
    );
  });
});
