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
