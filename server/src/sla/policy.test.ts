import { describe, expect, it } from 'vitest';
import type { TicketFacts } from '../routing/conditions';
import type { Priority } from '../../../protocol/entities';
import { DEFAULT_SLA, resolveTargets, SlaConfig } from './policy';

const SEC = 1000;
const MIN = 60 * SEC;
const HOUR = 60 * MIN;

type Facts = TicketFacts & { priority: Priority };
const ticket = (over: Partial<Facts> = {}): Facts => ({
  category: 'how_to',
  tier: 'individual',
  vip: false,
  channel: 'webchat',
  groupMention: false,
  priority: 'normal',
  ...over,
});

const summary = (facts: Facts, peak = false) => {
  const t = resolveTargets(DEFAULT_SLA, facts, peak);
  return Object.fromEntries(Object.entries(t).map(([k, v]) => [k, `${v.policyId} ${v.ms / SEC}s ${v.clock}`]));
};

describe('default SLA targets', () => {
  it('answers live chat in 30 s (1 min at peak), round the clock', () => {
    expect(summary(ticket())).toEqual({
      firstResponse: 'chat 30s always',
      nextResponse: 'chat 60s always',
      resolution: 'default 7200s business',
    });
    expect(summary(ticket({ channel: 'wecom' }), true)).toMatchObject({ firstResponse: 'chat 60s always', nextResponse: 'chat 120s always' });
  });

  it('follows group @mentions within 10 min', () => {
    expect(summary(ticket({ channel: 'qq', groupMention: true }))).toMatchObject({
      firstResponse: 'group-mention 600s always',
      nextResponse: 'group-mention 600s always',
    });
  });

  it('acts on urgent faults within 10 min round the clock and warns after the 5-minute golden time', () => {
    const t = resolveTargets(DEFAULT_SLA, ticket({ channel: 'email', category: 'account_anomaly', priority: 'urgent' }), false);
    expect(t.firstResponse).toEqual({ policyId: 'urgent', ms: 10 * MIN, clock: 'always', warnAt: 0.5 });
    expect(t.resolution).toMatchObject({ policyId: 'default', ms: 2 * HOUR });
    // In a chat the chat figure is the stricter promise and comes first.
    expect(summary(ticket({ priority: 'urgent' })).firstResponse).toBe('chat 30s always');
  });

  it('answers email in writing within 48 business hours', () => {
    expect(summary(ticket({ channel: 'email' }))).toMatchObject({
      firstResponse: 'email 172800s business',
      nextResponse: 'email 172800s business',
    });
  });

  it('gives disputes 24 h for a verdict while other figures fall through to later policies', () => {
    expect(summary(ticket({ channel: 'form', category: 'refund_dispute' }))).toEqual({
      firstResponse: 'default 600s business',
      nextResponse: 'default 600s business',
      resolution: 'disputes 86400s business',
    });
  });

  it('gives enterprises their own response figures and everyone else 10 min and 2 h', () => {
    expect(summary(ticket({ channel: 'phone', tier: 'enterprise' })).firstResponse).toBe('enterprise 300s business');
    expect(summary(ticket({ channel: 'form', category: null }))).toEqual({
      firstResponse: 'default 600s business',
      nextResponse: 'default 600s business',
      resolution: 'default 7200s business',
    });
  });
});

describe('SLA config validation', () => {
  const catchAll = {
    id: 'default',
    when: {},
    targets: {
      firstResponse: { ms: 600_000, clock: 'business' },
      nextResponse: { ms: 600_000, clock: 'business' },
      resolution: { ms: 7_200_000, clock: 'business' },
    },
  };
  const base = { warnAt: 0.8, pauseStatuses: ['waiting_customer'], policies: [catchAll] };

  it('round-trips the defaults through JSON', () => {
    expect(SlaConfig.parse(JSON.parse(JSON.stringify(DEFAULT_SLA)))).toEqual(DEFAULT_SLA);
    expect(SlaConfig.safeParse(base).success).toBe(true);
  });

  it.each([
    ['a last policy that does not match everything', { ...base, policies: [{ ...catchAll, when: { tiers: ['merchant'] } }] }],
    ['a last policy without every target', { ...base, policies: [{ ...catchAll, targets: { resolution: catchAll.targets.resolution } }] }],
    ['duplicate policy ids', { ...base, policies: [catchAll, catchAll] }],
    ['a peak target stricter than the normal one', {
      ...base,
      policies: [{ ...catchAll, targets: { ...catchAll.targets, firstResponse: { ms: 60_000, peakMs: 30_000, clock: 'always' } } }],
    }],
    ['a warning share of 1', { ...base, warnAt: 1 }],
    ['pausing on open tickets', { ...base, pauseStatuses: ['open'] }],
    ['an unknown clock', { ...base, policies: [{ ...catchAll, targets: { ...catchAll.targets, resolution: { ms: 1, clock: 'lunar' } } }] }],
  ])('rejects %s', (_, config) => {
    expect(SlaConfig.safeParse(config).success).toBe(false);
  });
});
