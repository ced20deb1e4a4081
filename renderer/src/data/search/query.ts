import { rangeOf, type KadeskDb, type LocalConversation, type LocalMessage } from '../db';
import { highlight, snippet, type Highlighted } from './highlight';
import { docMirror } from './docs';
import { postingsOf } from './posting-cache';
import { hasDoc, intersectSorted } from './postings';
import { rankMatches, type MatchStats } from './rank';
import { headlineOf, normalize, planQuery, type QueryPlan } from './tokenize';

/** Matches verified and ranked beyond what is shown, since verification drops a few. */
const SLACK = 10;
/** Newest messages read per conversation to verify a match and pick its snippet. */
const MESSAGES_READ = 50;

export interface SearchHit extends MatchStats {
  conversation: LocalConversation;
  subject: Highlighted;
  /** The newest message with a hit, around its first hit; null when only the subject matches. */
  snippet: Highlighted | null;
}

export interface SearchOptions {
  limit?: number;
  now?: number;
}

/**
 * Conversations in the local cache that contain every part of `query`, best first.
 *
 * The index narrows to conversations holding all the query's terms; the newest of those
 * (by the in-memory document table) are read and checked against the query text itself
 * (pairs of characters can occur apart), then ranked. The work is bounded by the terms'
 * posting lists and the few conversations shown, not by the size of the cache.
 */
export async function searchLocal(db: KadeskDb, query: string, options: SearchOptions = {}): Promise<SearchHit[]> {
  const plan = planQuery(query);
  if (plan.required.length === 0) return [];
  // One read transaction for the whole search: in a browser a transaction costs more than a small read.
  return db.transaction('r', [db.searchSegments, db.searchDocs, db.conversations, db.messages], () =>
    search(db, plan, options.limit ?? 30, options.now ?? Date.now()),
  );
}

async function search(db: KadeskDb, plan: QueryPlan, limit: number, now: number): Promise<SearchHit[]> {
  const lists = await Promise.all(plan.required.map((t) => postingsOf(db, t)));
  lists.sort((a, b) => a.length - b.length);
  let candidates = lists[0]!;
  for (const list of lists.slice(1)) {
    if (candidates.length === 0) break;
    candidates = intersectSorted(candidates, list);
  }
  if (candidates.length === 0) return [];

  const mirror = docMirror(db);
  const [wordLists] = await Promise.all([Promise.all(plan.words.map((w) => postingsOf(db, w))), mirror.refresh(db)]);
  const docs = mirror.newest(candidates, limit + SLACK);
  const ids = docs.map((no) => mirror.conversationOf(no)!);
  const [conversations, threads] = await Promise.all([
    db.conversations.bulkGet(ids),
    Promise.all(
      ids.map((id) =>
        db.messages
          .where('[conversationId+createdAt]')
          .between(...rangeOf(id))
          .reverse()
          .limit(MESSAGES_READ + 1)
          .toArray(),
      ),
    ),
  ]);

  const hits: SearchHit[] = [];
  docs.forEach((no, i) => {
    const conversation = conversations[i];
    if (!conversation) return;
    const hit = verify(conversation, threads[i]!, plan.phrases);
    if (!hit) return;
    const wordHits = wordLists.filter((l) => hasDoc(l, no)).length;
    hits.push({ ...hit, conversation, lastAt: new Date(mirror.lastAtOf(no)).toISOString(), wordHits });
  });
  return rankMatches(hits, now).slice(0, limit);
}

/** Loads what searching keeps in memory, so the agent's first search is as quick as the rest. */
export async function warmSearch(db: KadeskDb): Promise<void> {
  await docMirror(db).refresh(db);
}

/**
 * Checks a candidate against the query text: every part must occur in the subject, a tag or a
 * message. Only the newest messages are read; a longer conversation the index vouches
 * for is kept when the older part may hold the rest.
 */
function verify(
  conversation: LocalConversation,
  newestFirst: LocalMessage[],
  phrases: readonly string[],
): Omit<SearchHit, 'conversation' | 'lastAt' | 'wordHits'> | null {
  const truncated = newestFirst.length > MESSAGES_READ;
  const messages = newestFirst.slice(0, MESSAGES_READ);
  const missing = new Set(phrases);
  const headline = normalize(headlineOf(conversation));
  for (const p of phrases) if (headline.includes(p)) missing.delete(p);
  let messageHits = 0;
  let best: LocalMessage | null = null;
  for (const m of messages) {
    const body = normalize(m.body);
    if (!phrases.some((p) => body.includes(p))) continue;
    messageHits++;
    best ??= m;
    for (const p of missing) if (body.includes(p)) missing.delete(p);
  }
  if (missing.size > 0 && !truncated) return null;
  return {
    subject: highlight(conversation.subject, phrases),
    // A tag counts as a hit in the subject: both name what the ticket is about.
    subjectHit: headline !== '' && phrases.some((p) => headline.includes(p)),
    snippet: best ? snippet(best.body, phrases) : null,
    messageHits,
  };
}
