import { createHash } from 'node:crypto';
import type { Attachment, Channel } from '../../../protocol/entities';
import { newId } from '../../../protocol/ids';
import type { Sql } from '../db/db';
import { resolveContentType } from './content-type';
import { safeFilename } from './filename';

/** The largest file a customer can send through any channel. */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

export interface IncomingFile {
  filename?: string | null;
  /** As the sender declared it; checked against the bytes before it is believed. */
  contentType?: string;
  data: Uint8Array;
}

/** The inbound message files arrive with: its channel and that channel's id for it. */
export interface AttachmentOrigin {
  channel: Channel;
  externalMessageId: string;
}

export const attachmentUrl = (id: string): string => `/api/attachments/${id}`;

/**
 * Stores a message's files, in order. Storing the same origin again (the channel retried the
 * message) keeps the first copy and returns the same descriptors. Each file is one
 * autocommitted statement: files are not syncable rows, so they stay out of the write lock.
 */
export async function storeAttachments(sql: Sql, origin: AttachmentOrigin, files: readonly IncomingFile[]): Promise<Attachment[]> {
  const stored: Attachment[] = [];
  for (const [ordinal, file] of files.entries()) {
    if (file.data.byteLength > MAX_ATTACHMENT_BYTES) throw new RangeError(`attachment ${ordinal} exceeds ${MAX_ATTACHMENT_BYTES} bytes`);
    const { rows } = await sql.query<{ id: string; filename: string; content_type: string; size: number }>(
      `INSERT INTO attachments (id, channel, external_id, ordinal, filename, content_type, size, sha256, content)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (channel, external_id, ordinal) DO UPDATE SET ordinal = EXCLUDED.ordinal
       RETURNING id, filename, content_type, size`,
      [
        newId(),
        origin.channel,
        origin.externalMessageId,
        ordinal,
        safeFilename(file.filename),
        resolveContentType(file.contentType, file.data),
        file.data.byteLength,
        createHash('sha256').update(file.data).digest('hex'),
        file.data,
      ],
    );
    const row = rows[0]!;
    stored.push({ id: row.id, filename: row.filename, contentType: row.content_type, size: row.size, url: attachmentUrl(row.id) });
  }
  return stored;
}

/** Ties stored files to the message the pipeline stored; from then on agents in scope can fetch them. */
export async function linkAttachments(sql: Sql, messageId: string, attachments: readonly Attachment[]): Promise<void> {
  if (attachments.length === 0) return;
  await sql.query('UPDATE attachments SET message_id = $1 WHERE id = ANY($2::text[]) AND message_id IS NULL', [
    messageId,
    attachments.map((a) => a.id),
  ]);
}
