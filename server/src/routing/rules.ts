import { z } from 'zod';
import { PRIORITIES, Priority } from '../../../protocol/entities';
import { meets, TicketConditions, type TicketFacts, uniqueIds } from './conditions';

export const TEAM_KINDS = ['general', 'tech', 'payment', 'supplier', 'disputes', 'security', 'senior'] as const;
export const TeamKind = z.enum(TEAM_KINDS);
export type TeamKind = z.infer<typeof TeamKind>;

// The priority is what routing decides, so routing conditions cannot test it.
export const RouteWhen = TicketConditions.omit({ priorities: true });
export type RouteWhen = z.infer<typeof RouteWhen>;

const id = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'lower-case letters, digits and dashes');

/** Sends matching tickets to a team kind; without `priority` the fallback priority applies. */
export const RoutingRule = z.strictObject({
  id,
  when: RouteWhen,
  team: TeamKind,
  priority: Priority.optional(),
});
export type RoutingRule = z.infer<typeof RoutingRule>;

/**
 * Lifts the priority of matching tickets to at least `atLeast`. Every matching boost applies;
 * a floor rather than a step keeps them independent of order and of each other.
 */
export const PriorityBoost = z.strictObject({
  id,
  when: RouteWhen,
  atLeast: Priority,
});
export type PriorityBoost = z.infer<typeof PriorityBoost>;

/** Admin-editable routing: ordered rules (first match wins), the fallback, then the boosts. */
export const RoutingConfig = z
  .strictObject({
    rules: z.array(RoutingRule),
    fallback: z.strictObject({ team: TeamKind, priority: Priority }),
    boosts: z.array(PriorityBoost),
  })
  .superRefine((cfg, ctx) => {
    uniqueIds(cfg.rules, ctx, 'rules');
    uniqueIds(cfg.boosts, ctx, 'boosts');
  });
export type RoutingConfig = z.infer<typeof RoutingConfig>;

export type RouteFacts = Omit<TicketFacts, 'priority'>;

export interface RouteDecision {
  team: TeamKind;
  priority: Priority;
  /** Ids of the rule and boosts that decided it ("fallback" when no rule matched), for the ticket's timeline. */
  reasons: string[];
}

const rank = (p: Priority): number => PRIORITIES.indexOf(p);

/** Moves a priority up by `steps`, stopping at urgent. */
export function raisePriority(p: Priority, steps = 1): Priority {
  return PRIORITIES[Math.min(rank(p) + steps, PRIORITIES.length - 1)]!;
}

export function maxPriority(a: Priority, b: Priority): Priority {
  return rank(a) >= rank(b) ? a : b;
}

export function route(config: RoutingConfig, facts: RouteFacts): RouteDecision {
  const rule = config.rules.find((r) => meets(r.when, facts));
  let priority = rule?.priority ?? config.fallback.priority;
  const reasons = [rule?.id ?? 'fallback'];
  for (const boost of config.boosts) {
    if (!meets(boost.when, facts)) continue;
    priority = maxPriority(priority, boost.atLeast);
    reasons.push(boost.id);
  }
  return { team: rule?.team ?? config.fallback.team, priority, reasons };
}

/**
 * Defaults from the product brief. Security and payment faults come first so that they keep
 * their specialist team and urgent priority whoever the customer is; enterprise VIPs then go
 * to the senior team; the remaining categories map to their specialist teams.
 */
export const DEFAULT_ROUTING: RoutingConfig = RoutingConfig.parse({
  rules: [
    { id: 'security-urgent', when: { categories: ['account_anomaly', 'funds_security'] }, team: 'security', priority: 'urgent' },
    { id: 'payment-urgent', when: { categories: ['payment_fault'] }, team: 'payment', priority: 'urgent' },
    { id: 'enterprise-vip', when: { tiers: ['enterprise'], vip: true }, team: 'senior' },
    { id: 'supplier', when: { categories: ['delivery_delayed', 'invalid_card_key', 'topup_failed'] }, team: 'supplier' },
    // 订单异常 is most often "paid but the order shows otherwise": finance checks the payment first.
    { id: 'order-state', when: { categories: ['order_state'] }, team: 'payment' },
    { id: 'disputes', when: { categories: ['refund_dispute', 'not_as_described'] }, team: 'disputes' },
    { id: 'tech', when: { categories: ['licence_activation', 'feature_malfunction'] }, team: 'tech' },
    { id: 'how-to', when: { categories: ['how_to', 'membership'] }, team: 'general' },
  ],
  fallback: { team: 'general', priority: 'normal' },
  boosts: [
    { id: 'vip', when: { vip: true }, atLeast: 'high' },
    // The brief's priority lane for merchants; enterprises get at least the same.
    { id: 'business-lane', when: { tiers: ['merchant', 'enterprise'] }, atLeast: 'high' },
    { id: 'group-mention', when: { groupMention: true }, atLeast: 'high' },
  ],
});
