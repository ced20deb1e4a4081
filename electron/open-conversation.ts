export interface ConversationOpenerHost {
  /** Brings the workstation window forward (opening one if there is none). */
  reveal(): void;
  /** Tells the page a conversation is waiting; false when there is no page to tell yet. */
  poke(): void;
}

export interface ConversationOpener {
  /** From a deep link or a notification click. */
  open(conversationId: string): void;
  /** What the page asks for: the waiting conversation, once. */
  take(): string | null;
}

/**
 * Conversations to open are held here until the page takes them. A link that starts the app
 * arrives before the page exists, and one that arrives while the agent is signing in must
 * wait until the inbox is there; the page takes the pending one whenever it starts listening.
 * Only the newest matters: two quick clicks open the second conversation.
 */
export function createConversationOpener(host: ConversationOpenerHost): ConversationOpener {
  let pending: string | null = null;
  return {
    open(conversationId) {
      pending = conversationId;
      host.reveal();
      host.poke();
    },
    take() {
      const id = pending;
      pending = null;
      return id;
    },
  };
}
