import { TYPING_TTL_MS, type AgentClientFrame, type AgentServerFrame } from '../../../protocol';
import type { Clock } from './clock';

type PresenceFrame = Extract<AgentServerFrame, { type: 'presence' }>;

export interface Colleague {
  agentId: string;
  name: string;
  typing: boolean;
}

/** While the agent keeps typing, a typing frame goes out this often, well inside the server's expiry. */
const TYPING_RESEND_MS = TYPING_TTL_MS / 3;

/**
 * Collision awareness: tells the server which conversation this workstation shows and
 * when its agent types, and keeps who else is there per conversation. Presence is
 * ephemeral, never stored; after a reconnect the current conversation is announced again.
 */
export class PresenceTracker {
  private viewing: string | null = null;
  private lastTyping = { conversationId: '', at: -Infinity };
  private readonly others = new Map<string, { viewers: Colleague[]; at: number }>();
  private readonly listeners = new Set<() => void>();
  private version = 0;

  constructor(
    private readonly selfId: string,
    private readonly clock: Clock,
    private readonly send: (frame: AgentClientFrame) => void,
  ) {}

  /** The conversation on screen, or null when none is. */
  view(conversationId: string | null): void {
    if (conversationId === this.viewing) return;
    this.viewing = conversationId;
    this.lastTyping = { conversationId: '', at: -Infinity };
    this.send({ type: 'viewing', conversationId });
  }

  /** The reply box changed; sends at most one typing frame per interval. */
  typed(conversationId: string): void {
    const now = this.clock.now();
    const last = this.lastTyping;
    if (last.conversationId === conversationId && now - last.at < TYPING_RESEND_MS) return;
    this.lastTyping = { conversationId, at: now };
    this.send({ type: 'typing', conversationId });
  }

  /** The socket (re)connected: the server forgot this workstation's presence. */
  announce(): void {
    if (this.viewing) this.send({ type: 'viewing', conversationId: this.viewing });
  }

  receive(frame: PresenceFrame): void {
    const viewers = frame.viewers.filter((v) => v.agentId !== this.selfId);
    this.others.set(frame.conversationId, { viewers, at: this.clock.now() });
    this.changed();
  }

  /** Everyone cleared: the socket is down, so what is known is stale. */
  clear(): void {
    if (this.others.size === 0) return;
    this.others.clear();
    this.changed();
  }

  /** Other agents on a conversation; typing shows until the server's expiry after the frame that said so. */
  colleagues(conversationId: string): Colleague[] {
    const seen = this.others.get(conversationId);
    if (!seen) return [];
    const fresh = this.clock.now() - seen.at < TYPING_TTL_MS;
    return seen.viewers.map((v) => ({ ...v, typing: v.typing && fresh }));
  }

  /** When typing shown for a conversation stops being true, so a view can refresh then; null if nobody types. */
  typingExpiresAt(conversationId: string): number | null {
    const seen = this.others.get(conversationId);
    return seen?.viewers.some((v) => v.typing) ? seen.at + TYPING_TTL_MS : null;
  }

  /** Changes with every update, for useSyncExternalStore. */
  getVersion(): number {
    return this.version;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    this.version++;
    for (const l of this.listeners) l();
  }
}
