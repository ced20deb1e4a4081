import Dexie, { type Table } from 'dexie';
import type { PullRequest } from '../../protocol';
import { APPLY_CHUNK_ROWS } from '../../renderer/src/data/apply-pull';
import { getBridge } from '../../renderer/src/bridge';
import { dbNameFor, httpTransport, KadeskDb, SearchIndexer, SyncEngine, type SyncTransport } from '../../renderer/src/data';
import { apiFor, signIn } from '../../renderer/src/session/session';
import { createUiStore } from '../../renderer/src/stores/ui-store';

// Runs in Chromium on the server's own origin, next to the built workstation, driven by
// bench/workstation.ts. It signs in as the workstation's login screen does and performs
// the first sync with the workstation's SyncEngine into the database the workstation
// will open, then writes the same rows again with plain Dexie bulkPut for comparison,
// and indexes them for search as the running workstation would have.

export interface BootstrapOptions {
  login: string;
  password: string;
}

declare global {
  interface Window {
    kadeskWorkstationBench(options: BootstrapOptions): Promise<unknown>;
    benchProgress?(line: string): void;
  }
}

const progress = (line: string) => window.benchProgress?.(line);
const perSecond = (count: number, ms: number) => Math.round(count / (ms / 1000));
const seconds = (ms: number) => Math.round(ms / 100) / 10;

/** The pull transport, timing the requests (network and server) apart from the local writes. */
function timed(inner: SyncTransport) {
  const t = { ms: 0, pages: 0 };
  const transport: SyncTransport = {
    async pull(req: PullRequest) {
      const started = performance.now();
      try {
        return await inner.pull(req);
      } finally {
        t.ms += performance.now() - started;
        if (++t.pages % 50 === 0) progress(`first sync: ${t.pages} pages`);
      }
    },
    push: (req) => inner.push(req),
  };
  return { transport, t };
}

/** Plain bulkPut of `rows` into a table, a chunk per transaction as the pull path writes them. */
async function bulkPutAll<T>(db: Dexie, table: Table<T, string>, rows: T[]): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < rows.length; i += APPLY_CHUNK_ROWS) {
    await db.transaction('rw', table, () => table.bulkPut(rows.slice(i, i + APPLY_CHUNK_ROWS)));
  }
  return performance.now() - started;
}

window.kadeskWorkstationBench = async ({ login, password }) => {
  const bridge = getBridge();
  const session = await signIn(bridge, localStorage, login, password);
  // The agent last left the workstation on the view of every conversation.
  createUiStore(localStorage).getState().setView('all');

  const db = new KadeskDb(dbNameFor(session.serverUrl, session.agent.id));
  const { transport, t } = timed(httpTransport(apiFor(bridge, session.serverUrl)));
  const engine = new SyncEngine({ db, transport, self: { id: session.agent.id, name: session.agent.name } });
  const syncStarted = performance.now();
  const pulled = await engine.pull();
  const syncMs = performance.now() - syncStarted;
  await engine.stop();
  if (!pulled.ok) throw new Error(`first sync failed: ${String(pulled.error)}`);
  const [customers, conversations, messages] = await Promise.all([db.customers.count(), db.conversations.count(), db.messages.count()]);
  progress(`first sync: ${pulled.changes} rows in ${seconds(syncMs)} s`);

  // The same rows, read back as stored, written with nothing but bulkPut into a fresh copy of the schema.
  const raw = new KadeskDb('kadesk-bench-raw');
  let rawMs = 0;
  let rawRows = 0;
  for (const name of ['customers', 'conversations', 'messages'] as const) {
    const rows: unknown[] = await db.table(name).toArray();
    rawRows += rows.length;
    rawMs += await bulkPutAll(raw, raw.table(name), rows);
  }
  raw.close();
  await Dexie.delete('kadesk-bench-raw');
  progress(`bulkPut: ${rawRows} rows in ${seconds(rawMs)} s; indexing for search …`);

  const indexStarted = performance.now();
  await new SearchIndexer(db, { stepMessages: 50_000 }).drain();
  const indexMs = performance.now() - indexStarted;
  db.close();

  const applyMs = syncMs - t.ms;
  return {
    stored: { customers, conversations, messages },
    sync: {
      rows: pulled.changes,
      pages: t.pages,
      seconds: seconds(syncMs),
      rowsPerSecond: perSecond(pulled.changes, syncMs),
      // Where the time went: waiting for pull answers, and writing them locally (applyPullPage).
      transportSeconds: seconds(t.ms),
      applySeconds: seconds(applyMs),
      applyRowsPerSecond: perSecond(pulled.changes, applyMs),
    },
    rawBulkPut: { rows: rawRows, seconds: seconds(rawMs), rowsPerSecond: perSecond(rawRows, rawMs) },
    searchIndex: { seconds: seconds(indexMs), messagesPerSecond: perSecond(messages, indexMs) },
  };
};
