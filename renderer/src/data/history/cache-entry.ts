/**
 * Bookkeeping for one customer's history fetched from the server beyond the sync scope:
 * how far back it reaches, what it costs, and when the agent last looked at it.
 */
export interface HistoryCacheEntry {
  customerId: string;
  /** Epoch ms; the least recently used customer's history is evicted first. */
  lastAccessedAt: number;
  /** Conversations stored from history only (not in the sync scope), with their approximate size. */
  conversations: Array<{ id: string; bytes: number }>;
  /** Where the next page starts (the oldest lastMessageAt fetched); null before the first fetch. */
  before: string | null;
  /** The server has nothing older. */
  complete: boolean;
}
