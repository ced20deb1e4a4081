import { TYPING_TTL_MS } from '../../../protocol/realtime';

/** Who is looking at, or typing in, which conversation. Pure state; the hub feeds it events. */
export interface PresenceEvent {
  agentId: string;
  name: string;
  /** Conversation now viewed, or null when the agent left it (or disconnected). */
  conversationId: string | null;
  typing: boolean;
  at: number;
}

export interface Viewer {
  agentId: string;
  name: string;
  typing: boolean;
}

export class PresenceBoard {
  private where = new Map<string, { conversationId: string; name: string; typingUntil: number }>();

  /** Applies an event; returns the conversations whose viewer lists changed. */
  apply(e: PresenceEvent): string[] {
    const before = this.where.get(e.agentId);
    const changed = new Set<string>();
    if (before && before.conversationId !== e.conversationId) changed.add(before.conversationId);
    if (e.conversationId === null) {
      this.where.delete(e.agentId);
    } else {
      this.where.set(e.agentId, {
        conversationId: e.conversationId,
        name: e.name,
        typingUntil: e.typing ? e.at + TYPING_TTL_MS : before?.conversationId === e.conversationId ? before.typingUntil : 0,
      });
      changed.add(e.conversationId);
    }
    return [...changed];
  }

  viewers(conversationId: string, now: number): Viewer[] {
    const out: Viewer[] = [];
    for (const [agentId, v] of this.where) {
      if (v.conversationId === conversationId) out.push({ agentId, name: v.name, typing: v.typingUntil > now });
    }
    return out.sort((a, b) => a.agentId.localeCompare(b.agentId));
  }
}
