import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import type { Conversation, Message } from '../../../../protocol';
import type { CustomerHistoryResponse } from '../../../../protocol/customers';
import { KadeskDb } from '../db';
import { loadCustomerCard, loadSlices } from '../queries';
import { SearchIndexer } from '../search/indexer';
import { searchLocal } from '../search/query';
import { SyncEngine } from '../sync-engine';
import { FakeServer } from '../testing/fake-server';
import { evictHistory, historyEntry, storeHistoryPage, touchHistory } from './cache';

const opened: KadeskDb[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) {
    db.close();
    await Dexie.delete(db.name);
  }
});

const day = (d: number) => new Date(Date.UTC(2026, 9, d, 8)).toISOString();

function oldConversation(id: string, d: number): Conversation {
  return {
    id,
    version: 1,
    deletedAt: null,
    customerId: 'cu-1',
    channel: 'qq',
    subject: `旧工单${id}`,
    status: 'resolved',
    category: 'delivery_delayed',
    categoryConfidence: null,
    priority: 'normal',
    repeat: false,
    sla: null,
    teamId: 'team-elsewhere',
    assigneeId: 'agent-elsewhere',
    orderId: null,
    lastMessageAt: day(d),
    lastMessagePreview: '',
    unreadCount: 0,
    createdAt: day(d),
    updatedAt: day(d),
  };
}

function oldMessage(conversationId: string, n: number, body: string): Message {
  return {
    id: `${conversationId}-m${n}`,
    version: 1,
    deletedAt: null,
    conversationId,
    kind: 'customer',
    authorId: null,
    authorName: '测试玩家',
    body,
    html: null,
    attachments: [],
    createdAt: day(1),
  };
}

async function setup() {
  const db = new KadeskDb(`history-test-${opened.length}-${Date.now()}`);
  opened.push(db);
  const server = new FakeServer();
  server.addCustomer('cu-1');
  server.addConversation('live', { subject: '当前工单' });
  const engine = new SyncEngine({ db, transport: server, self: server.agent });
  await engine.pull();
  return { db, server, engine };
}

const page = (conversations: Conversation[], nextBefore: string | null): CustomerHistoryResponse => ({
  conversations,
  messages: conversations.map((c) => oldMessage(c.id, 1, `${c.subject}：王者荣耀点卡一直没到账`)),
  nextBefore,
});

describe('customer history cache', () => {
  it('stores history readable offline, outside inbox views, searchable, and never over synced rows', async () => {
    const { db } = await setup();
    const synced = await db.conversations.get('live');
    await storeHistoryPage(db, 'cu-1', page([{ ...oldConversation('live', 5), subject: '服务器旧版本' }, oldConversation('h1', 4), oldConversation('h2', 3)], day(3)), 1000);

    expect(await db.conversations.get('live')).toEqual(synced);
    expect((await loadCustomerCard(db, 'cu-1')).history.map((c) => c.id)).toEqual(['live', 'h1', 'h2']);
    const [all] = await loadSlices(db, 'all', { agentId: 'x', teamIds: [] }, [{ upper: null, lower: null, limit: 50 }]);
    expect(all?.rows.map((r) => r.conversation.id)).toEqual(['live']);
    expect(await db.messages.get('h1-m1')).toMatchObject({ pending: 0, body: '旧工单h1：王者荣耀点卡一直没到账' });
    expect(await historyEntry(db, 'cu-1')).toMatchObject({ before: day(3), complete: false, lastAccessedAt: 1000 });
    expect((await historyEntry(db, 'cu-1'))?.conversations.map((c) => c.id)).toEqual(['h1', 'h2']);

    await new SearchIndexer(db).drain();
    expect((await searchLocal(db, '王者荣耀')).map((h) => h.conversation.id)).toEqual(['h1', 'h2']);

    await storeHistoryPage(db, 'cu-1', page([oldConversation('h3', 1)], null), 2000);
    expect(await historyEntry(db, 'cu-1')).toMatchObject({ before: day(1), complete: true });
  });

  it('evicts to the budget, least recently used first, keeping pending and synced rows', async () => {
    const { db, server, engine } = await setup();
    await storeHistoryPage(db, 'cu-1', page([oldConversation('a1', 4), oldConversation('a2', 3)], null), 1000);
    await storeHistoryPage(db, 'cu-2', page([{ ...oldConversation('b1', 4), customerId: 'cu-2' }], null), 5000);
    await touchHistory(db, 'cu-1', 1010);
    expect((await historyEntry(db, 'cu-1'))?.lastAccessedAt).toBe(1000);
    await touchHistory(db, 'cu-1', 70_000);
    expect((await historyEntry(db, 'cu-1'))?.lastAccessedAt).toBe(70_000);

    // A note on a2 is waiting to be sent; b1 (cu-2, used longest ago) goes first.
    server.setOffline(true);
    await engine.addNote('a2', '补充说明');
    expect(await evictHistory(db, new Set(), 1)).toEqual(['b1', 'a1']);
    expect(await db.conversations.get('b1')).toBeUndefined();
    expect(await db.messages.get('b1-m1')).toBeUndefined();
    expect(await db.conversations.get('a2')).toBeDefined();
    expect(await historyEntry(db, 'cu-2')).toBeNull();
    expect((await historyEntry(db, 'cu-1'))?.conversations.map((c) => c.id)).toEqual(['a2']);

    // a2 enters the sync scope: no longer cache, no longer counted, never evicted.
    server.setOffline(false);
    server.addConversation('a2', { subject: '重新打开' });
    await engine.pull();
    expect((await db.conversations.get('a2'))?.cachedOnly).toBeUndefined();
    expect(await evictHistory(db, new Set(), 1)).toEqual([]);
    expect(await db.conversations.get('a2')).toBeDefined();
    expect((await historyEntry(db, 'cu-1'))?.conversations).toEqual([]);
    await engine.stop();
  });
});
