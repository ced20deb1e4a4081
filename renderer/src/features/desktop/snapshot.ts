import Dexie from 'dexie';
import { viewRanges, type KadeskDb } from '../../data';
import type { NotificationSnapshot, WatchedNote } from './notification-rules';

/** Conversations with recent activity whose notes are read for @mentions, newest first. */
const MAX_ACTIVE_CONVERSATIONS = 200;

/**
 * What the notification rules look at, read from the local database with index ranges
 * only: the agent's open conversations, and the notes written since `since` in open
 * conversations active since then.
 */
export async function readNotificationSnapshot(db: KadeskDb, agentId: string, since: string): Promise<NotificationSnapshot> {
  const { index, prefixes } = viewRanges('mine', { agentId, teamIds: [] });
  const mine: NotificationSnapshot['mine'][number][] = [];
  for (const prefix of prefixes) {
    await db.conversations
      .where(index)
      .between([...prefix, Dexie.minKey], [...prefix, Dexie.maxKey])
      .each((c) => {
        mine.push({
          id: c.id,
          subject: c.subject,
          slaState: c.sla?.state ?? null,
          // A pending local mutation changed the assignee: the agent did this themselves.
          assignedLocally: c.base !== undefined && 'assigneeId' in c.base,
        });
      });
  }

  const active = await db.conversations
    .where('[active+lastMessageAt]')
    .between([1, since], [1, Dexie.maxKey])
    .reverse()
    .limit(MAX_ACTIVE_CONVERSATIONS)
    .primaryKeys();
  const notes: WatchedNote[] = [];
  for (const conversationId of active) {
    await db.messages
      .where('[conversationId+createdAt]')
      .between([conversationId, since], [conversationId, Dexie.maxKey])
      .each((m) => {
        if (m.kind !== 'note' || m.pending === 1) return;
        notes.push({ id: m.id, conversationId, authorId: m.authorId, authorName: m.authorName, body: m.body });
      });
  }
  return { mine, notes };
}
