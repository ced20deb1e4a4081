import type { FastifyBaseLogger } from 'fastify';
import type { WebSocket } from 'ws';
import type { WidgetMessage, WidgetServerFrame } from '../../../protocol/widget';
import { OUTBOUND_CHANNEL } from '../conversations/graph';
import type { Db, Sql } from '../db/db';
import { sendFrame } from '../realtime/frames';

/** How much history a widget gets when it (re)connects. */
export const HISTORY_LIMIT = 100;

export interface WidgetSocket {
  socket: WebSocket;
  customerId: string;
  /** Highest message version sent; versions commit in order, so nothing later is missed. */
  cursor: number;
  sent: Set<string>;
}

export interface WidgetRow {
  id: string;
  kind: WidgetMessage['kind'];
  author_name: string;
  body: string;
  created_at: Date;
  version: number;
}

export const toWidget = (r: WidgetRow): WidgetMessage => ({
  id: r.id,
  kind: r.kind,
  authorName: r.author_name,
  body: r.body,
  createdAt: new Date(r.created_at).toISOString(),
});

export const WIDGET_MESSAGE_COLUMNS = 'm.id, m.kind, m.author_name, m.body, m.created_at, m.version';

// Internal notes never reach the customer.
const VISIBLE = `m.kind IN ('customer', 'agent', 'system') AND m.deleted_at IS NULL`;

/**
 * Delivers conversation messages to the customer's open widget sockets. It reacts to
 * the outbound notification sent on commit, so a reply stored by any server instance
 * reaches the widget connected to any other.
 */
export class WidgetDelivery {
  private sockets = new Set<WidgetSocket>();
  private unlisten: (() => Promise<void>) | null = null;

  constructor(
    private readonly db: Db,
    private readonly log: FastifyBaseLogger,
  ) {}

  async start(): Promise<void> {
    this.unlisten = await this.db.listen(OUTBOUND_CHANNEL, (conversationId) => {
      this.onConversation(conversationId).catch((err) => this.log.warn({ err }, 'widget delivery failed; will catch up on next message or reconnect'));
    });
  }

  async stop(): Promise<void> {
    await this.unlisten?.();
    for (const s of this.sockets) s.socket.close(1001, 'server shutting down');
  }

  /** Registers a socket and sends it recent history, atomically with its starting cursor. */
  async attach(socket: WebSocket, customerId: string): Promise<WidgetSocket> {
    const { rows, high } = await this.db.snapshot(async (tx) => {
      const recent = await tx.query<WidgetRow>(
        `SELECT * FROM (
           SELECT ${WIDGET_MESSAGE_COLUMNS} FROM messages m
             JOIN conversations c ON c.id = m.conversation_id
            WHERE c.customer_id = $1 AND c.channel = 'webchat' AND ${VISIBLE}
            ORDER BY m.created_at DESC, m.id DESC LIMIT ${HISTORY_LIMIT}) h
         ORDER BY created_at, id`,
        [customerId],
      );
      return { rows: recent.rows, high: await highWater(tx) };
    });
    const ws: WidgetSocket = { socket, customerId, cursor: high, sent: new Set(rows.map((r) => r.id)) };
    this.sockets.add(ws);
    sendFrame<WidgetServerFrame>(socket, { type: 'history', messages: rows.map(toWidget) });
    return ws;
  }

  detach(ws: WidgetSocket): void {
    this.sockets.delete(ws);
  }

  markSent(ws: WidgetSocket, messageId: string): void {
    ws.sent.add(messageId);
  }

  private async onConversation(conversationId: string): Promise<void> {
    const { rows } = await this.db.query<{ customer_id: string }>(
      `SELECT customer_id FROM conversations WHERE id = $1 AND channel = 'webchat'`,
      [conversationId],
    );
    const customerId = rows[0]?.customer_id;
    if (!customerId) return;
    for (const ws of this.sockets) {
      if (ws.customerId === customerId) await this.catchUp(ws);
    }
  }

  private async catchUp(ws: WidgetSocket): Promise<void> {
    const { rows } = await this.db.query<WidgetRow>(
      `SELECT ${WIDGET_MESSAGE_COLUMNS} FROM messages m
         JOIN conversations c ON c.id = m.conversation_id
        WHERE c.customer_id = $1 AND c.channel = 'webchat' AND m.version > $2 AND ${VISIBLE}
        ORDER BY m.version`,
      [ws.customerId, ws.cursor],
    );
    for (const r of rows) {
      ws.cursor = Math.max(ws.cursor, r.version);
      // A message re-stamped by a later change is already on the customer's screen.
      if (ws.sent.has(r.id)) continue;
      ws.sent.add(r.id);
      sendFrame<WidgetServerFrame>(ws.socket, { type: 'message', message: toWidget(r) });
    }
  }
}

async function highWater(tx: Sql): Promise<number> {
  const { rows } = await tx.query<{ v: number | null }>('SELECT MAX(version) AS v FROM messages');
  return rows[0]?.v ?? 0;
}
