import { type AddressObject, simpleParser } from 'mailparser';
import type { IncomingFile } from '../../attachments/store';

/** Mail that can never be accepted (the SMTP listener answers 550, the sender gets a bounce). */
export class UnusableEmail extends Error {
  override readonly name = 'UnusableEmail';
}

export interface MailFile extends IncomingFile {
  /** The Content-ID an HTML part refers to as cid:…, without angle brackets. */
  cid: string | null;
}

export interface ParsedEmail {
  /** Lower-cased sender address and display name. */
  fromAddress: string;
  fromName: string;
  /** Where replies go: Reply-To when it names one usable address, else From. */
  replyAddress: string;
  subject: string;
  /** The mail's own Message-ID (with angle brackets), when it has one. */
  messageId: string | null;
  /** The mails it answers (References, then In-Reply-To), oldest first. */
  refs: string[];
  /** The text/plain part, when there was one. */
  text: string | null;
  /** The HTML part as sent: not yet sanitised. */
  html: string | null;
  files: MailFile[];
}

/** A Message-ID as headers carry it, angle brackets included. */
export const MSG_ID = /^<[^<>\s]{1,500}>$/;
const MAX_REFS = 50;

function firstAddress(header: AddressObject | undefined): { address: string; name: string } | null {
  const entry = header?.value[0];
  const address = entry?.address?.trim().toLowerCase();
  // '#' separates the address from the message id in receipt ids (see receipts.ts).
  if (!entry || !address || !/^[^\s@#]+@[^\s@#]+$/.test(address)) return null;
  return { address, name: entry.name.trim() };
}

/** References then In-Reply-To, each id once at its latest position, so the parent comes last. */
function threadRefs(references: string | string[] | undefined, inReplyTo: string | undefined, own: string | null): string[] {
  const listed = [...(typeof references === 'string' ? references.split(/\s+/) : (references ?? [])), ...(inReplyTo?.split(/\s+/) ?? [])];
  const valid = listed.map((r) => r.trim()).filter((r) => MSG_ID.test(r) && r !== own);
  return valid.filter((r, i) => valid.lastIndexOf(r) === i).slice(-MAX_REFS);
}

/**
 * Decodes a raw RFC 5322 message: MIME structure, transfer encodings, charsets (GB2312,
 * GBK, GB18030, Big5, UTF-8, …) and encoded-word headers. Inline images keep their cid:
 * references so they can point to our stored copies.
 */
export async function parseEmail(raw: Buffer): Promise<ParsedEmail> {
  const mail = await simpleParser(raw, { skipHtmlToText: true, skipTextToHtml: true, skipTextLinks: true, keepCidLinks: true });
  const from = firstAddress(mail.from);
  if (!from) throw new UnusableEmail('no usable From address');
  const messageId = mail.messageId && MSG_ID.test(mail.messageId.trim()) ? mail.messageId.trim() : null;
  return {
    fromAddress: from.address,
    fromName: from.name || from.address.split('@')[0]!,
    replyAddress: firstAddress(mail.replyTo)?.address ?? from.address,
    subject: (mail.subject ?? '').trim(),
    messageId,
    refs: threadRefs(mail.references, mail.inReplyTo, messageId),
    text: mail.text ?? null,
    html: mail.html || null,
    files: mail.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, data: a.content, cid: a.cid ?? null })),
  };
}
