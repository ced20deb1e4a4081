import { CATEGORIES, type ConversationStatus } from '../protocol';
import { insertAgent } from '../server/src/auth/agents';
import { hashPassword } from '../server/src/auth/password';
import type { Db } from '../server/src/db/db';
import { refreshStatistics } from '../server/src/db/statistics';
import { insertRows } from '../server/src/demo/bulk-insert';
import { corpus } from './search-harness/corpus';

// A workspace far larger than the demo, for the sync and workstation benchmarks: one team,
// one agent whose sync scope is every conversation, the search benchmark's Chinese corpus
// as conversations and messages. Written straight into the tables (as the demo seed is),
// so versions, triggers and indexes are the real ones.

export const BENCH_LOGIN = 'bench-agent';
export const BENCH_PASSWORD = 'bench-password';
const TEAM_ID = 'bench-team';
/** The corpus spreads its conversations over this many customers. */
const CORPUS_CUSTOMERS = 5000;
/** Conversations per write transaction: bounded memory, and the server stays answerable. */
const BATCH = 5000;

export interface LargeWorkspaceSizes {
  conversations: number;
  messagesPerConversation: number;
}

export interface LargeWorkspace {
  agentId: string;
  customers: number;
  conversations: number;
  messages: number;
}

const OPEN_STATUSES: ConversationStatus[] = ['new', 'open', 'waiting_customer', 'waiting_supplier'];

/** One in ten conversations open, one in fifty of those the agent's own, a tenth at SLA risk. */
function ticketState(i: number) {
  const open = i % 20 < 2;
  return {
    status: open ? OPEN_STATUSES[(i >> 1) % OPEN_STATUSES.length]! : 'resolved',
    assigneeId: open && i % 1000 < 2 ? BENCH_LOGIN : null,
    category: CATEGORIES[i % CATEGORIES.length]!,
    slaState: open ? (i % 200 < 2 ? 'warning' : 'ok') : null,
    unread: open && i % 4 === 0 ? 1 + (i % 3) : 0,
  };
}

export async function seedLargeWorkspace(
  db: Db,
  sizes: LargeWorkspaceSizes,
  progress: (line: string) => void = () => undefined,
): Promise<LargeWorkspace> {
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  const customers = Math.min(CORPUS_CUSTOMERS, sizes.conversations);
  await db.write(async (tx) => {
    await insertRows(tx, 'teams', ['id', 'name', 'kind'], [[TEAM_ID, '压测一组', 'general']]);
    await insertAgent(tx, {
      id: BENCH_LOGIN,
      name: '压测客服',
      login: BENCH_LOGIN,
      passwordHash,
      role: 'agent',
      teamIds: [TEAM_ID],
      capacity: 50,
      status: 'online',
    });
    await insertRows(
      tx,
      'customers',
      ['id', 'name', 'tier'],
      Array.from({ length: customers }, (_, i) => [`CU${String(i).padStart(6, '0')}`, `示例玩家${String(i).padStart(4, '0')}`, 'individual']),
    );
  });

  const data = corpus(sizes.conversations, Date.now());
  let messages = 0;
  for (let first = 0; first < sizes.conversations; first += BATCH) {
    const conversationRows: unknown[][] = [];
    const messageRows: unknown[][] = [];
    for (let i = first; i < Math.min(sizes.conversations, first + BATCH); i++) {
      const [head, ...rest] = data.changesFor(i);
      if (head?.table !== 'conversations') throw new Error('the corpus yields a conversation first');
      const c = head.row;
      const kept = rest.flatMap((ch) => (ch.table === 'messages' ? [ch.row] : [])).slice(0, sizes.messagesPerConversation);
      const last = kept.at(-1);
      const s = ticketState(i);
      const lastAt = last?.createdAt ?? c.createdAt;
      conversationRows.push([
        c.id, c.customerId, c.channel, c.subject, s.status, s.category, c.priority, TEAM_ID, s.assigneeId, c.orderId,
        lastAt, last?.body.slice(0, 80) ?? '', s.unread, c.createdAt, lastAt, s.slaState,
      ]);
      for (const m of kept) messageRows.push([m.id, m.conversationId, m.kind, m.authorId, m.authorName, m.body, m.createdAt]);
    }
    await db.write(async (tx) => {
      await insertRows(
        tx,
        'conversations',
        [
          'id', 'customer_id', 'channel', 'subject', 'status', 'category', 'priority', 'team_id', 'assignee_id', 'order_id',
          'last_message_at', 'last_message_preview', 'unread_count', 'created_at', 'updated_at', 'sla_state',
        ],
        conversationRows,
      );
      await insertRows(tx, 'messages', ['id', 'conversation_id', 'kind', 'author_id', 'author_name', 'body', 'created_at'], messageRows);
    });
    messages += messageRows.length;
    progress(`seeded ${Math.min(sizes.conversations, first + BATCH)} conversations`);
  }
  // As the demo seed does after its bulk load: plans then match the tables' real size.
  await refreshStatistics(db);
  return { agentId: BENCH_LOGIN, customers, conversations: sizes.conversations, messages };
}
