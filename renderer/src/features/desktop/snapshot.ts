import Dexie from 'dexie';
import { newId } from '../../../../protocol';
import { viewRanges, type KadeskDb } from '../../data';
import type { NotificationSnapshot, WatchedNote } from './notification-rules';

/**
 * Notes are looked for among messages whose id was minted in this window. Message ids are
 * ULIDs, so that is one primary-key range however many messages are cached; a note a
 * colleague wrote offline and synced later than this is not announced.
 */
export const NOTE_WINDOW_MS = 10 * 60 * 1000;

/** The smallest id minted at `ms` or later (ULIDs start with their time). */
function idsFrom(ms: number): string {
  return newId(ms).slice(0, 10);
}

/**
 * What the notification rules look at, read from the local database with index ranges
 * only: the agent's open conversations, and the notes written in the last few minutes.
 */
export async function readNotificationSnapshot(db: KadeskDb, agentId: string, now: number): Promise<NotificationSnapshot> {
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

  const notes: WatchedNote[] = [];
  await db.messages
    .where('id')
    .above(idsFrom(now - NOTE_WINDOW_MS))
    .each((m) => {
      if (m.kind !== 'note' || m.pending === 1) return;
      notes.push({ id: m.id, conversationId: m.conversationId, authorId: m.authorId, authorName: m.authorName, body: m.body });
    });
  return { mine, notes };
}
