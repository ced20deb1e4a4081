import { z } from 'zod';
import { Conversation, Message } from './entities';

// A customer's older history, for conversations outside the agent's sync scope (other
// teams' tickets, resolved ones long gone from the bootstrap window). Read on demand by
// the customer panel, then cached on the workstation.

export const HISTORY_MAX_LIMIT = 50;
/** Newest messages sent per conversation; a longer thread arrives cut to its latest part. */
export const HISTORY_MESSAGES_PER_CONVERSATION = 200;

export const CustomerHistoryParams = z.object({ id: z.string().min(1).max(64) });
export type CustomerHistoryParams = z.infer<typeof CustomerHistoryParams>;

export const CustomerHistoryQuery = z.object({
  /** Only conversations whose last message is older than this; absent for the newest page. */
  before: z.iso.datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(HISTORY_MAX_LIMIT).default(20),
});
export type CustomerHistoryQuery = z.infer<typeof CustomerHistoryQuery>;

export const CustomerHistoryResponse = z.object({
  /** Newest first. */
  conversations: z.array(Conversation),
  /** The newest messages of those conversations. */
  messages: z.array(Message),
  /** `before` for the next, older page; null when nothing older exists. */
  nextBefore: z.string().nullable(),
});
export type CustomerHistoryResponse = z.infer<typeof CustomerHistoryResponse>;
