import { createHash } from 'node:crypto';
import { canonicalJson, type JsonObject } from './canonical-json';

/** The previous hash of a ticket's first event. */
export const GENESIS_HASH = '0'.repeat(64);

export const ACTOR_KINDS = ['agent', 'customer', 'system', 'bot'] as const;
export type ActorKind = (typeof ACTOR_KINDS)[number];

export interface AuditActor {
  kind: ActorKind;
  /** The agent or customer id; null for the system itself. */
  id: string | null;
}

export interface AuditEventInput {
  ticketId: string;
  /** ISO 8601 in UTC with milliseconds (Date#toISOString), the form a timestamptz reads back as. */
  at: string;
  actor: AuditActor;
  /** What happened, e.g. "message.agent", "status.changed", "sla.escalated". */
  type: string;
  data: JsonObject;
}

export interface AuditEvent extends AuditEventInput {
  /** 1, 2, 3, … per ticket. */
  seq: number;
}

export interface ChainedEvent extends AuditEvent {
  prevHash: string;
  hash: string;
}

/** SHA-256 (hex) over the canonical JSON of the event's fields and the previous event's hash. */
export function hashEvent(event: AuditEvent, prevHash: string): string {
  const { seq, ticketId, at, actor, type, data } = event;
  const body = canonicalJson({ prevHash, seq, ticketId, at, actor: { kind: actor.kind, id: actor.id }, type, data });
  return createHash('sha256').update(body, 'utf8').digest('hex');
}

/** The event that follows `head` (the ticket's last event, or null for its first). */
export function nextEvent(head: { ticketId: string; seq: number; hash: string } | null, input: AuditEventInput): ChainedEvent {
  if (head && head.ticketId !== input.ticketId) throw new Error(`event for ${input.ticketId} cannot follow one of ${head.ticketId}`);
  if (Number.isNaN(Date.parse(input.at)) || new Date(input.at).toISOString() !== input.at) {
    throw new Error(`at must be Date#toISOString() output, not "${input.at}"`);
  }
  if (input.type === '') throw new Error('an audit event needs a type');
  const event: AuditEvent = { ...input, seq: head ? head.seq + 1 : 1 };
  const prevHash = head?.hash ?? GENESIS_HASH;
  return { ...event, prevHash, hash: hashEvent(event, prevHash) };
}

export type BreakReason = 'changed' | 'reordered' | 'deleted' | 'inserted';

export interface ChainIntact {
  ok: true;
  events: number;
  /** The last hash; a copy kept elsewhere also exposes a cut-off tail. */
  head: string;
}

export interface ChainBroken {
  ok: false;
  events: number;
  /** The stored seq of the first event that fails. */
  seq: number;
  reason: BreakReason;
  detail: string;
}

export type ChainVerdict = ChainIntact | ChainBroken;

/**
 * Checks one ticket's events in stored seq order. Each event must be chained to the one
 * before it and match its own hash. When the link fails, where the event's recorded
 * predecessor now is tells what happened: later in the list (reordered), further back
 * (something inserted in between) or nowhere (deleted). Removing the newest events leaves a
 * valid shorter chain; compare `head` with a copy kept elsewhere to catch that.
 */
export function verifyChain(events: readonly ChainedEvent[]): ChainVerdict {
  const hashes = events.map((e) => e.hash);
  let prev = GENESIS_HASH;
  const ticketId = events[0]?.ticketId;
  for (const [i, e] of events.entries()) {
    const broken = (reason: BreakReason, detail: string): ChainBroken => ({ ok: false, events: events.length, seq: e.seq, reason, detail });
    if (e.ticketId !== ticketId) return broken('inserted', `event of ticket ${e.ticketId} in the chain of ${ticketId}`);
    if (e.prevHash !== prev) {
      if (hashes.indexOf(e.prevHash, i + 1) !== -1) return broken('reordered', 'chained to an event that now comes after it');
      if (e.prevHash === GENESIS_HASH || hashes.slice(0, i).includes(e.prevHash)) {
        return broken('inserted', 'an event was inserted before it');
      }
      return broken('deleted', 'the event it was chained to is missing');
    }
    if (hashEvent(e, e.prevHash) !== e.hash) return broken('changed', 'its content no longer matches its hash');
    if (e.seq !== i + 1) return broken(e.seq > i + 1 ? 'deleted' : 'inserted', `expected seq ${i + 1}`);
    prev = e.hash;
  }
  return { ok: true, events: events.length, head: prev };
}
