import { describe, expect, it } from 'vitest';
import type { Compensation } from '../../../protocol/compensation';
import { ReportQuery } from '../../../protocol/reports';
import { DEFAULT_POLICIES } from '../pipeline/policies';
import type { TimelineEvent } from '../sla/clock';
import type { SlaTicket } from '../sla/ticket';
import {
  attainmentBy,
  compensation,
  type CreatedTicket,
  csat,
  firstContactResolution,
  firstResponseTimes,
  outcomeOf,
  percentile,
  percentiles,
  repeatContacts,
  type TicketOutcome,
  volume,
} from './metrics';
import { chinaDay, reportPeriod } from './period';

const SEC = 1000;
const MIN = 60 * SEC;
const T0 = Date.parse('2026-11-10T02:00:00Z');

describe('percentiles (nearest rank)', () => {
  const oneToTen = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

  it('takes the smallest value with at least p % at or below it', () => {
    expect(percentile(oneToTen, 50)).toBe(5);
    expect(percentile(oneToTen, 90)).toBe(9);
    expect(percentile(oneToTen, 99)).toBe(10);
    const hundred = Array.from({ length: 100 }, (_, i) => i + 1);
    expect([percentile(hundred, 50), percentile(hundred, 90), percentile(hundred, 99)]).toEqual([50, 90, 99]);
  });

  it('sorts its input and has no figure without a sample', () => {
    expect(percentiles([30, 10, 20])).toEqual({ count: 3, p50: 20, p90: 30, p99: 30 });
    expect(percentiles([7])).toEqual({ count: 1, p50: 7, p90: 7, p99: 7 });
    expect(percentiles([])).toEqual({ count: 0, p50: null, p90: null, p99: null });
  });
});

describe('report period', () => {
  it('runs a month from midnight to midnight China time', () => {
    const p = reportPeriod({ month: '2026-11' });
    expect(p.start.toISOString()).toBe('2026-10-31T16:00:00.000Z');
    expect(p.end.toISOString()).toBe('2026-11-30T16:00:00.000Z');
    expect(p.days).toHaveLength(30);
    expect([p.days[0], p.days.at(-1), p.label]).toEqual(['2026-11-01', '2026-11-30', '2026-11']);
    expect(reportPeriod({ month: '2028-02' }).days).toHaveLength(29);
  });

  it('takes an inclusive day range', () => {
    const p = reportPeriod({ from: '2026-12-30', to: '2027-01-02' });
    expect(p.days).toEqual(['2026-12-30', '2026-12-31', '2027-01-01', '2027-01-02']);
    expect(p.end.toISOString()).toBe('2027-01-02T16:00:00.000Z');
    expect(p.label).toBe('2026-12-30..2027-01-02');
  });

  it('accepts a month or a bounded range, nothing else', () => {
    const ok = (q: object) => ReportQuery.safeParse(q).success;
    expect(ok({ month: '2026-11' })).toBe(true);
    expect(ok({ from: '2026-11-01', to: '2027-01-31' })).toBe(true); // 92 days
    expect(ok({ from: '2026-11-01', to: '2027-02-01' })).toBe(false); // 93 days
    expect(ok({ month: '2026-13' })).toBe(false);
    expect(ok({})).toBe(false);
    expect(ok({ month: '2026-11', from: '2026-11-01', to: '2026-11-02' })).toBe(false);
    expect(ok({ from: '2026-11-01' })).toBe(false);
    expect(ok({ from: '2026-11-05', to: '2026-11-04' })).toBe(false);
    expect(ok({ from: '2026-02-30', to: '2026-03-02' })).toBe(false);
  });

  it('buckets instants by the China-time calendar day', () => {
    expect(chinaDay(Date.parse('2026-11-01T15:59:59Z'))).toBe('2026-11-01');
    expect(chinaDay(Date.parse('2026-11-01T16:00:00Z'))).toBe('2026-11-02');
  });
});

const created = (at: string, over: Partial<CreatedTicket> = {}): CreatedTicket => ({
  createdAt: Date.parse(at),
  channel: 'webchat',
  category: 'delivery_delayed',
  repeat: false,
  firstReplyAt: null,
  ...over,
});

describe('volume, first response and repeat contacts', () => {
  const tickets = [
    created('2026-11-01T15:59:59Z', { firstReplyAt: Date.parse('2026-11-01T16:00:29Z') }),
    created('2026-11-01T16:00:00Z', { channel: 'email', category: null, firstReplyAt: Date.parse('2026-11-01T17:00:00Z') }),
    created('2026-11-02T03:00:00Z', { channel: 'email', category: 'how_to', repeat: true }),
    created('2026-11-02T04:00:00Z', { category: 'how_to', firstReplyAt: Date.parse('2026-11-02T04:00:10Z') }),
  ];

  it('counts by category and channel, most first, and per China day', () => {
    const v = volume(tickets, ['2026-11-01', '2026-11-02', '2026-11-03']);
    expect(v.total).toBe(4);
    expect(v.byCategory).toEqual([
      { key: 'how_to', count: 2 },
      { key: 'delivery_delayed', count: 1 },
      { key: 'unclassified', count: 1 },
    ]);
    expect(v.byChannel).toEqual([
      { key: 'webchat', count: 2 },
      { key: 'email', count: 2 },
    ]);
    expect(v.byDay).toEqual([
      { day: '2026-11-01', total: 1, byCategory: { delivery_delayed: 1 }, byChannel: { webchat: 1 } },
      { day: '2026-11-02', total: 3, byCategory: { unclassified: 1, how_to: 2 }, byChannel: { email: 2, webchat: 1 } },
      { day: '2026-11-03', total: 0, byCategory: {}, byChannel: {} },
    ]);
  });

  it('measures first response on answered tickets only', () => {
    expect(firstResponseTimes(tickets)).toEqual({ count: 3, p50: 30 * SEC, p90: 60 * MIN, p99: 60 * MIN });
  });

  it('rates repeat contacts over all conversations', () => {
    expect(repeatContacts(tickets)).toEqual({ conversations: 4, repeats: 1, rate: 0.25 });
    expect(repeatContacts([])).toEqual({ conversations: 0, repeats: 0, rate: null });
  });
});

type Step = readonly [number, 'agent_reply' | 'customer_message'] | readonly [number, 'status', string];

const ticket = (events: readonly Step[], over: Partial<SlaTicket['facts']> = {}): SlaTicket => ({
  id: 't',
  facts: { category: 'delivery_delayed', tier: 'individual', vip: false, channel: 'webchat', groupMention: false, priority: 'normal', ...over },
  timeline: [
    { at: T0, type: 'created' },
    ...events.map(([offset, type, status]) =>
      type === 'status' ? ({ at: T0 + offset, type, status } as TimelineEvent) : ({ at: T0 + offset, type } as TimelineEvent),
    ),
  ],
  stored: null,
  fired: new Set(),
});

describe('ticket outcomes', () => {
  it('a chat answered in 20 s and resolved in 10 min: first contact, SLA met under the chat policy', () => {
    expect(outcomeOf(ticket([[20 * SEC, 'agent_reply'], [10 * MIN, 'status', 'resolved']]), DEFAULT_POLICIES)).toEqual({
      resolvedAt: T0 + 10 * MIN,
      resolutionMs: 10 * MIN,
      firstContact: true,
      slaMet: true,
      policyId: 'chat',
      priority: 'normal',
    });
  });

  it('a chat first answered after 45 s breaches the 30 s target', () => {
    const o = outcomeOf(ticket([[45 * SEC, 'agent_reply'], [5 * MIN, 'status', 'resolved']]), DEFAULT_POLICIES)!;
    expect([o.slaMet, o.firstContact]).toEqual([false, true]);
  });

  it('an email resolved after 3 h breaches the default 2 h resolution target', () => {
    const o = outcomeOf(ticket([[30 * MIN, 'agent_reply'], [3 * 60 * MIN, 'status', 'resolved']], { channel: 'email', priority: 'high' }), DEFAULT_POLICIES)!;
    expect(o).toMatchObject({ slaMet: false, policyId: 'email', priority: 'high', resolutionMs: 3 * 60 * MIN });
  });

  it('is not first contact when the customer had to write again after the first answer', () => {
    const events = [[10 * SEC, 'agent_reply'], [2 * MIN, 'customer_message'], [3 * MIN, 'agent_reply'], [4 * MIN, 'status', 'resolved']] as const;
    expect(outcomeOf(ticket(events), DEFAULT_POLICIES)!.firstContact).toBe(false);
    // Messages before the first answer (the customer adding details) do not count against it.
    const early = [[5 * SEC, 'customer_message'], [10 * SEC, 'agent_reply'], [4 * MIN, 'status', 'resolved']] as const;
    expect(outcomeOf(ticket(early), DEFAULT_POLICIES)!.firstContact).toBe(true);
  });

  it('takes the last resolution of a reopened ticket, which is not first contact', () => {
    const o = outcomeOf(
      ticket([[10 * SEC, 'agent_reply'], [MIN, 'status', 'resolved'], [60 * MIN, 'status', 'open'], [61 * MIN, 'agent_reply'], [62 * MIN, 'status', 'resolved']]),
      DEFAULT_POLICIES,
    )!;
    expect([o.resolvedAt, o.resolutionMs, o.firstContact]).toEqual([T0 + 62 * MIN, 62 * MIN, false]);
  });

  it('has no outcome without a resolution', () => {
    expect(outcomeOf(ticket([[10 * SEC, 'agent_reply']]), DEFAULT_POLICIES)).toBeNull();
  });
});

const outcome = (slaMet: boolean, policyId: string, priority: TicketOutcome['priority'], firstContact = true): TicketOutcome => ({
  resolvedAt: T0,
  resolutionMs: MIN,
  firstContact,
  slaMet,
  policyId,
  priority,
});

describe('attainment and first-contact resolution', () => {
  const outcomes = [outcome(true, 'chat', 'normal'), outcome(false, 'chat', 'high', false), outcome(true, 'chat', 'normal'), outcome(true, 'email', 'high', false)];

  it('groups met and breached in the given order, leaving out empty groups', () => {
    expect(attainmentBy(outcomes, (o) => o.policyId, ['group-mention', 'chat', 'email', 'default'])).toEqual([
      { key: 'chat', met: 2, breached: 1, attainment: 2 / 3 },
      { key: 'email', met: 1, breached: 0, attainment: 1 },
    ]);
    expect(attainmentBy(outcomes, (o) => o.priority, ['low', 'normal', 'high', 'urgent'])).toEqual([
      { key: 'normal', met: 2, breached: 0, attainment: 1 },
      { key: 'high', met: 1, breached: 1, attainment: 0.5 },
    ]);
  });

  it('rates first-contact resolution over resolved tickets', () => {
    expect(firstContactResolution(outcomes)).toEqual({ resolved: 4, firstContact: 2, rate: 0.5 });
    expect(firstContactResolution([])).toEqual({ resolved: 0, firstContact: 0, rate: null });
  });
});

describe('CSAT', () => {
  it('counts answers 4–5 as satisfied, over answered surveys', () => {
    expect(csat([5, 4, 3, null, 1, 5].map((score) => ({ score })))).toEqual({
      sent: 6,
      answered: 5,
      responseRate: 5 / 6,
      average: 3.6,
      csat: 0.6,
      distribution: [1, 0, 1, 1, 2],
    });
    expect(csat([{ score: null }])).toEqual({ sent: 1, answered: 0, responseRate: 0, average: null, csat: null, distribution: [0, 0, 0, 0, 0] });
  });
});

const paid = (patch: Partial<Compensation>): Compensation => ({
  id: 'C',
  requestId: 'R',
  kind: 'refund',
  conversationId: 'T',
  orderId: null,
  customerId: 'CU',
  amountCents: 100,
  percent: null,
  cause: '供货商通道拥堵',
  note: '',
  supplier: null,
  liable: 'platform',
  settlementStatus: 'not_applicable',
  couponCode: null,
  reissuedKeys: [],
  createdBy: { id: null, name: '系统' },
  createdAt: '2026-11-05T00:00:00.000Z',
  ...patch,
});

describe('compensation', () => {
  it('totals by cause (largest first), by liable party and by liable supplier', () => {
    const c = compensation([
      paid({ amountCents: 500, liable: 'supplier', supplier: '星河卡业', settlementStatus: 'pending' }),
      paid({ amountCents: 1500, liable: 'supplier', supplier: '星河卡业', settlementStatus: 'settled' }),
      paid({ amountCents: 300, cause: '卡密失效', liable: 'supplier', supplier: '云端数卡', settlementStatus: 'pending' }),
      paid({ amountCents: 2500, cause: '卡密失效' }),
      paid({ amountCents: 0, cause: '客户误操作', liable: 'customer' }),
    ]);
    expect(c.count).toBe(5);
    expect(c.amountCents).toBe(4800);
    expect(c.byCause).toEqual([
      { key: '卡密失效', count: 2, amountCents: 2800 },
      { key: '供货商通道拥堵', count: 2, amountCents: 2000 },
      { key: '客户误操作', count: 1, amountCents: 0 },
    ]);
    expect(c.byLiability).toEqual([
      { key: 'platform', count: 1, amountCents: 2500 },
      { key: 'supplier', count: 3, amountCents: 2300 },
      { key: 'customer', count: 1, amountCents: 0 },
    ]);
    expect(c.bySupplier).toEqual([
      { supplier: '星河卡业', count: 2, amountCents: 2000, pendingCents: 500, settledCents: 1500 },
      { supplier: '云端数卡', count: 1, amountCents: 300, pendingCents: 300, settledCents: 0 },
    ]);
  });
});
