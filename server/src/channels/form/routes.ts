import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { FORM_FILE_FIELD, FORM_LIMITS, isEmailContact, TicketFormFields, type TicketFormResponse } from '../../../../protocol/forms';
import { ticketRef } from '../../../../protocol/ticket-ref';
import type { ServerDeps } from '../../app';
import { acceptWithFiles } from '../../attachments/accept';
import { sniffContentType } from '../../attachments/content-type';
import type { IncomingFile } from '../../attachments/store';
import { badRequest, HttpError } from '../../http/errors';
import { normalizePhone } from '../phone/number';
import { receiptId } from '../receipts';
import { RateLimiter, type RateLimitOptions } from './rate-limit';
import { formBody, formSubject } from './render';

export const FORM_TICKETS_PATH = '/api/forms/tickets';

/** Five tickets at once from one address, then one every two minutes. */
export const FORM_RATE_LIMIT: RateLimitOptions = { capacity: 5, refillMs: 120_000, maxKeys: 10_000 };

const MAX_FIELD_CHARS = 20_000;
const FIELD_NAMES = new Set(Object.keys(TicketFormFields.shape));
const ACCEPTED_TYPES: ReadonlySet<string> = new Set(FORM_LIMITS.fileTypes);
const MiB = 1024 * 1024;

const tooLarge = (message: string) => new HttpError(413, 'too_large', message);
const unsupported = (message: string) => new HttpError(415, 'unsupported_media_type', message);

interface Submission {
  fields: Record<string, string>;
  files: IncomingFile[];
}

/** Reads the multipart body: known text fields and the files, checked by their bytes. */
async function readSubmission(req: FastifyRequest): Promise<Submission> {
  if (!req.isMultipart()) throw unsupported('请以表单 (multipart/form-data) 提交 (send multipart/form-data)');
  const fields: Record<string, string> = {};
  const files: IncomingFile[] = [];
  const errors = req.server.multipartErrors;
  try {
    for await (const part of req.parts()) {
      if (part.type === 'field') {
        if (!FIELD_NAMES.has(part.fieldname)) continue;
        if (part.valueTruncated) throw tooLarge(`字段 ${part.fieldname} 过长 (field too long)`);
        // Browsers send form text with CRLF line ends.
        fields[part.fieldname] = String(part.value).replace(/\r\n?/g, '\n');
        continue;
      }
      if (part.fieldname !== FORM_FILE_FIELD) throw badRequest(`未知的文件字段 ${part.fieldname} (unexpected file field)`);
      const data = await part.toBuffer();
      // A file input left empty still sends an empty part.
      if (data.length === 0 && !part.filename) continue;
      const type = sniffContentType(data);
      if (!type || !ACCEPTED_TYPES.has(type)) throw unsupported(`“${part.filename}” 不是图片或 PDF (only images and PDF)`);
      files.push({ filename: part.filename, contentType: type, data });
    }
  } catch (err) {
    if (err instanceof errors.RequestFileTooLargeError) throw tooLarge(`单个文件不能超过 ${FORM_LIMITS.maxFileBytes / MiB} MB (file too large)`);
    if (err instanceof errors.FilesLimitError) throw tooLarge(`最多上传 ${FORM_LIMITS.maxFiles} 个文件 (too many files)`);
    if (err instanceof errors.PartsLimitError || err instanceof errors.FieldsLimitError) throw tooLarge('表单内容过多 (too many fields)');
    throw err;
  }
  return { fields, files };
}

/** The contact as the customer's identity on this channel: a lower-cased address or a normalised number. */
function contactId(contact: string): string {
  if (isEmailContact(contact)) return contact.toLowerCase();
  const phone = normalizePhone(contact);
  if (!phone) throw badRequest('请填写有效的邮箱或手机号 (email or phone number)');
  return phone;
}

/**
 * The public ticket form (工单): contact, order number, category, description, steps and
 * screenshots become a ticket message with its files, and the customer gets the ticket
 * number. A resent submission (same submission id) files nothing twice and answers with
 * the same number. Each address may submit a few at once, then slowly.
 */
export function formRoutes(deps: ServerDeps, rateLimit: RateLimitOptions = FORM_RATE_LIMIT) {
  const limiter = new RateLimiter(rateLimit);
  return async (app: FastifyInstance) => {
    await app.register(multipart, {
      limits: {
        fileSize: FORM_LIMITS.maxFileBytes,
        files: FORM_LIMITS.maxFiles,
        fields: FIELD_NAMES.size + 5,
        fieldSize: MAX_FIELD_CHARS,
        parts: FIELD_NAMES.size + FORM_LIMITS.maxFiles + 5,
      },
    });

    app.post(FORM_TICKETS_PATH, { schema: { tags: ['forms'], security: [], summary: 'Submit the public ticket form' } }, async (req, reply) => {
      const waitMs = limiter.take(req.ip);
      if (waitMs > 0) {
        reply.header('retry-after', String(Math.ceil(waitMs / 1000)));
        throw new HttpError(429, 'rate_limited', `提交过于频繁，请 ${Math.ceil(waitMs / 60_000)} 分钟后再试 (too many submissions, try again later)`);
      }
      const { fields, files } = await readSubmission(req);
      const parsed = TicketFormFields.safeParse(fields);
      if (!parsed.success) {
        throw badRequest(parsed.error.issues.map((i) => i.message).join('；'), z.flattenError(parsed.error).fieldErrors);
      }
      const form = parsed.data;
      const contact = contactId(form.contact);
      const origin = { channel: 'form' as const, externalMessageId: receiptId(contact, form.submissionId) };
      const accepted = await acceptWithFiles(deps.db, origin, files, () => ({
        externalUserId: contact,
        customerName: form.name ?? (isEmailContact(contact) ? contact.split('@')[0]! : `表单客户 尾号${contact.slice(-4)}`),
        body: formBody(form, contact),
        subject: formSubject(form),
        hints: { ...(form.orderId ? { orderId: form.orderId } : {}), ...(form.category ? { category: form.category } : {}) },
      }));
      const answer: TicketFormResponse = { reference: ticketRef(accepted.conversationId), duplicate: accepted.duplicate };
      return answer;
    });
  };
}
