import { liveQuery, type Subscription } from 'dexie';
import { rangeOf, type KadeskDb, type LocalConversation, type LocalMessage, type MetaRow } from '../db';
import { planMerge, termRange, unionSorted } from './postings';
import type { SearchDoc, SearchSegment } from './tables';
import { addIndexTerms, headlineOf } from './tokenize';

/** Messages tokenized per step. Indexing runs on the UI thread, so a step stays short. */
const STEP_MESSAGES = 2000;
/** Conversations a rebuild indexes per step. */
const REBUILD_CONVERSATIONS = 200;

export interface IndexerOptions {
  stepMessages?: number;
}

/** What one step indexes: per conversation, its terms and newest message time. */
interface Batch {
  seqs: number[];
  /** A rebuild job moved on to this conversation id (or finished, when null). */
  rebuild: { seq: number; after: string | null } | null;
  touched: Set<string>;
  terms: Map<string, Set<string>>;
  lastAt: Map<string, string>;
}


/** Queues rows for indexing; callers run it in the transaction that stored or removed them. */
export async function queueForIndex(db: KadeskDb, conversations: readonly string[], messages: readonly string[]): Promise<void> {
  if (conversations.length + messages.length === 0) return;
  await db.searchQueue.add({ kind: 'rows', conversations: [...conversations], messages: [...messages] });
}

/**
 * Keeps the search index in step with the cached rows by draining the queue that
 * apply-pull (and the history cache) fill. A step tokenizes outside any transaction, then
 * writes the postings, the documents and the queue's progress in one, so a crash
 * anywhere repeats work and never loses it; indexing a row twice changes nothing.
 */
export class SearchIndexer {
  private readonly stepMessages: number;
  private subscription: Subscription | null = null;
  private running: Promise<void> | null = null;
  private again = false;

  constructor(
    private readonly db: KadeskDb,
    options: IndexerOptions = {},
  ) {
    this.stepMessages = options.stepMessages ?? STEP_MESSAGES;
  }

  /** Drains the queue whenever something is added to it. */
  start(): void {
    // count(): a live primaryKeys() read of an auto-incremented table misses added rows. The queue holds a few jobs.
    this.subscription ??= liveQuery(() => this.db.searchQueue.count()).subscribe({
      next: (queued) => {
        if (queued > 0) void this.drain().catch((e: unknown) => console.error('search index', e));
      },
    });
  }

  async stop(): Promise<void> {
    this.subscription?.unsubscribe();
    this.subscription = null;
    await this.running?.catch(() => undefined);
  }

  /** Indexes everything queued; resolves when the queue is empty. */
  drain(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        do {
          this.again = false;
          while (await this.step()) {
            // Let input and rendering in between steps.
            await new Promise((r) => setTimeout(r, 0));
          }
        } while (this.again);
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }

  /** Indexes one batch; false when there was nothing to do. */
  private async step(): Promise<boolean> {
    const batch = await this.collect();
    if (!batch) return false;
    await this.write(batch);
    return true;
  }

  private async collect(): Promise<Batch | null> {
    const db = this.db;
    const batch: Batch = { seqs: [], rebuild: null, touched: new Set(), terms: new Map(), lastAt: new Map() };
    const conversationIds = new Set<string>();
    const messageIds: string[] = [];
    await db.searchQueue.orderBy('seq').until(() => messageIds.length >= this.stepMessages || batch.rebuild !== null).each((job) => {
      if (job.kind === 'rebuild') {
        if (batch.seqs.length === 0) batch.rebuild = { seq: job.seq!, after: job.after };
        return;
      }
      batch.seqs.push(job.seq!);
      for (const id of job.conversations) conversationIds.add(id);
      messageIds.push(...job.messages);
    });
    if (batch.seqs.length === 0 && !batch.rebuild) return null;

    let messages: LocalMessage[];
    if (batch.rebuild) {
      const ids = await db.conversations.where('id').above(batch.rebuild.after).limit(REBUILD_CONVERSATIONS).primaryKeys();
      batch.rebuild.after = ids.at(-1) ?? null;
      for (const id of ids) conversationIds.add(id);
      messages = (
        await Promise.all(ids.map((id) => db.messages.where('[conversationId+createdAt]').between(...rangeOf(id)).toArray()))
      ).flat();
    } else {
      messages = (await db.messages.bulkGet(messageIds)).filter((m) => m !== undefined);
    }
    for (const m of messages) conversationIds.add(m.conversationId);

    const conversations = await db.conversations.bulkGet([...conversationIds]);
    const present = new Map<string, LocalConversation>();
    for (const c of conversations) if (c) present.set(c.id, c);
    batch.touched = conversationIds;
    const termsOf = (id: string) => {
      let set = batch.terms.get(id);
      if (!set) batch.terms.set(id, (set = new Set()));
      return set;
    };
    for (const c of present.values()) {
      addIndexTerms(headlineOf(c), termsOf(c.id));
      batch.lastAt.set(c.id, c.lastMessageAt);
    }
    // A message can be stored before its conversation: a paged pull may end between them.
    // Its words are indexed now and wait, under a gone document, for the conversation.
    for (const m of messages) {
      addIndexTerms(m.body, termsOf(m.conversationId));
      if (!present.has(m.conversationId)) continue;
      const seen = batch.lastAt.get(m.conversationId);
      if (!seen || seen < m.createdAt) batch.lastAt.set(m.conversationId, m.createdAt);
    }
    return batch;
  }

  private async write(batch: Batch): Promise<void> {
    const db = this.db;
    await db.transaction('rw', [db.searchDocs, db.searchSegments, db.searchQueue, db.meta], async () => {
      const counters = await readCounters(db);
      const ids = [...batch.touched];
      const existing = await db.searchDocs.where('conversationId').anyOf(ids).toArray();
      const byConversation = new Map(existing.map((d) => [d.conversationId, d]));

      // A conversation not stored (out of scope, evicted, or not pulled yet) is a gone document:
      // it keeps its number, and its postings match nothing until the conversation is stored.
      const docs: SearchDoc[] = [];
      const postings = new Map<string, number[]>();
      for (const conversationId of ids) {
        const before = byConversation.get(conversationId);
        const lastAt = batch.lastAt.get(conversationId);
        const terms = batch.terms.get(conversationId) ?? new Set<string>();
        if (lastAt === undefined && terms.size === 0 && (!before || before.gone)) continue;
        const no = before?.no ?? counters.nextDoc++;
        if (lastAt === undefined) {
          if (!before || !before.gone) docs.push({ no, conversationId, lastAt: before?.lastAt ?? '', gone: 1, seq: counters.nextDocSeq++ });
        } else {
          const newest = before && !before.gone && before.lastAt > lastAt ? before.lastAt : lastAt;
          docs.push({ no, conversationId, lastAt: newest, seq: counters.nextDocSeq++ });
        }
        for (const term of terms) {
          let list = postings.get(term);
          if (!list) postings.set(term, (list = []));
          list.push(no);
        }
      }
      await db.searchDocs.bulkPut(docs);
      await this.writePostings(postings, counters);
      await db.meta.put({ key: 'searchCounters', value: counters });

      await db.searchQueue.bulkDelete(batch.seqs);
      const rebuild = batch.rebuild;
      if (rebuild?.after === null) await db.searchQueue.delete(rebuild.seq);
      else if (rebuild) await db.searchQueue.put({ seq: rebuild.seq, kind: 'rebuild', after: rebuild.after });
    });
  }

  /** Adds each term's new postings as a segment, merged with the small segments before it. */
  private async writePostings(postings: Map<string, number[]>, counters: Counters): Promise<void> {
    const db = this.db;
    const terms = [...postings.keys()];
    const keyLists = await Promise.all(terms.map((t) => db.searchSegments.where('[term+seg+n]').between(...termRange(t)).primaryKeys()));
    const seg = counters.nextSeg++;
    const merges = terms.map((term, i) => {
      const keys = keyLists[i]!;
      const take = planMerge(
        keys.map((k) => k[2]),
        postings.get(term)!.length,
      );
      return { term, replaced: keys.slice(keys.length - take) };
    });
    const old = await db.searchSegments.bulkGet(merges.flatMap((m) => m.replaced));
    let at = 0;
    const puts: SearchSegment[] = merges.map(({ term, replaced }) => {
      const lists = old.slice(at, (at += replaced.length)).map((s) => s!.docs);
      lists.push(Uint32Array.from(postings.get(term)!).sort());
      const docs = unionSorted(lists);
      return { term, seg, n: docs.length, docs };
    });
    await db.searchSegments.bulkDelete(merges.flatMap((m) => m.replaced));
    await db.searchSegments.bulkPut(puts);
  }
}

type Counters = Extract<MetaRow, { key: 'searchCounters' }>['value'];

async function readCounters(db: KadeskDb): Promise<Counters> {
  const row = await db.meta.get('searchCounters');
  return row?.key === 'searchCounters' ? { ...row.value } : { nextDoc: 1, nextSeg: 1, nextDocSeq: 1 };
}
