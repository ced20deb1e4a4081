import { z } from 'zod';
import { Category, Channel, Priority, Tier } from '../../../protocol/entities';

/**
 * What admins can match a ticket on, shared by routing rules and SLA policies. Every field
 * is optional and all given fields must hold; a list matches when the fact is one of its
 * values. An empty condition matches every ticket (a catch-all).
 */
export const TicketConditions = z.strictObject({
  categories: z.array(Category).min(1).optional(),
  tiers: z.array(Tier).min(1).optional(),
  channels: z.array(Channel).min(1).optional(),
  priorities: z.array(Priority).min(1).optional(),
  vip: z.boolean().optional(),
  groupMention: z.boolean().optional(),
});
export type TicketConditions = z.infer<typeof TicketConditions>;

/** The facts about a new or running ticket that conditions look at. */
export interface TicketFacts {
  /** null while the classifier is unsure; then only rules without `categories` match. */
  category: Category | null;
  tier: Tier;
  vip: boolean;
  channel: Channel;
  /** A QQ / WeChat group message that @mentions the service account. */
  groupMention: boolean;
  /** Unknown while routing decides it; then rules with `priorities` never match. */
  priority?: Priority;
}

const within = <T>(list: readonly T[] | undefined, value: T | null | undefined): boolean =>
  list === undefined || (value != null && list.includes(value));

export function meets(when: TicketConditions, facts: TicketFacts): boolean {
  return (
    within(when.categories, facts.category) &&
    within(when.tiers, facts.tier) &&
    within(when.channels, facts.channel) &&
    within(when.priorities, facts.priority) &&
    (when.vip === undefined || when.vip === facts.vip) &&
    (when.groupMention === undefined || when.groupMention === facts.groupMention)
  );
}

/** Admin-edited lists refer to their entries by id (in reasons, audit events, the UI); ids must be unique. */
export function uniqueIds(items: readonly { id: string }[], ctx: z.RefinementCtx, path: string): void {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    if (seen.has(item.id)) ctx.addIssue({ code: 'custom', path: [path, i, 'id'], message: `duplicate id "${item.id}"` });
    seen.add(item.id);
  });
}
