import type { Category } from '../../../protocol/entities';
import { maxPriority, raisePriority, type RouteDecision } from '../routing/rules';

/** One of the customer's tickets, as far as repeat detection cares. */
export interface ContactTicket {
  id: string;
  /** Epoch ms. */
  createdAt: number;
  category: Category | null;
  /** Order numbers mentioned in or linked to the ticket. */
  orderIds: readonly string[];
}

export interface RepeatPolicy {
  /** Contacts about one problem, the new one included, that make it a repeat. */
  threshold: number;
  windowMs: number;
}

/** The brief: the same problem raised 3 times within 7 days. */
export const DEFAULT_REPEAT_POLICY: RepeatPolicy = { threshold: 3, windowMs: 7 * 24 * 3_600_000 };

export type RepeatVerdict =
  | { repeat: false; earlier: string[] }
  | { repeat: true; earlier: string[]; sameCategory: boolean; sameOrders: string[] };

/**
 * Whether `ticket` is the customer's threshold-th contact about the same problem within the
 * window. Same problem means the same category (an unclassified ticket matches none) or a
 * shared order number. `earlier` lists the matching prior tickets, oldest first, for the
 * senior agent to read; `prior` is the same customer's other tickets, across all channels.
 */
export function detectRepeat(
  prior: readonly ContactTicket[],
  ticket: ContactTicket,
  policy: RepeatPolicy = DEFAULT_REPEAT_POLICY,
): RepeatVerdict {
  const from = ticket.createdAt - policy.windowMs;
  const orders = new Set(ticket.orderIds);
  const sharedOrders = (t: ContactTicket) => t.orderIds.filter((o) => orders.has(o));
  const sameCategory = (t: ContactTicket) => ticket.category !== null && t.category === ticket.category;
  const matches = prior
    // The new ticket may already be stored and so be among `prior`; it is not its own repeat.
    .filter((t) => t.id !== ticket.id && t.createdAt > from && t.createdAt <= ticket.createdAt)
    .filter((t) => sameCategory(t) || sharedOrders(t).length > 0)
    .sort((a, b) => a.createdAt - b.createdAt);
  const earlier = matches.map((t) => t.id);
  if (matches.length + 1 < policy.threshold) return { repeat: false, earlier };
  return {
    repeat: true,
    earlier,
    sameCategory: matches.some(sameCategory),
    sameOrders: [...new Set(matches.flatMap(sharedOrders))].sort(),
  };
}

/** A repeat goes to the senior queue one priority step up (and at least high), whatever routing said. */
export function escalateRepeat(decision: RouteDecision): RouteDecision {
  return {
    team: 'senior',
    priority: maxPriority(raisePriority(decision.priority), 'high'),
    reasons: [...decision.reasons, 'repeat-contact'],
  };
}
