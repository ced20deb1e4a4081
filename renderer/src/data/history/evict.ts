import type { HistoryCacheEntry } from './cache-entry';

/** Room for history fetched beyond the sync scope, across all customers. */
export const HISTORY_BUDGET_BYTES = 25 * 1024 * 1024;

export interface EvictionInput {
  entries: readonly HistoryCacheEntry[];
  budgetBytes: number;
  /** Customers on screen now: their history stays whatever it costs. */
  pinnedCustomers: ReadonlySet<string>;
  /** Conversations no longer held as cache (a pull brought them into the sync scope, or they are gone): never evicted. */
  live: ReadonlySet<string>;
  /** Conversations with mutations not yet confirmed: kept until they are. */
  pending: ReadonlySet<string>;
}

export interface EvictionPlan {
  /** Cached conversations to delete, with their messages. */
  evict: string[];
  /** Entries to write back (fewer conversations, or live ones no longer counted). */
  put: HistoryCacheEntry[];
  /** Entries with nothing left to account for. */
  remove: string[];
}

const cost = (e: HistoryCacheEntry) => e.conversations.reduce((n, c) => n + c.bytes, 0);

/**
 * Least recently used customers lose their cached history first until the total fits the
 * budget. A customer partly evicted (some rows pending) starts over from the newest page
 * when asked again: what is still stored is simply skipped.
 */
export function planEviction({ entries, budgetBytes, pinnedCustomers, live, pending }: EvictionInput): EvictionPlan {
  const plan: EvictionPlan = { evict: [], put: [], remove: [] };
  const accounted = entries.map((e) => {
    const kept = e.conversations.filter((c) => !live.has(c.id));
    const changed = kept.length !== e.conversations.length;
    return { entry: changed ? { ...e, conversations: kept } : e, changed, evicted: false };
  });
  let total = accounted.reduce((n, a) => n + cost(a.entry), 0);
  const byAge = [...accounted].sort((a, b) => a.entry.lastAccessedAt - b.entry.lastAccessedAt);
  for (const a of byAge) {
    if (total <= budgetBytes) break;
    if (pinnedCustomers.has(a.entry.customerId)) continue;
    const stay = a.entry.conversations.filter((c) => pending.has(c.id));
    if (stay.length === a.entry.conversations.length) continue;
    for (const c of a.entry.conversations) if (!pending.has(c.id)) plan.evict.push(c.id);
    total -= cost(a.entry) - stay.reduce((n, c) => n + c.bytes, 0);
    a.entry = { ...a.entry, conversations: stay, before: null, complete: false };
    a.changed = a.evicted = true;
  }
  for (const a of accounted) {
    if (!a.changed) continue;
    if (a.evicted && a.entry.conversations.length === 0) plan.remove.push(a.entry.customerId);
    else plan.put.push(a.entry);
  }
  return plan;
}
