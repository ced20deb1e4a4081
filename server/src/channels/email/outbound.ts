import nodemailer, { type Transporter } from 'nodemailer';
import { ticketRef } from '../../../../protocol/ticket-ref';
import type { Db } from '../../db/db';
import { recordThreadRef } from '../../pipeline/thread-refs';
import type { ChannelSender, PendingReply, SendOutcome } from '../deliveries';
import { parseReceiptId } from '../receipts';
import type { EmailConfig } from './config';
import { MSG_ID } from './parse';

// RFC 5322 asks to keep the first reference and the most recent ones when trimming.
const MAX_REFERENCES = 10;

/** "Re: <ticket subject> [#<ticket number>]", without piling up Re: prefixes or tags. */
export function replySubject(subject: string, conversationId: string): string {
  const tag = `[#${ticketRef(conversationId)}]`;
  const base = subject
    .replace(/^\s*((re|回复|答复)\s*[:：]\s*)+/i, '')
    .replace(tag, '')
    .trim();
  return `Re: ${base || '您的工单'} ${tag}`;
}

interface ThreadRow {
  conversation_id: string;
  subject: string;
  earlier_id: string | null;
  receipt: string | null;
}

/**
 * Sends agent replies as mail through the configured relay, From the primary support
 * address. Each reply gets a Message-ID derived from its message id — a resend after a
 * crash is the same mail to the customer's client — recorded as a thread reference so the
 * customer's answer joins the conversation, and In-Reply-To / References naming the
 * thread so their client shows one conversation.
 */
export class EmailSender implements ChannelSender {
  readonly channel = 'email' as const;
  private readonly from: string;
  private readonly domain: string;
  private readonly transport: Transporter;

  constructor(
    private readonly db: Db,
    config: EmailConfig,
  ) {
    this.from = config.supportAddresses[0]!;
    this.domain = this.from.split('@')[1]!;
    this.transport = nodemailer.createTransport({ url: config.outUrl, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 });
  }

  private messageIdOf(messageId: string): string {
    return `<${messageId}.reply@${this.domain}>`;
  }

  async send(reply: PendingReply): Promise<SendOutcome> {
    const answering = reply.answeringReceiptId && parseReceiptId(reply.answeringReceiptId);
    if (!answering) return { status: 'failed', error: 'no customer mail to reply to in this conversation' };
    const thread = await this.thread(reply.messageId);
    const messageId = this.messageIdOf(reply.messageId);
    // Recorded before sending: the customer may answer before this call returns.
    await this.db.write((tx) => recordThreadRef(tx, 'email', messageId, thread.conversationId));
    try {
      await this.transport.sendMail({
        from: this.from,
        to: answering.address,
        subject: replySubject(thread.subject, thread.conversationId),
        text: reply.body,
        messageId,
        ...(MSG_ID.test(answering.channelMessageId) ? { inReplyTo: answering.channelMessageId } : {}),
        references: thread.refs,
      });
      return { status: 'sent' };
    } catch (err) {
      const code = (err as { responseCode?: number }).responseCode;
      const error = `SMTP reply to ${answering.address}: ${err instanceof Error ? err.message : String(err)}`;
      // 5xx is the relay's final no; anything else (4xx, connection trouble) may pass later.
      return { status: code !== undefined && code >= 500 ? 'failed' : 'retry', error };
    }
  }

  /** The reply's conversation and the Message-IDs before it: the customer's mails and our sent replies. */
  private async thread(messageId: string): Promise<{ conversationId: string; subject: string; refs: string[] }> {
    const { rows } = await this.db.query<ThreadRow>(
      `SELECT c.id AS conversation_id, c.subject, e.id AS earlier_id, r.external_id AS receipt
         FROM messages me
         JOIN conversations c ON c.id = me.conversation_id
         LEFT JOIN messages e ON e.conversation_id = me.conversation_id AND (e.created_at, e.id) < (me.created_at, me.id)
         LEFT JOIN inbound_receipts r ON r.message_id = e.id AND r.channel = 'email'
         LEFT JOIN outbound_deliveries d ON d.message_id = e.id AND d.status = 'sent'
        WHERE me.id = $1 AND (e.id IS NULL OR r.external_id IS NOT NULL OR d.message_id IS NOT NULL)
        ORDER BY e.created_at, e.id`,
      [messageId],
    );
    const first = rows[0];
    if (!first) throw new Error(`reply ${messageId} not found`);
    const refs = rows
      .flatMap((r) => (r.receipt ? [parseReceiptId(r.receipt)?.channelMessageId ?? ''] : r.earlier_id ? [this.messageIdOf(r.earlier_id)] : []))
      .filter((ref) => MSG_ID.test(ref));
    const trimmed = refs.length > MAX_REFERENCES ? [refs[0]!, ...refs.slice(-(MAX_REFERENCES - 1))] : refs;
    return { conversationId: first.conversation_id, subject: first.subject, refs: trimmed };
  }
}
