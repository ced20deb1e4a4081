import type { Conversation, ConversationStatus } from '../../../protocol';
import type { MutationInput } from './sync-engine';

/** What an agent can do to one conversation or to a selection of them at once. */
export type ConversationAction =
  | { type: 'resolve' }
  | { type: 'assign'; assigneeId: string | null }
  | { type: 'setStatus'; status: ConversationStatus }
  | { type: 'markRead' }
  | { type: 'tag'; tag: string }
  | { type: 'untag'; tag: string };

/**
 * The mutations an action makes on the given conversations, skipping those it would not
 * change (resolving a resolved ticket, reading a read one), so a bulk action never queues
 * work the server would ignore.
 */
export function mutationsFor(action: ConversationAction, conversations: readonly Conversation[]): MutationInput[] {
  const out: MutationInput[] = [];
  for (const c of conversations) {
    const conversationId = c.id;
    switch (action.type) {
      case 'resolve':
        if (c.status !== 'resolved') out.push({ name: 'conversation.setStatus', args: { conversationId, status: 'resolved' } });
        break;
      case 'setStatus':
        if (c.status !== action.status) out.push({ name: 'conversation.setStatus', args: { conversationId, status: action.status } });
        break;
      case 'assign':
        if (c.assigneeId !== action.assigneeId) {
          out.push({ name: 'conversation.assign', args: { conversationId, assigneeId: action.assigneeId } });
        }
        break;
      case 'markRead':
        if (c.unreadCount > 0) out.push({ name: 'conversation.markRead', args: { conversationId } });
        break;
      case 'tag':
        if (!c.tags?.includes(action.tag)) out.push({ name: 'conversation.tag', args: { conversationId, tag: action.tag } });
        break;
      case 'untag':
        if (c.tags?.includes(action.tag)) out.push({ name: 'conversation.untag', args: { conversationId, tag: action.tag } });
        break;
    }
  }
  return out;
}
