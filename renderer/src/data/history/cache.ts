import { CustomerHistoryResponse } from '../../../../protocol/customers';
import type { ApiClient } from '../api-client';
import { indexKeysOf, rangeOf, type KadeskDb, type LocalConversation, type LocalMessage } from '../db';
import { queueForIndex } from '../search/indexer';
import type { HistoryCacheEntry } from './cache-entry';
import { HISTORY_BUDGET_BYTES, planEviction } from './evict';

/** Conversations fetched per "load older". */
export const HISTORY_PAGE = 20;
/** Recording an access costs a write; one a minute is enough to order customers by use. */
const TOUCH_INTERVAL_MS = 60_000;

export function fetchHistoryPage(api: ApiClient, customerId: string, before: string | null): Promise<CustomerHistoryResponse> {
  const query = new URLSearchParams({ limit: String(HISTORY_PAGE) });
  if (before) query.set('before', before);
  return api.get(`/api/customers/${encodeURIComponent(customerId)}/history?${query}`, CustomerHistoryResponse);
}

/** UTF-16 size of a row as stored, near enough for a budget. */
const bytesOf = (row: unknown) => JSON.stringify(row).length * 2;

export async function historyEntry(db: KadeskDb, customerId: string): Promise<HistoryCacheEntry | null> {
  return (await db.historyCache.get(customerId)) ?? null;
}

/**
 * Stores a page of history so that it reads offline like synced rows. Conversations the
 * workstation already holds (synced, or cached before) are left alone; new ones are
 * marked as cache, kept out of inbox views, indexed for search and counted against the
 * budget with their messages.
 */
export async function storeHistoryPage(db: KadeskDb, customerId: string, page: CustomerHistoryResponse, now: number): Promise<void> {
  await db.transaction('rw', [db.conversations, db.messages, db.historyCache, db.searchQueue], async () => {
    const existing = await db.conversations.bulkGet(page.conversations.map((c) => c.id));
    const fresh = page.conversations.filter((_, i) => existing[i] === undefined);
    const freshIds = new Set(fresh.map((c) => c.id));
    const rows = fresh.map((c): LocalConversation => ({ ...c, cachedOnly: 1, ...indexKeysOf({ ...c, cachedOnly: 1 }) }));
    const messages = page.messages
      .filter((m) => freshIds.has(m.conversationId))
      .map((m): LocalMessage => ({ ...m, pending: 0, failed: null }));
    await db.conversations.bulkPut(rows);
    await db.messages.bulkPut(messages);
    await queueForIndex(
      db,
      rows.map((r) => r.id),
      messages.map((m) => m.id),
    );

    const bytes = new Map(rows.map((r) => [r.id, bytesOf(r)]));
    for (const m of messages) bytes.set(m.conversationId, (bytes.get(m.conversationId) ?? 0) + bytesOf(m));
    const entry = (await db.historyCache.get(customerId)) ?? { customerId, lastAccessedAt: now, conversations: [], before: null, complete: false };
    await db.historyCache.put({
      ...entry,
      lastAccessedAt: now,
      conversations: [...entry.conversations, ...[...bytes].map(([id, n]) => ({ id, bytes: n }))],
      before: page.nextBefore ?? page.conversations.at(-1)?.lastMessageAt ?? entry.before,
      complete: page.nextBefore === null,
    });
  });
}

/** Marks a customer's cached history as just used, so eviction takes others first. */
export async function touchHistory(db: KadeskDb, customerId: string, now: number): Promise<void> {
  await db.transaction('rw', db.historyCache, async () => {
    const entry = await db.historyCache.get(customerId);
    if (entry && now - entry.lastAccessedAt >= TOUCH_INTERVAL_MS) await db.historyCache.update(customerId, { lastAccessedAt: now });
  });
}

/**
 * Brings cached history within the budget (see planEviction). Rows a pull has since taken
 * into the sync scope, and rows with unconfirmed mutations, are never deleted.
 */
export async function evictHistory(db: KadeskDb, pinnedCustomers: ReadonlySet<string>, budgetBytes = HISTORY_BUDGET_BYTES): Promise<string[]> {
  const tables = [db.historyCache, db.conversations, db.messages, db.outbox, db.applied, db.searchQueue];
  return db.transaction('rw', tables, async () => {
    const entries = await db.historyCache.toArray();
    const ids = entries.flatMap((e) => e.conversations.map((c) => c.id));
    const rows = await db.conversations.bulkGet(ids);
    const live = new Set(ids.filter((_, i) => !rows[i]?.cachedOnly));
    const unconfirmed = [...(await db.outbox.toArray()), ...(await db.applied.toArray())];
    const pending = new Set(unconfirmed.map((e) => e.mutation.args.conversationId));
    const plan = planEviction({ entries, budgetBytes, pinnedCustomers, live, pending });
    for (const id of plan.evict) await db.messages.where('[conversationId+createdAt]').between(...rangeOf(id)).delete();
    await db.conversations.bulkDelete(plan.evict);
    await queueForIndex(db, plan.evict, []);
    await db.historyCache.bulkPut(plan.put);
    await db.historyCache.bulkDelete(plan.remove);
    return plan.evict;
  });
}
