import type { AuthContext } from '../auth/context';
import { seesEverything } from '../auth/context';
import type { ConversationStatus } from '../../../protocol/entities';

export type Verdict =
  | { ok: true }
  | { ok: false; code: 'forbidden' | 'reassigned'; message: string; params: Record<string, string> };

interface OwnedConversation {
  assigneeId: string | null;
  assigneeName: string | null;
  status: ConversationStatus;
}

const ok: Verdict = { ok: true };

/**
 * First-responder ownership (首问负责制): once a ticket has an owner, only that agent — or a
 * supervisor/admin — may reply, change its status or hand it on.
 */
export function mayWorkOn(auth: AuthContext, conv: OwnedConversation): Verdict {
  if (seesEverything(auth) || conv.assigneeId === null || conv.assigneeId === auth.agentId) return ok;
  const name = conv.assigneeName ?? conv.assigneeId;
  return {
    ok: false,
    code: 'reassigned',
    message: `该会话已由 ${name} 负责 (this conversation is owned by ${name})`,
    params: { agentName: name },
  };
}

/** Agents may claim an unowned ticket or give up their own; moving tickets between others is a supervisor's call. */
export function mayAssign(auth: AuthContext, conv: OwnedConversation, assigneeId: string | null): Verdict {
  if (seesEverything(auth)) return ok;
  const claimsUnowned = conv.assigneeId === null && assigneeId === auth.agentId;
  const releasesOwn = conv.assigneeId === auth.agentId && assigneeId === null;
  if (claimsUnowned || releasesOwn || conv.assigneeId === assigneeId) return ok;
  if (conv.assigneeId !== null && conv.assigneeId !== auth.agentId) return mayWorkOn(auth, conv);
  return {
    ok: false,
    code: 'forbidden',
    message: '只有主管可以把会话分派给其他客服 (only a supervisor may assign to another agent)',
    params: {},
  };
}

/** Status after an agent's public reply: a new or customer-waiting ticket is now being worked. */
export function statusAfterAgentReply(status: ConversationStatus): ConversationStatus {
  return status === 'new' || status === 'resolved' ? 'open' : status;
}

/** Status after a customer writes: waiting on them ends; a resolved ticket reopens. */
export function statusAfterCustomerMessage(status: ConversationStatus): ConversationStatus {
  return status === 'waiting_customer' || status === 'resolved' ? 'open' : status;
}
