import type { Conversation } from '../../../protocol';
import { indexKeysOf, type KadeskDb, type LocalConversation, type LocalMessage, type OutboxEntry } from './db';

/** The agent working this workstation, as message author. */
export interface Self {
  id: string;
  name: string;
}

/** The inbox preview of a message body; the server makes its own, this one shows until it arrives. */
export function previewOf(body: string, max = 80): string {
  const line = body.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** What a mutation does to `row`, its conversation, as far as the workstation can tell before the server answers. */
export function conversationPatch(entry: OutboxEntry, row: Conversation): Partial<Conversation> {
  const m = entry.mutation;
  switch (m.name) {
    case 'message.send':
      return { lastMessageAt: entry.createdAt, lastMessagePreview: previewOf(m.args.body), unreadCount: 0 };
    case 'message.note':
      return {};
    case 'conversation.setStatus':
      return { status: m.args.status };
    case 'conversation.markRead':
      return { unreadCount: 0 };
    case 'conversation.assign':
      return { assigneeId: m.args.assigneeId, ...(m.args.teamId ? { teamId: m.args.teamId } : {}) };
    case 'conversation.setCategory':
      return { category: m.args.category, categoryConfidence: null };
    case 'conversation.setPriority':
      return { priority: m.args.priority };
    case 'conversation.tag': {
      const tags = row.tags ?? [];
      return tags.includes(m.args.tag) ? {} : { tags: [...tags, m.args.tag] };
    }
    case 'conversation.untag':
      return row.tags?.includes(m.args.tag) ? { tags: row.tags.filter((t) => t !== m.args.tag) } : {};
  }
}

export function withIndexKeys(row: LocalConversation): LocalConversation {
  return { ...row, ...indexKeysOf(row) };
}

/**
 * A server row as stored locally; a rejection notice the agent has not dismissed survives it.
 * A pulled row is in the sync scope, so a copy cached as history becomes an ordinary row.
 */
export function fromServer(row: Conversation, previous: LocalConversation | undefined): LocalConversation {
  const local: LocalConversation = { ...row, ...indexKeysOf(row) };
  if (previous?.rejection) local.rejection = previous.rejection;
  return local;
}

/** Lays a patch over a row, remembering the server value of each field it changes first. */
export function overlay(row: LocalConversation, patch: Partial<Conversation>): LocalConversation {
  const keys = Object.keys(patch) as Array<keyof Conversation>;
  if (keys.length === 0) return row;
  const base: Record<string, unknown> = { ...row.base };
  for (const key of keys) if (!(key in base)) base[key] = row[key];
  return withIndexKeys({ ...row, ...patch, base: base as Partial<Conversation> });
}

function serverState(row: LocalConversation): LocalConversation {
  const { base, ...rest } = row;
  return withIndexKeys({ ...rest, ...base });
}

/**
 * Mutations whose effect the local rows should show: the applied ones a pull has not yet
 * confirmed, then the ones still to send, in the order the agent made them.
 */
export async function overlayEntries(db: KadeskDb): Promise<OutboxEntry[]> {
  const applied = await db.applied.orderBy('seq').toArray();
  const pending = await db.outbox.orderBy('seq').toArray();
  return [...applied, ...pending];
}

/**
 * Recomputes one conversation as its server state with `entries` laid over it in order,
 * optionally recording a rejection to show. Runs inside the caller's transaction.
 */
export async function relayConversation(
  db: KadeskDb,
  conversationId: string,
  entries: readonly OutboxEntry[],
  rejection?: LocalConversation['rejection'],
): Promise<void> {
  const row = await db.conversations.get(conversationId);
  if (!row) return;
  let next = serverState(row);
  if (rejection) next.rejection = rejection;
  for (const entry of entries) {
    if (entry.mutation.args.conversationId === conversationId) next = overlay(next, conversationPatch(entry, next));
  }
  await db.conversations.put(next);
}

/** The message row a send or note shows at once, before the server has it. */
export function optimisticMessage(entry: OutboxEntry, self: Self): LocalMessage | null {
  const m = entry.mutation;
  if (m.name !== 'message.send' && m.name !== 'message.note') return null;
  return {
    id: m.args.messageId,
    version: 0,
    deletedAt: null,
    conversationId: m.args.conversationId,
    kind: m.name === 'message.send' ? 'agent' : 'note',
    authorId: self.id,
    authorName: self.name,
    body: m.args.body,
    html: null,
    attachments: [],
    createdAt: entry.createdAt,
    pending: 1,
    failed: null,
  };
}

/** The id of the message row a mutation created locally, if it created one. */
export function messageIdOf(m: OutboxEntry['mutation']): string | null {
  return m.name === 'message.send' || m.name === 'message.note' ? m.args.messageId : null;
}
