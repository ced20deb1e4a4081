import type { ConversationStatus } from '../../../protocol/entities';
import type { AuthContext } from '../auth/context';
import type { AuditActor } from '../audit/chain';
import type { JsonObject } from '../audit/canonical-json';
import { appendEvents } from '../audit/store';
import type { Sql } from '../db/db';

/** The ticket events Kadesk records; the SLA clock replays `status` ones. */
export const TICKET_EVENT = {
  created: 'ticket.created',
  classified: 'ticket.classified',
  routed: 'ticket.routed',
  assigned: 'ticket.assigned',
  status: 'status.changed',
  customerMessage: 'message.customer',
  agentMessage: 'message.agent',
  note: 'message.note',
  categoryOverridden: 'category.overridden',
  priority: 'priority.changed',
  tagged: 'ticket.tagged',
  untagged: 'ticket.untagged',
  slaEscalated: 'sla.escalated',
} as const;

export interface TicketEvent {
  actor: AuditActor;
  type: string;
  data: JsonObject;
  /** Defaults to now. */
  at?: Date;
}

export const SYSTEM_ACTOR: AuditActor = { kind: 'system', id: null };
export const agentActor = (auth: AuthContext): AuditActor => ({ kind: 'agent', id: auth.agentId });
export const customerActor = (customerId: string): AuditActor => ({ kind: 'customer', id: customerId });

/** Appends what happened to a ticket to its audit chain, in order; nulls (nothing happened) are skipped. */
export async function recordEvents(tx: Sql, ticketId: string, events: ReadonlyArray<TicketEvent | null>): Promise<void> {
  await appendEvents(
    tx,
    ticketId,
    events.filter((e): e is TicketEvent => e !== null),
  );
}

/** A status transition with who made it and why; null when the status stays. */
export function statusChange(
  actor: AuditActor,
  change: { from: ConversationStatus; to: ConversationStatus; cause?: string },
  at?: Date,
): TicketEvent | null {
  return change.from === change.to ? null : { actor, type: TICKET_EVENT.status, data: { ...change }, at };
}

/** An assignment; `from` null when the ticket had no owner. */
export function assignedEvent(
  actor: AuditActor,
  a: { from: string | null; to: string | null; teamId: string | null; fromTeamId?: string | null; cause: string },
  at?: Date,
): TicketEvent {
  return { actor, type: TICKET_EVENT.assigned, data: { ...a }, at };
}
