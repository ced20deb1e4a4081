import { z } from 'zod';
import type { Channel } from './entities';
import { RequestId } from './suppliers';

// Proactive notices (主动通知): a supervisor picks the customers affected by a product or a
// supplier, by their orders, and sends each of them one message on the channel they use.

/** Channels Kadesk can start a message on; phone and ticket-form customers are unreachable. */
export const NOTICE_CHANNELS = ['webchat', 'wecom', 'qq', 'email'] as const satisfies readonly Channel[];
export const NoticeChannel = z.enum(NOTICE_CHANNELS);
export type NoticeChannel = z.infer<typeof NoticeChannel>;

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');

/** Whose orders: a product (name contains) and/or a supplier (exact name), optionally ordered within dates (inclusive, UTC+8). */
export const NoticeAudience = z
  .object({
    product: z.string().trim().min(1).max(100).optional(),
    supplier: z.string().trim().min(1).max(100).optional(),
    from: day.optional(),
    to: day.optional(),
  })
  .strict()
  .refine((a) => a.product !== undefined || a.supplier !== undefined, { message: 'name a product or a supplier (至少填写商品或供应商)' })
  .refine((a) => !a.from || !a.to || a.from <= a.to, { message: 'from must not be after to (开始日期不能晚于结束日期)' });
export type NoticeAudience = z.infer<typeof NoticeAudience>;

// POST /api/proactive/preview
export const NoticePreviewRequest = z.object({ audience: NoticeAudience });
export const NoticePreviewResponse = z.object({
  customers: z.number().int().nonnegative(),
  orders: z.number().int().nonnegative(),
  /** Customers per channel the notice would go out on. */
  byChannel: z.partialRecord(NoticeChannel, z.number().int().nonnegative()),
  /** Customers Kadesk has no channel to write to (only phone, forms, or no contact yet). */
  unreachable: z.number().int().nonnegative(),
});
export type NoticePreviewResponse = z.infer<typeof NoticePreviewResponse>;

// POST /api/proactive/notices — the id is the client's: sending the same notice again sends nothing twice.
export const CreateNoticeRequest = z.object({
  id: RequestId,
  audience: NoticeAudience,
  /** The subject of new conversations (and of the email). */
  subject: z.string().trim().min(1).max(120),
  body: z.string().trim().min(1).max(2000),
});
export type CreateNoticeRequest = z.infer<typeof CreateNoticeRequest>;

export const NOTICE_STATES = ['sending', 'done'] as const;
export const NoticeState = z.enum(NOTICE_STATES);

export const Notice = z.object({
  id: z.string(),
  audience: NoticeAudience,
  subject: z.string(),
  body: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
  state: NoticeState,
  finishedAt: z.string().nullable(),
  /** Customers picked when the notice was created. */
  total: z.number().int().nonnegative(),
  /** Messages stored in a conversation (the channel delivers them as it does agent replies). */
  sent: z.number().int().nonnegative(),
  /** Of those, how many went into a new conversation rather than one still open. */
  newConversations: z.number().int().nonnegative(),
  unreachable: z.number().int().nonnegative(),
  pending: z.number().int().nonnegative(),
});
export type Notice = z.infer<typeof Notice>;

export const NoticeListResponse = z.object({ notices: z.array(Notice) });
