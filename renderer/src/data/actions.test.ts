import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import type { Conversation } from '../../../protocol';
import { mutationsFor } from './actions';
import { KadeskDb } from './db';
import { SyncEngine } from './sync-engine';
import { FakeServer } from './testing/fake-server';

const conv = (id: string, patch: Partial<Conversation> = {}) => ({ id, status: 'open', assigneeId: null, unreadCount: 0, ...patch }) as Conversation;

describe('conversation actions', () => {
  const rows = [
    conv('a', { status: 'new', unreadCount: 2 }),
    conv('b', { status: 'resolved', assigneeId: 'me' }),
    conv('c', { status: 'waiting_customer', assigneeId: 'other', unreadCount: 1 }),
  ];

  it('turns each action into one mutation per conversation it changes', () => {
    expect(mutationsFor({ type: 'resolve' }, rows)).toEqual([
      { name: 'conversation.setStatus', args: { conversationId: 'a', status: 'resolved' } },
      { name: 'conversation.setStatus', args: { conversationId: 'c', status: 'resolved' } },
    ]);
    expect(mutationsFor({ type: 'assign', assigneeId: 'me' }, rows)).toEqual([
      { name: 'conversation.assign', args: { conversationId: 'a', assigneeId: 'me' } },
      { name: 'conversation.assign', args: { conversationId: 'c', assigneeId: 'me' } },
    ]);
    expect(mutationsFor({ type: 'setStatus', status: 'waiting_customer' }, rows).map((m) => m.args.conversationId)).toEqual(['a', 'b']);
    expect(mutationsFor({ type: 'markRead' }, rows)).toEqual([
      { name: 'conversation.markRead', args: { conversationId: 'a' } },
      { name: 'conversation.markRead', args: { conversationId: 'c' } },
    ]);
    expect(mutationsFor({ type: 'resolve' }, [rows[1]!])).toEqual([]);
  });

  it('tags only the conversations without the tag and untags only those with it', () => {
    const tagged = [conv('a', { tags: ['通道拥堵'] }), conv('b'), conv('c', { tags: ['VIP'] })];
    expect(mutationsFor({ type: 'tag', tag: '通道拥堵' }, tagged)).toEqual([
      { name: 'conversation.tag', args: { conversationId: 'b', tag: '通道拥堵' } },
      { name: 'conversation.tag', args: { conversationId: 'c', tag: '通道拥堵' } },
    ]);
    expect(mutationsFor({ type: 'untag', tag: '通道拥堵' }, tagged)).toEqual([{ name: 'conversation.untag', args: { conversationId: 'a', tag: '通道拥堵' } }]);
  });
});

describe('bulk mutations', () => {
  let db: KadeskDb;
  afterEach(async () => {
    db.close();
    await Dexie.delete(db.name);
  });

  it('shows a bulk action at once and sends it in one push, in order', async () => {
    db = new KadeskDb('bulk-test');
    const server = new FakeServer();
    server.addCustomer('cu-1');
    for (const id of ['c1', 'c2', 'c3']) server.addConversation(id, { status: 'open' });
    const engine = new SyncEngine({ db, transport: server, self: server.agent });
    await engine.pull();

    const before = await db.conversations.bulkGet(['c1', 'c2', 'c3']);
    const inputs = mutationsFor({ type: 'resolve' }, before.filter((c) => c !== undefined));
    const ids = await engine.mutateAll(inputs);
    expect((await db.conversations.bulkGet(['c1', 'c2', 'c3'])).map((c) => c?.status)).toEqual(['resolved', 'resolved', 'resolved']);
    expect(await db.outbox.count()).toBe(3);

    await engine.whenIdle();
    expect(server.pushRequests).toHaveLength(1);
    expect(server.pushRequests[0]?.mutations.map((m) => m.id)).toEqual(ids);
    expect(['c1', 'c2', 'c3'].map((id) => server.get('conversations', id)?.status)).toEqual(['resolved', 'resolved', 'resolved']);
    expect(await engine.mutateAll([])).toEqual([]);
  });
});

describe('tags', () => {
  let db: KadeskDb;
  afterEach(async () => {
    db.close();
    await Dexie.delete(db.name);
  });

  it('shows a tag added or removed offline at once, and keeps it through a pull until the server has it', async () => {
    db = new KadeskDb('tags-test');
    const server = new FakeServer();
    server.addCustomer('cu-1');
    server.addConversation('c1', { status: 'open', tags: ['VIP'] });
    const engine = new SyncEngine({ db, transport: server, self: server.agent });
    await engine.pull();

    server.setOffline(true);
    const row = async () => (await db.conversations.get('c1'))!;
    await engine.mutateAll(mutationsFor({ type: 'tag', tag: '通道拥堵' }, [await row()]));
    await engine.mutateAll(mutationsFor({ type: 'untag', tag: 'VIP' }, [await row()]));
    expect((await row()).tags).toEqual(['通道拥堵']);
    // Another change to the ticket arrives first: the local tags stay laid over it.
    server.setOffline(false);
    server.put('conversations', { ...server.get('conversations', 'c1')!, subject: '改过的主题' });
    await engine.pull();
    expect((await row()).tags).toEqual(['通道拥堵']);

    await engine.whenIdle();
    await engine.pull();
    expect(server.get('conversations', 'c1')?.tags).toEqual(['通道拥堵']);
    expect(await row()).toMatchObject({ tags: ['通道拥堵'], subject: '改过的主题' });
    expect(await db.outbox.count()).toBe(0);
  });
});
