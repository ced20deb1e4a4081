import Dexie, { type Collection } from 'dexie';
import type { Customer, Order } from '../../../protocol';
import { type KadeskDb, type LocalConversation, type LocalMessage, rangeOf } from './db';
import { viewRanges, type InboxView, type ViewContext } from './views';

// Every list is a key range on a compound index read newest first with a limit, so its
// cost follows the rows shown, not the size of the cache.

export interface InboxRow {
  conversation: LocalConversation;
  customerName: string | null;
}

export interface Page<T> {
  rows: T[];
  /** More rows exist beyond the limit. */
  hasMore: boolean;
}

async function limited<T>(collection: Collection<T, unknown>, limit: number): Promise<Page<T>> {
  const rows = await collection.limit(limit + 1).toArray();
  return { rows: rows.slice(0, limit), hasMore: rows.length > limit };
}

/** A stretch of a view by lastMessageAt: from `lower` (inclusive) up to `upper` (exclusive); null is open-ended. */
export interface Slice {
  upper: string | null;
  lower: string | null;
  limit: number;
}

const newestFirst = (a: LocalConversation, b: LocalConversation) =>
  a.lastMessageAt === b.lastMessageAt ? (a.id < b.id ? 1 : -1) : a.lastMessageAt < b.lastMessageAt ? 1 : -1;

/** The conversations of a view within a slice, newest first; a view of several ranges is merged. */
async function sliceOf(db: KadeskDb, view: InboxView, ctx: ViewContext, slice: Slice): Promise<Page<LocalConversation>> {
  const { index, prefixes } = viewRanges(view, ctx);
  const parts = await Promise.all(
    prefixes.map((p) =>
      db.conversations
        .where(index)
        .between([...p, slice.lower ?? Dexie.minKey], [...p, slice.upper ?? Dexie.maxKey], true, false)
        .reverse()
        .limit(slice.limit + 1)
        .toArray(),
    ),
  );
  const rows = parts.length === 1 ? (parts[0] ?? []) : parts.flat().sort(newestFirst);
  return { rows: rows.slice(0, slice.limit), hasMore: rows.length > slice.limit };
}

async function withCustomerNames(db: KadeskDb, conversations: LocalConversation[]): Promise<InboxRow[]> {
  const customerIds = [...new Set(conversations.map((c) => c.customerId))];
  const customers = await db.customers.bulkGet(customerIds);
  const names = new Map(customers.filter((c) => c !== undefined).map((c) => [c.id, c.name]));
  return conversations.map((conversation) => ({ conversation, customerName: names.get(conversation.customerId) ?? null }));
}

/** Several slices of one view with their customers' names, read together (the visible window of a list). */
export async function loadSlices(db: KadeskDb, view: InboxView, ctx: ViewContext, slices: readonly Slice[]): Promise<Array<Page<InboxRow>>> {
  const pages = await Promise.all(slices.map((s) => sliceOf(db, view, ctx, s)));
  const named = await withCustomerNames(db, pages.flatMap((p) => p.rows));
  let at = 0;
  return pages.map((p) => ({ rows: named.slice(at, (at += p.rows.length)), hasMore: p.hasMore }));
}

/**
 * How many conversations each view holds, counting at most `cap + 1` keys per range:
 * a figure above `cap` shows as "cap+". Key-only reads, so a cache of 100k conversations
 * costs a few small index reads, never a walk over a table.
 */
export async function countViews(
  db: KadeskDb,
  views: readonly InboxView[],
  ctx: ViewContext,
  cap: number,
): Promise<Record<string, number>> {
  const counts = await Promise.all(
    views.map(async (view) => {
      const { index, prefixes } = viewRanges(view, ctx);
      const sizes = await Promise.all(
        prefixes.map(async (p) => (await db.conversations.where(index).between(...rangeOf(...p)).limit(cap + 1).primaryKeys()).length),
      );
      return [view, Math.min(cap + 1, sizes.reduce((a, b) => a + b, 0))] as const;
    }),
  );
  return Object.fromEntries(counts);
}

/** Unread customer messages across the agent's own open conversations, for the badge. */
export async function unreadInMine(db: KadeskDb, agentId: string): Promise<number> {
  const { index, prefixes } = viewRanges('mine', { agentId, teamIds: [] });
  let total = 0;
  for (const p of prefixes) await db.conversations.where(index).between(...rangeOf(...p)).each((c) => (total += c.unreadCount));
  return total;
}

/** The last `limit` messages of a conversation, oldest first. */
export async function loadThread(db: KadeskDb, conversationId: string, limit: number): Promise<Page<LocalMessage>> {
  const page = await limited(
    db.messages.where('[conversationId+createdAt]').between(...rangeOf(conversationId)).reverse(),
    limit,
  );
  return { rows: page.rows.reverse(), hasMore: page.hasMore };
}

export interface CustomerCard {
  customer: Customer | null;
  orders: Order[];
  /** The customer's conversations, newest first, including the one open now. */
  history: LocalConversation[];
}

export async function loadCustomerCard(db: KadeskDb, customerId: string, limit = 20): Promise<CustomerCard> {
  const [customer, orders, history] = await Promise.all([
    db.customers.get(customerId),
    db.orders.where('[customerId+createdAt]').between(...rangeOf(customerId)).reverse().limit(limit).toArray(),
    db.conversations.where('[customerId+lastMessageAt]').between(...rangeOf(customerId)).reverse().limit(limit).toArray(),
  ]);
  return { customer: customer ?? null, orders, history };
}
