import type { WidgetMessage } from '../../../protocol/widget';

/** A customer message typed but not yet acknowledged by the server. */
export interface PendingSend {
  clientMessageId: string;
  body: string;
}

/**
 * The widget's view of the conversation: server messages merged by id (history, live
 * messages and acks may overlap) plus the customer's unacknowledged sends.
 */
export class WidgetConversation {
  private byId = new Map<string, WidgetMessage>();
  private pending: PendingSend[];

  constructor(pending: PendingSend[] = []) {
    this.pending = [...pending];
  }

  merge(messages: WidgetMessage[]): void {
    for (const m of messages) this.byId.set(m.id, m);
  }

  queue(send: PendingSend): void {
    this.pending.push(send);
  }

  acknowledge(clientMessageId: string, message: WidgetMessage): void {
    this.pending = this.pending.filter((p) => p.clientMessageId !== clientMessageId);
    this.merge([message]);
  }

  unacknowledged(): PendingSend[] {
    return [...this.pending];
  }

  ordered(): WidgetMessage[] {
    return [...this.byId.values()].sort((a, b) =>
      a.createdAt === b.createdAt ? a.id.localeCompare(b.id) : a.createdAt.localeCompare(b.createdAt),
    );
  }
}
