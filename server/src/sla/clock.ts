import type { ConversationStatus } from '../../../protocol/entities';
import { statusAfterAgentReply, statusAfterCustomerMessage } from '../conversations/ownership';
import { addBusinessTime, ALWAYS_OPEN, type BusinessCalendar, businessTimeBetween } from './calendar';
import type { ResolvedTarget, SlaMetric, SlaTargets } from './policy';

/**
 * What happened to a ticket, in epoch ms. Replies are public agent replies only (internal
 * notes answer nobody). Status changes that a message implies (a customer writing ends
 * waiting_customer) are applied as the server applies them, so they need not be listed.
 */
export type TimelineEvent =
  | { at: number; type: 'created' }
  | { at: number; type: 'customer_message' }
  | { at: number; type: 'agent_reply' }
  | { at: number; type: 'status'; status: ConversationStatus };

export type ClockState = 'ok' | 'warning' | 'breached' | 'met' | 'paused';

export interface SlaClock {
  policyId: string;
  state: ClockState;
  targetMs: number;
  /** Counted time so far: open time on the target's clock, pauses left out. */
  elapsedMs: number;
  /** Negative once breached: how far over the target. */
  remainingMs: number;
  /** When the target is or was reached, if the clock runs on from now; null while paused or if it stopped before. */
  dueAt: number | null;
  startedAt: number;
  stoppedAt: number | null;
}

export interface SlaEvaluation {
  firstResponse: SlaClock;
  /** The latest wait for an answer after the first one; null until the customer writes again. */
  nextResponse: SlaClock | null;
  resolution: SlaClock;
}

export interface SlaInput {
  timeline: readonly TimelineEvent[];
  targets: SlaTargets;
  /** The owning team's calendar, for targets on the 'business' clock. */
  calendar: BusinessCalendar;
  /** Statuses that stop the clocks for as long as they last (SlaConfig.pauseStatuses). */
  pauseStatuses: readonly ConversationStatus[];
  now: number;
}

interface Span {
  from: number;
  to: number;
  status: ConversationStatus;
}

interface History {
  createdAt: number;
  /** The evaluation instant, never before createdAt. */
  now: number;
  /** The ticket's status over [createdAt, now], in order. */
  spans: Span[];
  firstReplyAt: number | null;
  /** The latest customer message (or run of them) after an agent reply, and the reply that answered it. */
  cycle: { start: number; end: number | null } | null;
}

function replay(timeline: readonly TimelineEvent[], asOf: number): History {
  const createdAt = timeline.find((e) => e.type === 'created')?.at;
  if (createdAt === undefined) throw new Error('an SLA timeline starts with its created event');
  // A `now` read from a clock slightly behind the one that stamped the ticket counts as its creation.
  const now = Math.max(asOf, createdAt);
  // A stable sort keeps same-instant events in the order given.
  const events = timeline.filter((e) => e.at <= now).sort((a, b) => a.at - b.at);
  const spans: Span[] = [];
  let status: ConversationStatus = 'new';
  let since = createdAt;
  const moveTo = (next: ConversationStatus, at: number) => {
    if (next === status) return;
    spans.push({ from: since, to: at, status });
    status = next;
    since = at;
  };
  let firstReplyAt: number | null = null;
  let cycle: History['cycle'] = null;
  for (const e of events) {
    if (e.at < createdAt) continue;
    if (e.type === 'customer_message') {
      moveTo(statusAfterCustomerMessage(status), e.at);
      if (firstReplyAt !== null && (cycle === null || cycle.end !== null)) cycle = { start: e.at, end: null };
    } else if (e.type === 'agent_reply') {
      moveTo(statusAfterAgentReply(status), e.at);
      firstReplyAt ??= e.at;
      if (cycle && cycle.end === null) cycle.end = e.at;
    } else if (e.type === 'status') {
      moveTo(e.status, e.at);
    }
  }
  spans.push({ from: since, to: now, status });
  return { createdAt, now, spans, firstReplyAt, cycle };
}

interface ClockRun {
  target: ResolvedTarget;
  calendar: BusinessCalendar;
  spans: readonly Span[];
  /** Statuses during which the clock stands still. */
  paused: ReadonlySet<ConversationStatus>;
  start: number;
  /** When the clock stopped for good (answered, resolved); null while it still runs. */
  stop: number | null;
  now: number;
}

function runClock({ target, calendar, spans, paused, start, stop, now }: ClockRun): SlaClock {
  const cal = target.clock === 'always' ? ALWAYS_OPEN : calendar;
  const end = stop ?? now;
  let elapsed = 0;
  let dueAt: number | null = null;
  for (const span of spans) {
    const from = Math.max(span.from, start);
    const to = Math.min(span.to, end);
    if (to <= from || paused.has(span.status)) continue;
    const part = businessTimeBetween(cal, from, to);
    if (dueAt === null && elapsed + part >= target.ms) dueAt = addBusinessTime(cal, from, target.ms - elapsed);
    elapsed += part;
  }
  const pausedNow = stop === null && paused.has(spans.at(-1)!.status);
  if (dueAt === null && stop === null && !pausedNow) dueAt = addBusinessTime(cal, now, target.ms - elapsed);
  const state: ClockState =
    elapsed > target.ms
      ? 'breached'
      : stop !== null
        ? 'met'
        : pausedNow
          ? 'paused'
          : elapsed >= target.warnAt * target.ms
            ? 'warning'
            : 'ok';
  return {
    policyId: target.policyId,
    state,
    targetMs: target.ms,
    elapsedMs: elapsed,
    remainingMs: target.ms - elapsed,
    dueAt,
    startedAt: start,
    stoppedAt: stop,
  };
}

/**
 * The ticket's three SLA clocks at `now`. Every clock stands still in the pause statuses and
 * while the ticket is resolved; a ticket that is resolved now stops them all (a first
 * response is no longer owed), and reopening it runs them on.
 */
export function evaluateSla(input: SlaInput): SlaEvaluation {
  const { targets, calendar } = input;
  const h = replay(input.timeline, input.now);
  const last = h.spans.at(-1)!;
  const resolvedAt = last.status === 'resolved' ? last.from : null;
  const paused = new Set<ConversationStatus>([...input.pauseStatuses, 'resolved']);
  const clock = (metric: SlaMetric, start: number, answeredAt: number | null) =>
    runClock({ target: targets[metric], calendar, spans: h.spans, paused, start, stop: answeredAt ?? resolvedAt, now: h.now });
  return {
    firstResponse: clock('firstResponse', h.createdAt, h.firstReplyAt),
    nextResponse: h.cycle && clock('nextResponse', h.cycle.start, h.cycle.end),
    resolution: clock('resolution', h.createdAt, null),
  };
}
