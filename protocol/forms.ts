import { z } from 'zod';
import { Category } from './entities';

/** What the public ticket form (工单) accepts; the page checks the same before it uploads. */
export const FORM_LIMITS = {
  maxFiles: 5,
  maxFileBytes: 10 * 1024 * 1024,
  /** Screenshots and documents: raster images and PDF, recognised by their bytes. */
  fileTypes: ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'application/pdf'],
  descriptionMax: 5000,
  stepsMax: 5000,
} as const;

/** The multipart field the files come in. */
export const FORM_FILE_FIELD = 'screenshots';

const EMAIL = /^[^\s@#]+@[^\s@#]+\.[^\s@#]+$/;
const PHONE = /^\+?[\d\s\-()]{5,24}$/;

const optionalText = (max: number, message: string) =>
  z
    .string()
    .trim()
    .max(max, message)
    .optional()
    .transform((v) => v || undefined);

export const TicketFormFields = z.object({
  /** Minted by the page once per filled-in form: a resent submission is the same ticket message. */
  submissionId: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, '提交编号无效，请刷新页面 (invalid submission id)'),
  contact: z
    .string()
    .trim()
    .max(254, '联系方式过长')
    .refine((v) => EMAIL.test(v) || PHONE.test(v), '请填写有效的邮箱或手机号 (email or phone number)'),
  name: optionalText(60, '称呼不超过 60 字'),
  orderId: optionalText(64, '订单号不超过 64 个字符').refine((v) => v === undefined || /^[A-Za-z0-9_-]+$/.test(v), '订单号只含字母、数字、- 和 _'),
  category: z
    .union([Category, z.literal('')])
    .optional()
    .transform((v) => v || undefined),
  description: z.string().trim().min(5, '请描述遇到的问题（至少 5 个字）').max(FORM_LIMITS.descriptionMax, `问题描述不超过 ${FORM_LIMITS.descriptionMax} 字`),
  steps: optionalText(FORM_LIMITS.stepsMax, `操作步骤不超过 ${FORM_LIMITS.stepsMax} 字`),
});
export type TicketFormFields = z.infer<typeof TicketFormFields>;

export const TicketFormResponse = z.object({
  /** The ticket number the customer quotes (工单号). */
  reference: z.string(),
  /** The same submission arrived before (a resend); nothing new was filed. */
  duplicate: z.boolean(),
});
export type TicketFormResponse = z.infer<typeof TicketFormResponse>;

export const isEmailContact = (contact: string): boolean => EMAIL.test(contact.trim());
