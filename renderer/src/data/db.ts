import Dexie, { type EntityTable, type Table, type Transaction } from 'dexie';
import type { Agent, Conversation, Customer, Macro, Message, Mutation, MutationName, Order, Team } from '../../../protocol';
import type { HistoryCacheEntry } from './history/cache-entry';
import type { LocalArticle, LocalChecklistTick, LocalSop } from './knowledge-tables';
import type { SearchDoc, SearchJob, SearchSegment } from './search/tables';

/** Why the server (or the client, for a request it refused outright) turned a mutation down. */
export interface Rejection {
  code: string;
  message: string;
  params: Record<string, string>;
}

/**
 * A message as cached locally. Rows written optimistically carry `pending: 1` until the
 * server accepts them; a rejected one keeps its text and the reason in `failed`.
 */
export interface LocalMessage extends Message {
  pending: 0 | 1;
  failed: Rejection | null;
}

/**
 * A conversation as cached locally: the server row with any pending mutations laid over it.
 * `base` holds the server values of the fields those mutations changed, so a rejection can
 * put them back. `active`, `assigneeKey`, `teamKey`, `categoryKey` and `slaRisk` exist only
 * to be indexed (IndexedDB indexes neither booleans nor nulls).
 */
export interface LocalConversation extends Conversation {
  /** 1 open, 0 resolved, -1 fetched as history from outside the sync scope (never in an inbox view). */
  active: 1 | 0 | -1;
  assigneeKey: string;
  teamKey: string;
  categoryKey: string;
  /** 1 while the server's SLA clock says warning or breached. */
  slaRisk: 0 | 1;
  /** Set on rows fetched as customer history; a pulled copy of the row replaces it and drops the flag. */
  cachedOnly?: 1;
  base?: Partial<Conversation>;
  rejection?: (Rejection & { mutation: MutationName }) | null;
}

/**
 * A mutation waiting to be sent (table `outbox`), or one the server has applied whose
 * effect a pull has not brought back yet (table `applied`): until then the workstation
 * keeps showing its optimistic effect.
 */
export interface OutboxEntry {
  seq: number;
  mutation: Mutation;
  createdAt: string;
  attempts: number;
  lastError: string | null;
}

export type MetaRow =
  | { key: 'cursor'; value: number }
  | { key: 'clientId'; value: string }
  | { key: 'searchCounters'; value: { nextDoc: number; nextSeg: number; nextDocSeq: number } };

// Server rows always carry their id, so their tables take whole rows; only the outbox numbers itself.
export class KadeskDb extends Dexie {
  teams!: Table<Team, string>;
  agents!: Table<Agent, string>;
  customers!: Table<Customer, string>;
  orders!: Table<Order, string>;
  conversations!: Table<LocalConversation, string>;
  messages!: Table<LocalMessage, string>;
  outbox!: EntityTable<OutboxEntry, 'seq'>;
  applied!: EntityTable<OutboxEntry, 'seq'>;
  meta!: EntityTable<MetaRow, 'key'>;
  searchQueue!: Table<SearchJob, number>;
  searchDocs!: EntityTable<SearchDoc, 'no'>;
  searchSegments!: Table<SearchSegment, [string, number, number]>;
  historyCache!: EntityTable<HistoryCacheEntry, 'customerId'>;
  /** SOPs and knowledge articles as last fetched, and checklist ticks (pending ones not yet sent). */
  sops!: EntityTable<LocalSop, 'category'>;
  articles!: EntityTable<LocalArticle, 'id'>;
  checklistTicks!: Table<LocalChecklistTick, [string, string]>;
  /** The shared macros and the agent's own, as last fetched: macros work offline. */
  macros!: Table<Macro, string>;

  constructor(name: string) {
    super(name);
    // One index per list the UI shows, so every list is a key range read with a limit.
    this.version(1).stores({
      teams: 'id',
      agents: 'id',
      customers: 'id',
      orders: 'id, [customerId+createdAt]',
      conversations:
        'id, [status+lastMessageAt], [active+lastMessageAt], [active+assigneeKey+lastMessageAt], [customerId+lastMessageAt]',
      messages: 'id, [conversationId+createdAt]',
      outbox: '++seq',
      applied: 'seq',
      meta: 'key',
    });
    // Inbox views by team, channel, category and status; the search index; cached customer history.
    this.version(2)
      .stores({
        conversations:
          'id, [active+lastMessageAt], [active+assigneeKey+lastMessageAt], [active+teamKey+lastMessageAt], ' +
          '[active+channel+lastMessageAt], [active+categoryKey+lastMessageAt], [active+status+lastMessageAt], ' +
          '[customerId+lastMessageAt]',
        searchQueue: '++seq',
        searchDocs: 'no, &conversationId, seq',
        searchSegments: '[term+seg+n]',
        historyCache: 'customerId, lastAccessedAt',
      })
      .upgrade(async (tx) => {
        await reindexConversations(tx);
        // Rows cached before the index existed are indexed from scratch.
        await tx.table<SearchJob, number>('searchQueue').add({ kind: 'rebuild', after: '' });
      });
    // The "SLA at risk" view.
    this.version(3)
      .stores({
        conversations:
          'id, [active+lastMessageAt], [active+assigneeKey+lastMessageAt], [active+teamKey+lastMessageAt], ' +
          '[active+channel+lastMessageAt], [active+categoryKey+lastMessageAt], [active+status+lastMessageAt], ' +
          '[active+slaRisk+lastMessageAt], [customerId+lastMessageAt]',
      })
      .upgrade(reindexConversations);
    // Macros, refreshed from the server on start and on reconnect.
    this.version(4).stores({ macros: 'id' });
    // SOPs, knowledge articles and checklist ticks (ticked offline, sent when online).
    this.version(5).stores({ sops: 'category', articles: 'id', checklistTicks: '[conversationId+itemId], conversationId, pending' });
  }
}

/** Fills in the indexed fields of every stored conversation (after an index is added). */
async function reindexConversations(tx: Transaction): Promise<void> {
  await tx.table<LocalConversation, string>('conversations').toCollection().modify((row) => {
    Object.assign(row, indexKeysOf(row));
  });
}

/** The indexed fields of a conversation, derived from its visible ones. */
export function indexKeysOf(
  row: Conversation & { cachedOnly?: 1 },
): Pick<LocalConversation, 'active' | 'assigneeKey' | 'teamKey' | 'categoryKey' | 'slaRisk'> {
  // Rows cached before conversations carried an SLA have no `sla` at all.
  const sla = (row.sla as Conversation['sla'] | undefined)?.state;
  return {
    active: row.cachedOnly ? -1 : row.status === 'resolved' ? 0 : 1,
    assigneeKey: row.assigneeId ?? '',
    teamKey: row.teamId ?? '',
    categoryKey: row.category ?? '',
    slaRisk: sla === 'warning' || sla === 'breached' ? 1 : 0,
  };
}

/** One database per server and agent, so two sign-ins on one machine never share rows. */
export function dbNameFor(serverUrl: string, agentId: string): string {
  return `kadesk:${serverUrl}:${agentId}`;
}

/** The whole range of a compound index whose leading parts equal `prefix`. */
export function rangeOf(...prefix: Array<string | number>): [unknown[], unknown[]] {
  return [
    [...prefix, Dexie.minKey],
    [...prefix, Dexie.maxKey],
  ];
}
