import { createHash } from 'node:crypto';
import { acceptWithFiles } from '../../attachments/accept';
import { type IncomingFile, MAX_ATTACHMENT_BYTES } from '../../attachments/store';
import type { Db } from '../../db/db';
import type { Accepted } from '../../pipeline/inbound';
import { PLACEHOLDER } from '../placeholders';
import { receiptId } from '../receipts';
import { dataImageSources, sanitizeMailHtml, textOfSanitizedHtml } from './html';
import { parseEmail, UnusableEmail } from './parse';
import { trimQuoted } from './quote';

/** Files kept from one mail; more than this is almost always a mistake or abuse. */
export const MAX_FILES_PER_MAIL = 20;

interface Candidate {
  file: IncomingFile;
  /** How the HTML refers to it: "cid:<content id>" or the data: URI itself. */
  imageKey: string | null;
}

// Raster formats only: anything else could not be shown inline anyway.
const DATA_IMAGE = /^data:(image\/(?:png|jpeg|gif|webp));base64,([a-z0-9+/=\s]+)$/i;

function dataImage(src: string, n: number): Candidate | null {
  const m = DATA_IMAGE.exec(src);
  if (!m) return null;
  const type = m[1]!.toLowerCase();
  return { file: { filename: `inline-${n + 1}.${type.slice('image/'.length)}`, contentType: type, data: Buffer.from(m[2]!, 'base64') }, imageKey: src };
}

function cidKey(src: string): string {
  let id = src.slice('cid:'.length);
  try {
    id = decodeURIComponent(id);
  } catch {
    // Not percent-encoded after all: match it as written.
  }
  return `cid:${id.replace(/^<|>$/g, '')}`;
}

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/**
 * Accepts one raw mail into the pipeline: its files (attachments and inline images) are
 * stored, its HTML is sanitised to point at them, its text loses the quoted history, and it
 * threads by Message-ID / In-Reply-To / References. The same mail delivered again (an MTA
 * retry, or sent to two support addresses) is accepted once. Mail from one of our own
 * `supportAddresses` is refused: it can only be a loop (a reply of ours relayed back).
 */
export async function acceptEmail(db: Db, raw: Buffer, supportAddresses: readonly string[]): Promise<Accepted> {
  const mail = await parseEmail(raw);
  if (supportAddresses.includes(mail.fromAddress)) throw new UnusableEmail('sent from a support address (mail loop)');
  const candidates: Candidate[] = [
    ...mail.files.map((file) => ({ file, imageKey: file.cid ? `cid:${file.cid}` : null })),
    ...(mail.html ? dataImageSources(mail.html) : []).flatMap((src, n) => dataImage(src, n) ?? []),
  ];
  const kept: Candidate[] = [];
  const notes: string[] = [];
  for (const c of candidates) {
    const name = c.file.filename ?? PLACEHOLDER.file;
    if (c.file.data.byteLength > MAX_ATTACHMENT_BYTES) notes.push(`[附件过大未保存 (attachment too large): ${name}, ${megabytes(c.file.data.byteLength)}]`);
    else if (kept.length >= MAX_FILES_PER_MAIL) notes.push(`[附件过多未保存 (too many attachments): ${name}]`);
    else kept.push(c);
  }
  // Mail without a Message-ID is still deduplicated: by its exact bytes.
  const ownId = mail.messageId ?? `sha256:${createHash('sha256').update(raw).digest('hex')}`;
  const origin = { channel: 'email' as const, externalMessageId: receiptId(mail.replyAddress, ownId) };

  return acceptWithFiles(db, origin, kept.map((c) => c.file), (stored) => {
    const urls = new Map(kept.flatMap((c, i) => (c.imageKey ? [[c.imageKey, stored[i]!.url] as const] : [])));
    const html = mail.html ? sanitizeMailHtml(mail.html, (src) => urls.get(/^cid:/i.test(src) ? cidKey(src) : src) ?? null) : null;
    const text = trimQuoted(mail.text ?? (html ? textOfSanitizedHtml(html) : ''));
    const body = [text || (kept.length > 0 ? PLACEHOLDER.file : PLACEHOLDER.empty), ...notes].join('\n\n');
    return {
      externalUserId: mail.fromAddress,
      customerName: mail.fromName,
      body,
      html: html || null,
      ...(mail.subject ? { subject: mail.subject } : {}),
      replyTo: mail.refs,
      ...(mail.messageId ? { threadRef: mail.messageId } : {}),
    };
  });
}
