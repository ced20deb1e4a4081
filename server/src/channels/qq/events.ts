import { z } from 'zod';
import type { InboundMessage } from '../../pipeline/inbound';
import { PLACEHOLDER } from '../placeholders';
import { receiptId } from '../receipts';

/** QQ's webhook envelope; op 0 dispatches event `t`, op 13 asks the bot to prove its URL. */
export const QqPayload = z.object({
  id: z.string().max(256).optional(),
  op: z.number().int(),
  d: z.unknown(),
  t: z.string().max(64).optional(),
});

// plain_token is restricted to what the platform sends, so the op 13 answer (a signature
// over event_ts ‖ plain_token) can never double as a signature over timestamp ‖ JSON body.
export const QqValidation = z.object({
  plain_token: z.string().regex(/^[A-Za-z0-9_-]{1,128}$/),
  event_ts: z.string().regex(/^\d{1,20}$/),
});

const OpenId = z.string().regex(/^[A-Za-z0-9_-]{1,128}$/);
const Attachment = z.object({ content_type: z.string().max(128).default(''), filename: z.string().max(256).optional() });
const messageFields = {
  id: z.string().min(1).max(256),
  content: z.string().max(20_000).default(''),
  attachments: z.array(Attachment).max(50).default([]),
};
const C2cMessage = z.object({ ...messageFields, author: z.object({ user_openid: OpenId }) });
const GroupAtMessage = z.object({ ...messageFields, group_openid: OpenId, author: z.object({ member_openid: OpenId }) });

/** Where replies go: `user:<openid>` for a private chat, `group:<group_openid>` for a group. */
export type QqAddress = `user:${string}` | `group:${string}`;

/**
 * A dispatched QQ event as the inbound pipeline's message, or null for events that are
 * not a customer writing (friend added, bot removed, …). A group member gets an identity
 * of their own per group, distinct from their private chat: QQ gives one person different
 * openids in each, and a group @mention is answered in the group, within its shorter
 * reply window, so agents must see which it is.
 */
export function qqInbound(event: string | undefined, d: unknown): InboundMessage | null {
  if (event === 'C2C_MESSAGE_CREATE') {
    const m = C2cMessage.parse(d);
    const openid = m.author.user_openid;
    return {
      channel: 'qq',
      externalMessageId: receiptId(`user:${openid}` satisfies QqAddress, m.id),
      externalUserId: openid,
      customerName: `QQ用户${openid.slice(-4)}`,
      body: bodyOf(m.content, m.attachments),
    };
  }
  if (event === 'GROUP_AT_MESSAGE_CREATE') {
    const m = GroupAtMessage.parse(d);
    const member = m.author.member_openid;
    return {
      channel: 'qq',
      externalMessageId: receiptId(`group:${m.group_openid}` satisfies QqAddress, m.id),
      externalUserId: `group:${m.group_openid}:${member}`,
      customerName: `QQ群成员${member.slice(-4)}`,
      body: `${PLACEHOLDER.groupMention} ${bodyOf(m.content, m.attachments)}`,
      groupMention: true,
    };
  }
  return null;
}

function bodyOf(content: string, attachments: Array<z.infer<typeof Attachment>>): string {
  const parts = [content.trim(), ...attachments.map(describe)].filter(Boolean);
  return parts.length > 0 ? parts.join(' ') : PLACEHOLDER.empty;
}

function describe(a: z.infer<typeof Attachment>): string {
  const type = a.content_type.toLowerCase();
  if (type.startsWith('image/')) return PLACEHOLDER.image;
  if (type === 'voice' || type.startsWith('audio/')) return PLACEHOLDER.voice;
  if (type.startsWith('video/')) return PLACEHOLDER.video;
  return [PLACEHOLDER.file, a.filename].filter(Boolean).join(' ');
}
