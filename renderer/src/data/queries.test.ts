import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { CATEGORIES, CHANNELS, CONVERSATION_STATUSES, SLA_STATES, type Conversation, type Order } from '../../../protocol';
import { KadeskDb, type LocalMessage } from './db';
import { fromServer, withIndexKeys } from './optimistic';
import { countViews, loadCustomerCard, loadSlices, loadThread, unreadInMine } from './queries';
import { ALL_VIEWS, inView, type InboxView, type ViewContext } from './views';

let db: KadeskDb;
let n = 0;

afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
});

const at = (minute: number) => new Date(Date.UTC(2026, 10, 2, 10, minute)).toISOString();

function conversation(id: string, minute: number, patch: Partial<Conversation> = {}): Conversation {
  return {
    id,
    version: minute,
    deletedAt: null,
    customerId: 'cu-1',
    channel: 'qq',
    subject: '充值失败',
    status: 'open',
    category: 'topup_failed',
    categoryConfidence: null,
    priority: 'normal',
    repeat: false,
    sla: null,
    teamId: 'team-pay',
    assigneeId: null,
    orderId: null,
    lastMessageAt: at(minute),
    lastMessagePreview: '',
    unreadCount: 0,
    createdAt: at(0),
    updatedAt: at(minute),
    ...patch,
  };
}

async function seed(rows: Conversation[]) {
  db = new KadeskDb(`queries-test-${++n}`);
  await db.conversations.bulkPut(rows.map((r) => fromServer(r, undefined)));
  await db.customers.put({
    id: 'cu-1',
    version: 1,
    deletedAt: null,
    name: '测试玩家小明',
    tier: 'merchant',
    vip: true,
    identities: [],
    phone: null,
    email: null,
    note: '',
    frozen: false,
    createdAt: at(0),
  });
}

const me = { agentId: 'me', teamIds: [] };
/** The newest `limit` rows of a view: its first slice. */
const loadInbox = async (database: KadeskDb, view: InboxView, ctx: ViewContext, limit: number) =>
  (await loadSlices(database, view, ctx, [{ upper: null, lower: null, limit }]))[0]!;
const ids = (page: { rows: Array<{ conversation: { id: string } }> }) => page.rows.map((r) => r.conversation.id);

describe('inbox views', () => {
  it('lists each view newest first from its own index', async () => {
    await seed([
      conversation('mine-old', 1, { assigneeId: 'me', unreadCount: 2 }),
      conversation('mine-new', 9, { assigneeId: 'me', status: 'waiting_customer', unreadCount: 1 }),
      conversation('mine-done', 10, { assigneeId: 'me', status: 'resolved', unreadCount: 5 }),
      conversation('free', 5),
      conversation('other', 7, { assigneeId: 'someone-else' }),
      conversation('free-done', 3, { status: 'resolved' }),
    ]);

    expect(ids(await loadInbox(db, 'mine', me, 50))).toEqual(['mine-new', 'mine-old']);
    expect(ids(await loadInbox(db, 'unassigned', me, 50))).toEqual(['free']);
    expect(ids(await loadInbox(db, 'open', me, 50))).toEqual(['mine-new', 'other', 'free', 'mine-old']);
    expect(ids(await loadInbox(db, 'status:resolved', me, 50))).toEqual(['mine-done', 'free-done']);
    expect(ids(await loadInbox(db, 'all', me, 50))).toEqual(['mine-done', 'mine-new', 'other', 'free', 'free-done', 'mine-old']);
    expect((await loadInbox(db, 'open', me, 1)).rows[0]?.customerName).toBe('测试玩家小明');
    expect(await unreadInMine(db, 'me')).toBe(3);
  });

  it('reads only up to the limit and says whether more exist', async () => {
    await seed(Array.from({ length: 30 }, (_, i) => conversation(`c${i}`, i)));
    const first = await loadInbox(db, 'open', me, 10);
    expect(ids(first)).toEqual(['c29', 'c28', 'c27', 'c26', 'c25', 'c24', 'c23', 'c22', 'c21', 'c20']);
    expect(first.hasMore).toBe(true);
    expect((await loadInbox(db, 'open', me, 30)).hasMore).toBe(false);
  });

  it('reads slices between lastMessageAt bounds', async () => {
    await seed(Array.from({ length: 30 }, (_, i) => conversation(`c${i}`, i)));
    const [top, middle, tail] = await loadSlices(db, 'open', me, [
      { upper: null, lower: at(25), limit: 100 },
      { upper: at(25), lower: at(20), limit: 100 },
      { upper: at(5), lower: null, limit: 3 },
    ]);
    expect(ids(top!)).toEqual(['c29', 'c28', 'c27', 'c26', 'c25']);
    expect(ids(middle!)).toEqual(['c24', 'c23', 'c22', 'c21', 'c20']);
    expect(ids(tail!)).toEqual(['c4', 'c3', 'c2']);
    expect(tail?.hasMore).toBe(true);
  });

  it('agrees with the view predicates for every view, history rows left out', async () => {
    const rand = seeded(7);
    const rows = Array.from({ length: 300 }, (_, i) =>
      conversation(`r${String(i).padStart(3, '0')}`, rand(59), {
        status: pick(rand, CONVERSATION_STATUSES),
        channel: pick(rand, CHANNELS),
        category: rand(5) === 0 ? null : pick(rand, CATEGORIES),
        teamId: pick(rand, ['team-a', 'team-b', 'team-c', null]),
        assigneeId: pick(rand, ['me', 'other', null]),
        sla: pick(rand, [null, ...SLA_STATES.map((state) => ({ state, firstResponseDueAt: null, nextResponseDueAt: null, resolutionDueAt: null }))]),
      }),
    );
    await seed(rows);
    // Customer history fetched from outside the sync scope is never listed in a view.
    const history = fromServer(conversation('history', 30, { assigneeId: 'me', teamId: 'team-a' }), undefined);
    await db.conversations.put(withIndexKeys({ ...history, cachedOnly: 1 }));
    const stored = await db.conversations.toArray();
    const ctx = { agentId: 'me', teamIds: ['team-a', 'team-b'] };
    const counts = await countViews(db, ALL_VIEWS, ctx, 40);
    for (const view of ALL_VIEWS) {
      const expected = stored
        .filter((c) => inView(view, c, ctx))
        .sort((a, b) => (a.lastMessageAt === b.lastMessageAt ? (a.id < b.id ? 1 : -1) : a.lastMessageAt < b.lastMessageAt ? 1 : -1))
        .map((c) => c.id);
      expect(ids(await loadInbox(db, view, ctx, 1000)), view).toEqual(expected);
      expect(counts[view], view).toBe(Math.min(expected.length, 41));
    }
  });
});

/** Deterministic integers in [0, n). */
function seeded(seed: number) {
  let x = seed;
  return (n: number) => {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    return x % n;
  };
}
const pick = <T,>(rand: (n: number) => number, from: readonly T[]): T => from[rand(from.length)]!;

describe('thread and customer', () => {
  it('returns the latest messages oldest first', async () => {
    await seed([conversation('c1', 1)]);
    const messages: LocalMessage[] = Array.from({ length: 5 }, (_, i) => ({
      id: `m${i}`,
      version: i + 1,
      deletedAt: null,
      conversationId: i === 4 ? 'c2' : 'c1',
      kind: 'customer',
      authorId: null,
      authorName: '测试玩家小明',
      html: null,
      attachments: [],
      body: `第${i}条`,
      createdAt: at(i),
      pending: 0,
      failed: null,
    }));
    await db.messages.bulkPut(messages);

    const page = await loadThread(db, 'c1', 3);
    expect(page.rows.map((m) => m.id)).toEqual(['m1', 'm2', 'm3']);
    expect(page.hasMore).toBe(true);
  });

  it('shows the customer with newest orders and past conversations', async () => {
    await seed([conversation('c1', 1), conversation('c2', 4), conversation('elsewhere', 2, { customerId: 'cu-2' })]);
    const order = (id: string, minute: number): Order => ({
      id,
      version: minute,
      deletedAt: null,
      customerId: 'cu-1',
      product: '点卡 100 元',
      game: '示例游戏',
      supplier: '示例供货商',
      amountCents: 10000,
      state: 'delivered',
      cardKeys: [{ masked: 'XXXX-****-****-7Q2M', state: 'redeemed' }],
      createdAt: at(minute),
    });
    await db.orders.bulkPut([order('o1', 1), order('o2', 8)]);

    const card = await loadCustomerCard(db, 'cu-1');
    expect(card.customer?.vip).toBe(true);
    expect(card.orders.map((o) => o.id)).toEqual(['o2', 'o1']);
    expect(card.history.map((c) => c.id)).toEqual(['c2', 'c1']);
  });
});
