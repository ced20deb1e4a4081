import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { newId, type Conversation } from '../../../../protocol';
import { KadeskDb, indexKeysOf, type LocalMessage } from '../../data/db';
import { NOTE_WINDOW_MS, readNotificationSnapshot } from './snapshot';

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
  it('reads my open conversations and the notes minted within the window', async () => {
    db = new KadeskDb(`snapshot-${Math.random()}`);
    const now = Date.UTC(2026, 10, 23, 9, 30);
    const recent = newId(now - NOTE_WINDOW_MS + 60_000);
    await db.conversations.bulkPut([
      conversation('c-mine'),
      conversation('c-self', { base: { assigneeId: null } }),
      conversation('c-other', { assigneeId: 'someone' }),
      conversation('c-done', { status: 'resolved' }),
      // Notes do not move a conversation's lastMessageAt: an old one still counts.
      conversation('c-quiet', { assigneeId: null, lastMessageAt: at(5) }),
    ]);
    await db.messages.bulkPut([
      message(recent, 'c-quiet', 29),
      message(newId(now - NOTE_WINDOW_MS - 60_000), 'c-other', 19),
      message(newId(now - 1000), 'c-other', 29, { kind: 'customer' }),
      message(newId(now - 2000), 'c-mine', 29, { pending: 1 }),
    ]);
    const snapshot = await readNotificationSnapshot(db, 'me', now);
    expect(snapshot.mine.map((c) => [c.id, c.slaState, c.assignedLocally]).sort()).toEqual([
      ['c-mine', 'warning', false],
      ['c-self', 'warning', true],
    ]);
    expect(snapshot.notes).toEqual([
      { id: recent, conversationId: 'c-quiet', authorId: 'agent-wang', authorName: '王五', body: '@李雷 看一下' },
    ]);
  });
});
