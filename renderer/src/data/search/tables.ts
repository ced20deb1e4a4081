// Rows of the local search index (see indexer.ts). Documents are conversations: a
// conversation's subject and every message in it, so that results are conversations.

/**
 * Work for the indexer. `rows` is queued in the same transaction that stored or removed
 * the rows, so nothing stored is ever left out; `rebuild` walks every cached conversation
 * (after a schema upgrade), `after` being the last conversation id done.
 */
export type SearchJob =
  | { seq?: number; kind: 'rows'; conversations: string[]; messages: string[] }
  | { seq?: number; kind: 'rebuild'; after: string };

/**
 * A conversation in the index. `no` is what posting lists hold; a conversation keeps its
 * number, even while it is gone from the cache (out of scope, evicted), so its postings
 * never point at another conversation.
 */
export interface SearchDoc {
  no: number;
  conversationId: string;
  /** Newest message time, for recent-first ranking without reading the conversation. */
  lastAt: string;
  /** Order of writes to this table, so an in-memory copy reads only what changed (see docs.ts). */
  seq: number;
  gone?: 1;
}

/**
 * Part of one term's posting list: sorted, distinct document numbers. A term has a few
 * segments of falling size (see planMerge); `n` sits in the key so that planning a merge
 * reads keys only.
 */
export interface SearchSegment {
  term: string;
  seg: number;
  n: number;
  docs: Uint32Array;
}
