import type { Priority } from '../../../protocol/entities';
import type { TicketFacts } from '../routing/conditions';
import { ALWAYS_OPEN, type BusinessCalendar } from './calendar';
import { type ClockState, evaluateSla, type SlaClock, type SlaEvaluation, type TimelineEvent } from './clock';
import { type Escalation, type EscalationRule, escalationsFor } from './escalation';
import { resolveTargets, type SlaConfig } from './policy';

/** A ticket's SLA as its conversation row carries it: one state and the due times of the running clocks. */
export interface TicketSla {
  state: ClockState;
  firstResponseDueAt: number | null;
  nextResponseDueAt: number | null;
  resolutionDueAt: number | null;
}

export interface SlaTicket {
  id: string;
  facts: TicketFacts & { priority: Priority };
  timeline: readonly TimelineEvent[];
  /** What the row shows now; null when the ticket is not on an SLA clock. */
  stored: TicketSla | null;
  /** Escalation keys already acted on. */
  fired: ReadonlySet<string>;
}

export interface SlaRules {
  sla: SlaConfig;
  escalations: readonly EscalationRule[];
  peak: boolean;
  /** Working time of targets on the 'business' clock; round the clock when not given. */
  calendar?: BusinessCalendar;
}

export interface SlaPlan {
  evaluation: SlaEvaluation;
  sla: TicketSla;
  /** The row must be updated (and so synced). */
  changed: boolean;
  escalations: Escalation[];
}

/**
 * The most pressing running clock decides the state; with none running the ticket is paused
 * (waiting on the customer) or finished, met only if no clock ran over.
 */
export function summarise(e: SlaEvaluation): TicketSla {
  const clocks = [e.firstResponse, e.nextResponse, e.resolution].filter((c): c is SlaClock => c !== null);
  const running = clocks.filter((c) => c.stoppedAt === null);
  const any = (list: SlaClock[], state: ClockState) => list.some((c) => c.state === state);
  const state: ClockState =
    (['breached', 'warning', 'ok', 'paused'] as const).find((s) => any(running, s)) ?? (any(clocks, 'breached') ? 'breached' : 'met');
  const due = (c: SlaClock | null) => (c && c.stoppedAt === null ? c.dueAt : null);
  return {
    state,
    firstResponseDueAt: due(e.firstResponse),
    nextResponseDueAt: due(e.nextResponse),
    resolutionDueAt: due(e.resolution),
  };
}

const sameSla = (a: TicketSla | null, b: TicketSla) =>
  a !== null &&
  a.state === b.state &&
  a.firstResponseDueAt === b.firstResponseDueAt &&
  a.nextResponseDueAt === b.nextResponseDueAt &&
  a.resolutionDueAt === b.resolutionDueAt;

/**
 * Where the ticket stands at `now` and which escalations are due. Targets are resolved
 * from the ticket's current facts each time, so a raised priority or a corrected category
 * takes effect at once. 'business' targets count the workspace's office hours and skip its holidays.
 */
export function planSla(ticket: SlaTicket, rules: SlaRules, now: number): SlaPlan {
  const evaluation = evaluateSla({
    timeline: ticket.timeline,
    targets: resolveTargets(rules.sla, ticket.facts, rules.peak),
    calendar: rules.calendar ?? ALWAYS_OPEN,
    pauseStatuses: rules.sla.pauseStatuses,
    now,
  });
  const sla = summarise(evaluation);
  return { evaluation, sla, changed: !sameSla(ticket.stored, sla), escalations: escalationsFor(evaluation, rules.escalations, ticket.fired) };
}
