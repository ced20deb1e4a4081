import type { Table } from 'dexie';
import type { Change, SyncTable } from '../../../protocol';
import { type KadeskDb, type LocalMessage, rangeOf } from './db';
import { readCursor, writeCursor } from './meta';
import { fromServer, overlayEntries, relayConversation } from './optimistic';
import { queueForIndex } from './search/indexer';

/** IndexedDB cost is per transaction, so pulled rows are written this many at a time. */
export const APPLY_CHUNK_ROWS = 1000;

type RowOf<T extends SyncTable> = Extract<Change, { table: T }>['row'];
interface Syncable {
  id: string;
  version: number;
  deletedAt: string | null;
}

/**
 * Stores one pull page. Each chunk is one transaction; the cursor is written in the same
 * transaction as the page's last rows, so it never runs ahead of them, and so is the
 * search index's work list for those rows. If the app stops
 * between chunks the page is pulled again and its rows are rewritten, which is harmless.
 */
export async function applyPullPage(db: KadeskDb, changes: readonly Change[], cursor: number): Promise<void> {
  const tables = [
    db.teams,
    db.agents,
    db.customers,
    db.orders,
    db.conversations,
    db.messages,
    db.outbox,
    db.applied,
    db.meta,
    db.searchQueue,
  ];
  let start = 0;
  do {
    const chunk = changes.slice(start, start + APPLY_CHUNK_ROWS);
    start += APPLY_CHUNK_ROWS;
    const last = start >= changes.length;
    await db.transaction('rw', tables, async () => {
      await applyChunk(db, chunk);
      if (last && cursor > (await readCursor(db))) await writeCursor(db, cursor);
    });
  } while (start < changes.length);
}

async function applyChunk(db: KadeskDb, changes: readonly Change[]): Promise<void> {
  const rows = latestByTable(changes);
  await applyRows(db.teams, rows.teams, (row) => row);
  await applyRows(db.agents, rows.agents, (row) => row);
  await applyRows(db.customers, rows.customers, (row) => row);
  await applyRows(db.orders, rows.orders, (row) => row);
  const conversations = await applyRows(db.conversations, rows.conversations, fromServer);
  // A conversation that left the agent's scope arrives as a tombstone; its messages go with it.
  for (const id of conversations.deleted) {
    await db.messages.where('[conversationId+createdAt]').between(...rangeOf(id)).delete();
  }
  // The server row replaces the optimistic one with the same id: it is no longer pending.
  const messages = await applyRows(db.messages, rows.messages, (row): LocalMessage => ({ ...row, pending: 0, failed: null }));
  await queueForIndex(db, [...conversations.stored, ...conversations.deleted], messages.stored);

  if (conversations.stored.length === 0) return;
  // Fresh server rows lose their optimistic overlay; lay the unconfirmed mutations over them again.
  const entries = await overlayEntries(db);
  const touched = new Set(entries.map((e) => e.mutation.args.conversationId));
  for (const id of conversations.stored) {
    if (touched.has(id)) await relayConversation(db, id, entries);
  }
}

/** Rows grouped by table, only the newest version of each id. */
function latestByTable(changes: readonly Change[]): { [T in SyncTable]: Array<RowOf<T>> } {
  const latest = new Map<string, Change>();
  for (const change of changes) {
    const key = `${change.table}\u0000${change.row.id}`;
    const seen = latest.get(key);
    if (!seen || seen.row.version <= change.row.version) latest.set(key, change);
  }
  const out = { teams: [], agents: [], customers: [], orders: [], conversations: [], messages: [] } as {
    [T in SyncTable]: Array<RowOf<T>>;
  };
  for (const change of latest.values()) (out[change.table] as Syncable[]).push(change.row);
  return out;
}

/** Puts live rows and deletes tombstoned ones, never letting an older version overwrite a newer. */
async function applyRows<Row extends Syncable, Local extends Syncable>(
  table: Table<Local, string>,
  rows: readonly Row[],
  toLocal: (row: Row, previous: Local | undefined) => Local,
): Promise<{ stored: string[]; deleted: string[] }> {
  if (rows.length === 0) return { stored: [], deleted: [] };
  const existing = await table.bulkGet(rows.map((r) => r.id));
  const puts: Local[] = [];
  const deleted: string[] = [];
  rows.forEach((row, i) => {
    const previous = existing[i];
    if (previous && previous.version > row.version) return;
    if (row.deletedAt !== null) deleted.push(row.id);
    else puts.push(toLocal(row, previous));
  });
  await table.bulkDelete(deleted);
  await table.bulkPut(puts);
  return { stored: puts.map((r) => r.id), deleted };
}
