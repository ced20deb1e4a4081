import type { Category, Priority } from '../../../protocol/entities';
import { MIN_CONFIDENCE, type NbModel, priorityHint, triage } from '../classify';
import { type ContactTicket, detectRepeat, escalateRepeat, type RepeatVerdict } from '../repeat/detect';
import { maxPriority, route, type RouteDecision, type RouteFacts } from '../routing/rules';
import type { InboundMessage } from './inbound';
import type { Policies } from './policies';

// The pipeline's decisions about a ticket, as pure functions of what the database told it.

export interface Classified {
  /** Null while the classifier is unsure (below MIN_CONFIDENCE) and the customer stated none. */
  category: Category | null;
  /** The classifier's confidence; null when the customer stated the category (ticket form). */
  confidence: number | null;
  /** Order numbers the customer named, a stated one first. */
  orderRefs: string[];
  priority: Priority;
  /** Why: classifier rules and priority cues, for the audit trail. */
  reasons: string[];
}

/** Category, order numbers and urgency from a ticket's opening customer messages and any stated facts. */
export function classifyOpening(model: NbModel, customerMessages: readonly string[], hints: InboundMessage['hints'] = {}): Classified {
  const t = triage(model, customerMessages);
  const inferred = t.classification.confidence >= MIN_CONFIDENCE ? t.classification.category : null;
  const category = hints.category ?? inferred;
  // Urgency depends on the category, so it is judged on the one the ticket ends up with.
  const urgency = priorityHint(customerMessages.join('\n'), category);
  const stated = hints.orderId ? [hints.orderId.trim().toUpperCase()] : [];
  return {
    category,
    confidence: hints.category || inferred === null ? null : t.classification.confidence,
    orderRefs: [...new Set([...stated, ...t.facts.orderNumbers])],
    priority: urgency.priority,
    reasons: [...t.classification.rules, ...urgency.reasons],
  };
}

export interface Placement {
  route: RouteDecision;
  repeat: RepeatVerdict;
}

/**
 * Team and priority: the routing rules, never below the urgency the text shows; a repeat
 * contact goes to the senior queue one step higher. `prior` are the customer's other
 * tickets, `ticket` this one as repeat detection sees it.
 */
export function placeTicket(
  policies: Pick<Policies, 'routing' | 'repeat'>,
  facts: RouteFacts,
  urgency: Priority,
  prior: readonly ContactTicket[],
  ticket: ContactTicket,
): Placement {
  const routed = route(policies.routing, facts);
  const decision = { ...routed, priority: maxPriority(routed.priority, urgency) };
  const repeat = detectRepeat(prior, ticket, policies.repeat);
  return { route: repeat.repeat ? escalateRepeat(decision) : decision, repeat };
}
