import { type Compensation, LIABLE_PARTIES } from '../../../protocol/compensation';
import { CATEGORIES, type Category, type Channel, CHANNELS, type Priority } from '../../../protocol/entities';
import { type Attainment, type Percentiles, type ServiceReport, UNCLASSIFIED } from '../../../protocol/reports';
import { settlementTotals } from '../compensation/settlement';
import { meets } from '../routing/conditions';
import { planSla, type SlaRules, type SlaTicket } from '../sla/ticket';
import { chinaDay } from './period';

// The report's figures as plain functions of rows; load.ts fetches the rows.

/** Nearest-rank percentile of ascending values: the smallest value with at least p % of the sample at or below it. */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

export function percentiles(values: readonly number[]): Percentiles {
  const sorted = [...values].sort((a, b) => a - b);
  return { count: sorted.length, p50: percentile(sorted, 50), p90: percentile(sorted, 90), p99: percentile(sorted, 99) };
}

/** part / whole, or null when there is nothing to divide by. */
export const rate = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);

/** A conversation created in the period. Times are epoch ms. */
export interface CreatedTicket {
  createdAt: number;
  channel: Channel;
  category: Category | null;
  repeat: boolean;
  /** The first public agent reply, if any. */
  firstReplyAt: number | null;
}

function countBy<K extends string>(keys: readonly K[], order: readonly K[]): Array<{ key: K; count: number }> {
  const counts = new Map<K, number>();
  for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
  return order.filter((k) => counts.has(k)).map((key) => ({ key, count: counts.get(key)! }));
}

const categoryKey = (t: CreatedTicket) => t.category ?? UNCLASSIFIED;
const CATEGORY_ORDER = [...CATEGORIES, UNCLASSIFIED] as const;

/** Conversations by category and channel, for the period and per China-time day; most frequent first. */
export function volume(tickets: readonly CreatedTicket[], days: readonly string[]): ServiceReport['volume'] {
  const byDay = new Map(days.map((day) => [day, { day, total: 0, byCategory: {} as Record<string, number>, byChannel: {} as Record<string, number> }]));
  for (const t of tickets) {
    const d = byDay.get(chinaDay(t.createdAt));
    if (!d) continue;
    d.total += 1;
    d.byCategory[categoryKey(t)] = (d.byCategory[categoryKey(t)] ?? 0) + 1;
    d.byChannel[t.channel] = (d.byChannel[t.channel] ?? 0) + 1;
  }
  const desc = <T extends { count: number }>(rows: T[]) => rows.sort((a, b) => b.count - a.count);
  return {
    total: tickets.length,
    byCategory: desc(countBy(tickets.map(categoryKey), CATEGORY_ORDER)),
    byChannel: desc(countBy(tickets.map((t) => t.channel), CHANNELS)),
    byDay: [...byDay.values()],
  };
}

export const firstResponseTimes = (tickets: readonly CreatedTicket[]): Percentiles =>
  percentiles(tickets.flatMap((t) => (t.firstReplyAt === null ? [] : [t.firstReplyAt - t.createdAt])));

export function repeatContacts(tickets: readonly CreatedTicket[]): ServiceReport['repeatContacts'] {
  const repeats = tickets.filter((t) => t.repeat).length;
  return { conversations: tickets.length, repeats, rate: rate(repeats, tickets.length) };
}

/** What a resolved ticket counts for. */
export interface TicketOutcome {
  resolvedAt: number;
  resolutionMs: number;
  /**
   * Resolved at first contact: never reopened, and the customer did not have to write again
   * between the first answer and the resolution.
   */
  firstContact: boolean;
  slaMet: boolean;
  /** The first (most specific) SLA policy matching the ticket. */
  policyId: string;
  priority: Priority;
}

/** The outcome of a ticket whose current status is resolved; null if its timeline shows no resolution. */
export function outcomeOf(ticket: SlaTicket, rules: SlaRules): TicketOutcome | null {
  const resolution = ticket.timeline.findLast((e) => e.type === 'status' && e.status === 'resolved');
  if (!resolution) return null;
  const resolvedAt = resolution.at;
  const timeline = ticket.timeline.filter((e) => e.at <= resolvedAt);
  const createdAt = timeline[0]!.at;
  let resolvedBefore = false;
  let reopened = false;
  for (const e of timeline) {
    if (e.type !== 'status') continue;
    if (e.status === 'resolved') resolvedBefore = true;
    else if (resolvedBefore) reopened = true;
  }
  const firstReply = timeline.find((e) => e.type === 'agent_reply');
  const askedAgain = firstReply !== undefined && timeline.some((e) => e.type === 'customer_message' && e.at > firstReply.at && e.at < resolvedAt);
  const { sla } = planSla({ ...ticket, timeline }, rules, resolvedAt);
  return {
    resolvedAt,
    resolutionMs: resolvedAt - createdAt,
    firstContact: !reopened && !askedAgain,
    slaMet: sla.state !== 'breached',
    policyId: rules.sla.policies.find((p) => meets(p.when, ticket.facts))!.id,
    priority: ticket.facts.priority,
  };
}

/** Met and breached per key, in `order`, keys without tickets left out. */
export function attainmentBy<K extends string>(outcomes: readonly TicketOutcome[], keyOf: (o: TicketOutcome) => K, order: readonly K[]) {
  const groups = new Map<K, { met: number; breached: number }>();
  for (const o of outcomes) {
    const g = groups.get(keyOf(o)) ?? { met: 0, breached: 0 };
    if (o.slaMet) g.met += 1;
    else g.breached += 1;
    groups.set(keyOf(o), g);
  }
  return order.filter((k) => groups.has(k)).map((key) => attainment(key, groups.get(key)!));
}

export const attainment = <K extends string>(key: K, g: { met: number; breached: number }): Attainment & { key: K } => ({
  key,
  ...g,
  attainment: rate(g.met, g.met + g.breached),
});

export function firstContactResolution(outcomes: readonly TicketOutcome[]): ServiceReport['firstContactResolution'] {
  const firstContact = outcomes.filter((o) => o.firstContact).length;
  return { resolved: outcomes.length, firstContact, rate: rate(firstContact, outcomes.length) };
}

/** Surveys sent in the period; score null while unanswered. */
export function csat(surveys: ReadonlyArray<{ score: number | null }>): ServiceReport['csat'] {
  const scores = surveys.flatMap((s) => (s.score === null ? [] : [s.score]));
  const distribution = [1, 2, 3, 4, 5].map((n) => scores.filter((s) => s === n).length);
  return {
    sent: surveys.length,
    answered: scores.length,
    responseRate: rate(scores.length, surveys.length),
    average: scores.length === 0 ? null : scores.reduce((a, b) => a + b, 0) / scores.length,
    csat: rate(distribution[3]! + distribution[4]!, scores.length),
    distribution,
  };
}

/** 先行赔付 by cause (largest amount first), by liable party and, for supplier-liable records, by supplier. */
export function compensation(records: readonly Compensation[]): ServiceReport['compensation'] {
  const sum = <K extends string>(keyOf: (r: Compensation) => K) => {
    const rows = new Map<K, { key: K; count: number; amountCents: number }>();
    for (const r of records) {
      const row = rows.get(keyOf(r)) ?? { key: keyOf(r), count: 0, amountCents: 0 };
      row.count += 1;
      row.amountCents += r.amountCents;
      rows.set(row.key, row);
    }
    return rows;
  };
  const liability = sum((r) => r.liable);
  return {
    count: records.length,
    amountCents: records.reduce((a, r) => a + r.amountCents, 0),
    byCause: [...sum((r) => r.cause).values()].sort((a, b) => b.amountCents - a.amountCents || a.key.localeCompare(b.key, 'zh-CN')),
    byLiability: LIABLE_PARTIES.filter((p) => liability.has(p)).map((p) => liability.get(p)!),
    bySupplier: settlementTotals(records).map(({ supplier, count, amountCents, pendingCents, settledCents }) => ({
      supplier,
      count,
      amountCents,
      pendingCents,
      settledCents,
    })),
  };
}
