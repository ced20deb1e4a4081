import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import type { Conversation } from '../../../../protocol';
import { KadeskDb, indexKeysOf, type LocalMessage } from '../../data/db';
import { readNotificationSnapshot } from './snapshot';

let db: KadeskDb;
afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
});

const at = (minute: number) => new Date(Date.UTC(2026, 10, 23, 9, minute)).toISOString();

function conversation(id: string, patch: Partial<Conversation> & { base?: Partial<Conversation> } = {}) {
  const row: Conversation = {
    id,
    version: 1,
    deletedAt: null,
    customerId: 'cu-1',
    channel: 'qq',
    subject: `会话 ${id}`,
    status: 'open',
    category: null,
    categoryConfidence: null,
    priority: 'normal',
    repeat: false,
    sla: { state: 'warning', firstResponseDueAt: null, nextResponseDueAt: null, resolutionDueAt: null },
    teamId: 'team-pay',
    assigneeId: 'me',
    orderId: null,
    lastMessageAt: at(30),
    lastMessagePreview: '',
    unreadCount: 0,
    createdAt: at(0),
    updatedAt: at(30),
    ...patch,
  };
  return { ...row, ...indexKeysOf(row), ...(patch.base ? { base: patch.base } : {}) };
}

function message(id: string, conversationId: string, minute: number, patch: Partial<LocalMessage> = {}): LocalMessage {
  return {
    id,
    version: 1,
    deletedAt: null,
    conversationId,
    kind: 'note',
    authorId: 'agent-wang',
    authorName: '王五',
    body: '@李雷 看一下',
    html: null,
    attachments: [],
    createdAt: at(minute),
    pending: 0,
    failed: null,
    ...patch,
  };
}

describe('readNotificationSnapshot', () => {
  it('reads my open conversations and recent notes in active conversations', async () => {
    db = new KadeskDb(`snapshot-${Math.random()}`);
    await db.conversations.bulkPut([
      conversation('c-mine'),
      conversation('c-self', { base: { assigneeId: null } }),
      conversation('c-other', { assigneeId: 'someone' }),
      conversation('c-done', { status: 'resolved' }),
      conversation('c-quiet', { assigneeId: null, lastMessageAt: at(5) }),
    ]);
    await db.messages.bulkPut([
      message('n-new', 'c-other', 25),
      message('n-old', 'c-other', 10),
      message('m-customer', 'c-other', 26, { kind: 'customer' }),
      message('n-pending', 'c-mine', 27, { pending: 1 }),
      message('n-quiet', 'c-quiet', 5),
    ]);
    const snapshot = await readNotificationSnapshot(db, 'me', at(20));
    expect(snapshot.mine.map((c) => [c.id, c.slaState, c.assignedLocally]).sort()).toEqual([
      ['c-mine', 'warning', false],
      ['c-self', 'warning', true],
    ]);
    expect(snapshot.notes).toEqual([
      { id: 'n-new', conversationId: 'c-other', authorId: 'agent-wang', authorName: '王五', body: '@李雷 看一下' },
    ]);
  });
});
