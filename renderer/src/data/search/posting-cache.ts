import type { KadeskDb } from '../db';
import { termRange, unionSorted } from './postings';

/** Room for recently used posting lists, in document numbers (4 bytes each). */
const CACHED_POSTINGS = 4_000_000;

/**
 * Posting lists read recently, kept while their term's segments stay the same. An agent
 * types a query a character at a time and searches the same words again; each use checks
 * the segment keys (a key-only read) and reads and merges the lists only when they moved.
 */
class PostingCache {
  private readonly lists = new Map<string, { signature: string; docs: Uint32Array }>();
  private size = 0;

  async postings(db: KadeskDb, term: string): Promise<Uint32Array> {
    const keys = await db.searchSegments.where('[term+seg+n]').between(...termRange(term)).primaryKeys();
    if (keys.length === 0) return new Uint32Array(0);
    const signature = keys.map((k) => `${k[1]}:${k[2]}`).join(',');
    const seen = this.lists.get(term);
    if (seen?.signature === signature) {
      // Most recently used last, so eviction takes the first.
      this.lists.delete(term);
      this.lists.set(term, seen);
      return seen.docs;
    }
    const segments = await db.searchSegments.bulkGet(keys);
    const docs = unionSorted(segments.filter((s) => s !== undefined).map((s) => s.docs));
    this.put(term, { signature, docs });
    return docs;
  }

  private put(term: string, entry: { signature: string; docs: Uint32Array }): void {
    const old = this.lists.get(term);
    if (old) this.size -= old.docs.length;
    this.lists.delete(term);
    this.lists.set(term, entry);
    this.size += entry.docs.length;
    for (const [t, e] of this.lists) {
      if (this.size <= CACHED_POSTINGS) break;
      this.lists.delete(t);
      this.size -= e.docs.length;
    }
  }
}

const caches = new WeakMap<KadeskDb, PostingCache>();

/** A term's whole posting list, from memory when its segments have not changed. */
export function postingsOf(db: KadeskDb, term: string): Promise<Uint32Array> {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new PostingCache()));
  return cache.postings(db, term);
}
