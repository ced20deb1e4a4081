import type { Attachment, Category, Channel } from '../../../protocol/entities';
import type { Db } from '../db/db';
import { intakeInbound } from './intake';
import { type ProcessOptions, processInbound, processedResult } from './process';

/** A customer's message as any channel adapter hands it over, already authenticated. */
export interface InboundMessage {
  channel: Channel;
  /** The channel's own id for this message; retries of one message share it. */
  externalMessageId: string;
  /** The sender's id on that channel (visitor id, openid, email address, …). */
  externalUserId: string;
  /** Display name when the customer is new to us. */
  customerName: string;
  /** Plain text; for HTML mail, the text rendering of it. */
  body: string;
  /** Sanitised HTML, when the channel delivered HTML. */
  html?: string | null;
  /** Files already stored by the channel adapter. */
  attachments?: Attachment[];
  /** Email subject or form title; becomes the ticket subject when it opens one. */
  subject?: string;
  /**
   * Channel references this message answers (email In-Reply-To and References, oldest
   * first). A match joins that conversation even if it was resolved.
   */
  replyTo?: readonly string[];
  /** This message's own channel reference, recorded so later replies can find the thread. */
  threadRef?: string;
  /** Facts the customer stated in a structured form (ticket form fields). */
  hints?: { orderId?: string; category?: Category };
  /** A group message that @mentioned the service account (QQ / WeChat groups). */
  groupMention?: boolean;
}

export interface Accepted {
  messageId: string;
  conversationId: string;
  customerId: string;
  duplicate: boolean;
}

/**
 * The whole inbound pipeline for one message: durable intake (dedupe, queue), then
 * processing at once (identify → classify → route → assign → SLA clock → store → poke).
 * A channel's retry of the same external id returns the first result; if the first attempt
 * died after intake, the retry finishes it.
 */
export async function acceptInbound(db: Db, msg: InboundMessage, opts: ProcessOptions = {}): Promise<Accepted> {
  const intake = await intakeInbound(db, msg);
  const done = (await processInbound(db, intake.messageId, opts)) ?? (await processedResult(db, intake.messageId));
  return { ...done, duplicate: intake.duplicate };
}

export { identifyCustomer, type IdentifiedCustomer } from './customers';
