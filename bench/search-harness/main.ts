import Dexie from 'dexie';
import { applyPullPage } from '../../renderer/src/data/apply-pull';
import { KadeskDb } from '../../renderer/src/data/db';
import { SearchIndexer } from '../../renderer/src/data/search/indexer';
import { searchLocal, warmSearch } from '../../renderer/src/data/search/query';
import { percentile } from '../stats';
import { benchQueries, corpus, MESSAGES_PER_CONVERSATION } from './corpus';

// Runs in Chromium, driven by bench/search.ts: fills IndexedDB through the workstation's
// own pull path (chunks of 1,000 rows per transaction, search jobs queued alongside),
// builds the index with the workstation's indexer, then times searches.

export interface HarnessOptions {
  messages: number;
  /** Conversations per pull page handed to applyPullPage. */
  pageConversations: number;
  /** Messages tokenized per indexer step; the workstation uses fewer to keep the UI responsive. */
  stepMessages: number;
}

interface Timing {
  query: string;
  ms: number;
  results: number;
}

declare global {
  interface Window {
    kadeskSearchBench(options: HarnessOptions): Promise<unknown>;
    /** Installed by the driver: progress lines for the terminal. */
    benchProgress?(line: string): void;
  }
}

const progress = (line: string) => window.benchProgress?.(line);

function summary(timings: Timing[]) {
  const ms = timings.map((t) => t.ms).sort((a, b) => a - b);
  return { queries: ms.length, p50Ms: percentile(ms, 50), p95Ms: percentile(ms, 95), maxMs: ms.at(-1) ?? 0 };
}

window.kadeskSearchBench = async ({ messages, pageConversations, stepMessages }) => {
  const name = 'kadesk-search-bench';
  await Dexie.delete(name);
  const db = new KadeskDb(name);
  const now = Date.now();
  const data = corpus(Math.ceil(messages / MESSAGES_PER_CONVERSATION), now);

  const fillStarted = performance.now();
  let cursor = 0;
  for (let first = 0; first < data.conversations; first += pageConversations) {
    const changes = [];
    for (let i = first; i < Math.min(data.conversations, first + pageConversations); i++) changes.push(...data.changesFor(i));
    cursor += changes.length;
    await applyPullPage(db, changes, cursor);
    const done = Math.min(data.conversations, first + pageConversations);
    if ((done / pageConversations) % 10 === 0 || done === data.conversations) progress(`stored ${done * MESSAGES_PER_CONVERSATION} messages`);
  }
  const fillMs = performance.now() - fillStarted;

  const indexStarted = performance.now();
  const indexer = new SearchIndexer(db, { stepMessages });
  const ticker = setInterval(() => void db.searchQueue.count().then((n) => progress(`indexing: ${n} jobs queued`)), 10_000);
  await indexer.drain();
  clearInterval(ticker);
  const indexMs = performance.now() - indexStarted;
  const [storedMessages, docs, segments] = await Promise.all([db.messages.count(), db.searchDocs.count(), db.searchSegments.count()]);
  progress(`indexed ${docs} conversations into ${segments} segments`);

  // What the workstation does once at start: load the in-memory document table.
  const warmStarted = performance.now();
  await warmSearch(db);
  const warmMs = performance.now() - warmStarted;

  const queries = benchQueries(data.orderNumbers);
  const run = async () => {
    const out: Timing[] = [];
    for (const query of queries) {
      const started = performance.now();
      const hits = await searchLocal(db, query, { limit: 30, now });
      out.push({ query, ms: Math.round((performance.now() - started) * 10) / 10, results: hits.length });
    }
    return out;
  };
  // The first pass meets cold caches (IndexedDB, V8); the second is an agent searching again.
  const cold = await run();
  const warm = await run();
  db.close();
  return {
    messages: storedMessages,
    conversations: docs,
    fill: { seconds: Math.round(fillMs / 100) / 10, messagesPerSecond: Math.round(storedMessages / (fillMs / 1000)) },
    index: { seconds: Math.round(indexMs / 100) / 10, messagesPerSecond: Math.round(storedMessages / (indexMs / 1000)), segments },
    search: { documentTableLoadMs: Math.round(warmMs), cold: summary(cold), warm: summary(warm) },
    slowest: [...cold, ...warm].sort((a, b) => b.ms - a.ms).slice(0, 5),
    zeroResults: warm.filter((t) => t.results === 0).map((t) => t.query),
  };
};
