import type { Attachment } from '../../../protocol/entities';
import type { Db } from '../db/db';
import { type Accepted, acceptInbound, type InboundMessage } from '../pipeline/inbound';
import { type AttachmentOrigin, type IncomingFile, linkAttachments, storeAttachments } from './store';

export type MessageWithoutFiles = Omit<InboundMessage, 'channel' | 'externalMessageId' | 'attachments'>;

/**
 * Accepts a customer message that came with files: the files are stored first (their ids
 * may appear in the message, e.g. in email HTML), then the message goes through the
 * pipeline, then the files are tied to it. Every step is idempotent, so when the channel
 * retries after a failure anywhere in between, the retry completes what is missing.
 */
export async function acceptWithFiles(
  db: Db,
  origin: AttachmentOrigin,
  files: readonly IncomingFile[],
  build: (stored: Attachment[]) => MessageWithoutFiles,
): Promise<Accepted> {
  const stored = await storeAttachments(db, origin, files);
  const accepted = await acceptInbound(db, { ...build(stored), ...origin, attachments: stored });
  await linkAttachments(db, accepted.messageId, stored);
  return accepted;
}
