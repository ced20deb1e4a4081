import type { DesktopNotice, SlaState } from '../../../../protocol';

/** A conversation in the agent's own queue, as the notification rules see it. */
export interface WatchedConversation {
  id: string;
  subject: string;
  slaState: SlaState | null;
  /** Assigned to the agent by their own change that the server has not confirmed yet. */
  assignedLocally: boolean;
}

/** An internal note (备注) written in the agent's scope. */
export interface WatchedNote {
  id: string;
  conversationId: string;
  authorId: string | null;
  authorName: string;
  body: string;
}

export interface NotificationSnapshot {
  mine: readonly WatchedConversation[];
  notes: readonly WatchedNote[];
}

/** What the rules remember between two looks at the synced data. */
export interface NotificationMemory {
  assigned: ReadonlySet<string>;
  sla: ReadonlyMap<string, SlaState | null>;
  notes: ReadonlySet<string>;
}

export type NoticeReason =
  | { kind: 'assigned'; conversation: WatchedConversation; others: number }
  | { kind: 'mention'; conversationId: string; note: WatchedNote }
  | { kind: 'sla-warning' | 'sla-breached'; conversation: WatchedConversation };

export interface Me {
  id: string;
  name: string;
  login: string;
}

/** More new assignments than this at once (a bulk reassign) make one notice, not a flood. */
export const MAX_SEPARATE_ASSIGNMENTS = 3;

const SEVERITY: Partial<Record<SlaState, number>> = { warning: 1, breached: 2 };

/**
 * Whether a note mentions the agent: `@` followed by their name or login. A Latin login must
 * end there (`@agent01` is not `@agent012`); a Chinese name need not, since Chinese runs on
 * without spaces (`@王五请看一下`).
 */
export function mentions(body: string, me: Pick<Me, 'name' | 'login'>): boolean {
  for (const handle of [me.name, me.login]) {
    if (handle === '') continue;
    let at = body.indexOf(`@${handle}`);
    while (at !== -1) {
      const next = body[at + handle.length + 1];
      const latinEnd = /[A-Za-z0-9_]$/.test(handle);
      if (!latinEnd || next === undefined || !/[A-Za-z0-9_]/.test(next)) return true;
      at = body.indexOf(`@${handle}`, at + 1);
    }
  }
  return false;
}

/**
 * What deserves a system notification since the last look: a conversation newly assigned to
 * the agent (not by the agent), a colleague's note that @mentions them, and one of their
 * conversations whose SLA turned to warning or breached. The first look only sets the baseline:
 * signing in must not replay the whole queue.
 */
export function decideNotices(
  memory: NotificationMemory | null,
  snapshot: NotificationSnapshot,
  me: Me,
): { notices: NoticeReason[]; memory: NotificationMemory } {
  const next: NotificationMemory = {
    assigned: new Set(snapshot.mine.map((c) => c.id)),
    sla: new Map(snapshot.mine.map((c) => [c.id, c.slaState])),
    // The snapshot's note window only moves forward, so notes that left it never return.
    notes: new Set(snapshot.notes.map((n) => n.id)),
  };
  if (memory === null) return { notices: [], memory: next };

  const newlyAssigned: WatchedConversation[] = [];
  const slaNotices: NoticeReason[] = [];
  for (const conversation of snapshot.mine) {
    if (!memory.assigned.has(conversation.id)) {
      if (!conversation.assignedLocally) newlyAssigned.push(conversation);
      continue;
    }
    const before = SEVERITY[memory.sla.get(conversation.id) ?? 'ok'] ?? 0;
    const now = conversation.slaState ? (SEVERITY[conversation.slaState] ?? 0) : 0;
    if (now > before) {
      slaNotices.push({ kind: conversation.slaState === 'breached' ? 'sla-breached' : 'sla-warning', conversation });
    }
  }

  const notices: NoticeReason[] = [];
  if (newlyAssigned.length > MAX_SEPARATE_ASSIGNMENTS) {
    notices.push({ kind: 'assigned', conversation: newlyAssigned[0]!, others: newlyAssigned.length - 1 });
  } else {
    notices.push(...newlyAssigned.map((conversation) => ({ kind: 'assigned' as const, conversation, others: 0 })));
  }
  for (const note of snapshot.notes) {
    if (memory.notes.has(note.id) || note.authorId === me.id || !mentions(note.body, me)) continue;
    notices.push({ kind: 'mention', conversationId: note.conversationId, note });
  }
  notices.push(...slaNotices);
  return { notices, memory: next };
}

export interface NoticeText {
  assigned(subject: string): { title: string; body: string };
  assignedMany(count: number, subject: string): { title: string; body: string };
  mention(author: string, body: string): { title: string; body: string };
  slaWarning(subject: string): { title: string; body: string };
  slaBreached(subject: string): { title: string; body: string };
}

const MAX_BODY = 200;
const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** A reason as the notice the host shows, in the agent's language, within the bridge's limits. */
export function toDesktopNotice(reason: NoticeReason, text: NoticeText): DesktopNotice {
  const content = (() => {
    switch (reason.kind) {
      case 'assigned':
        return reason.others > 0
          ? text.assignedMany(reason.others + 1, reason.conversation.subject)
          : text.assigned(reason.conversation.subject);
      case 'mention':
        return text.mention(reason.note.authorName, reason.note.body.replace(/\s+/g, ' ').trim());
      case 'sla-warning':
        return text.slaWarning(reason.conversation.subject);
      case 'sla-breached':
        return text.slaBreached(reason.conversation.subject);
    }
  })();
  const conversationId = reason.kind === 'mention' ? reason.conversationId : reason.conversation.id;
  return {
    kind: reason.kind,
    conversationId,
    title: clip(content.title, 200) || 'Kadesk',
    body: clip(content.body, MAX_BODY),
  };
}
