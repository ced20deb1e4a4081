import { describe, expect, it } from 'vitest';
import type { TimelineEvent } from './clock';
import { DEFAULT_ESCALATIONS } from './escalation';
import { DEFAULT_SLA } from './policy';
import { planSla, type SlaTicket } from './ticket';

const SEC = 1000;
const T0 = Date.parse('2026-11-22T02:00:00Z');
const rules = { sla: DEFAULT_SLA, escalations: DEFAULT_ESCALATIONS, peak: false };

const ticket = (timeline: TimelineEvent[], over: Partial<SlaTicket> = {}): SlaTicket => ({
  id: 't1',
  facts: { category: 'delivery_delayed', tier: 'individual', vip: false, channel: 'webchat', groupMention: false, priority: 'normal' },
  timeline: [{ at: T0, type: 'created' }, { at: T0, type: 'customer_message' }, ...timeline],
  stored: null,
  fired: new Set(),
  ...over,
});

describe('a ticket’s SLA', () => {
  it('is ok with the chat and resolution due times while the first answer is awaited', () => {
    expect(planSla(ticket([]), rules, T0 + 5 * SEC).sla).toEqual({
      state: 'ok',
      firstResponseDueAt: T0 + 30 * SEC,
      nextResponseDueAt: null,
      resolutionDueAt: T0 + 2 * 3_600_000,
    });
  });

  it('takes the most pressing running clock: a late first answer stays on record only while the ticket runs', () => {
    const late = ticket([{ at: T0 + 40 * SEC, type: 'agent_reply' }]);
    expect(planSla(late, rules, T0 + 60 * SEC).sla.state).toBe('ok');
    const resolved = ticket([
      { at: T0 + 40 * SEC, type: 'agent_reply' },
      { at: T0 + 60 * SEC, type: 'status', status: 'resolved' },
    ]);
    expect(planSla(resolved, rules, T0 + 90 * SEC).sla).toEqual({
      state: 'breached',
      firstResponseDueAt: null,
      nextResponseDueAt: null,
      resolutionDueAt: null,
    });
  });

  it('is met once resolved in time, paused while waiting on the customer', () => {
    const met = ticket([
      { at: T0 + 10 * SEC, type: 'agent_reply' },
      { at: T0 + 20 * SEC, type: 'status', status: 'resolved' },
    ]);
    expect(planSla(met, rules, T0 + 30 * SEC).sla.state).toBe('met');
    const waiting = ticket([
      { at: T0 + 10 * SEC, type: 'agent_reply' },
      { at: T0 + 20 * SEC, type: 'status', status: 'waiting_customer' },
    ]);
    expect(planSla(waiting, rules, T0 + 3 * 3_600_000).sla).toMatchObject({ state: 'paused', resolutionDueAt: null });
  });

  it('reports a change only when the row would change, and no escalation twice', () => {
    const first = planSla(ticket([]), rules, T0 + 25 * SEC);
    expect(first.changed).toBe(true);
    expect(first.escalations.map((e) => e.action)).toEqual(['notify_supervisor']);
    const again = planSla(ticket([], { stored: first.sla, fired: new Set(first.escalations.map((e) => e.key)) }), rules, T0 + 26 * SEC);
    expect(again).toMatchObject({ changed: false, escalations: [] });
  });
});
