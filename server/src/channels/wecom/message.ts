import type { InboundMessage } from '../../pipeline/inbound';
import { PLACEHOLDER } from '../placeholders';
import { receiptId } from '../receipts';
import { XmlError, type XmlFields } from './xml';

export type WecomInbound = { kind: 'message'; message: InboundMessage } | { kind: 'ignored'; reason: string };

// WeChat Work userids: letters, digits and _ - @ . (at most 64).
const USER_ID = /^[A-Za-z0-9_.@-]{1,64}$/;
const MSG_ID = /^[0-9A-Za-z_-]{1,64}$/;

/**
 * A decrypted WeChat Work callback as the inbound pipeline's message. Events (entering the
 * app, menu clicks, …) are acknowledged and ignored: they are not something a customer
 * said, and storing them would open tickets nobody asked for.
 */
export function wecomInbound(fields: XmlFields, agentId: string): WecomInbound {
  const field = (name: string) => fields.get(name)?.trim() ?? '';
  const type = field('MsgType');
  if (!type) throw new XmlError('MsgType is missing');
  if (type === 'event') return { kind: 'ignored', reason: `event ${field('Event') || '(unnamed)'}` };
  // Another app of the same company may share the callback settings; its replies are not ours to send.
  if (field('AgentID') !== agentId) return { kind: 'ignored', reason: `message for agent ${field('AgentID') || '(none)'}` };
  const from = field('FromUserName');
  const msgId = field('MsgId');
  if (!USER_ID.test(from)) throw new XmlError('FromUserName is missing or malformed');
  if (!MSG_ID.test(msgId)) throw new XmlError('MsgId is missing or malformed');
  return {
    kind: 'message',
    message: {
      channel: 'wecom',
      externalMessageId: receiptId(from, msgId),
      externalUserId: from,
      customerName: `企业微信 ${from}`,
      body: bodyOf(type, field, fields.get('Content') ?? ''),
    },
  };
}

function bodyOf(type: string, field: (name: string) => string, content: string): string {
  const join = (...parts: string[]) => parts.filter(Boolean).join(' ');
  switch (type) {
    case 'text':
      return content.trim() ? content : PLACEHOLDER.empty;
    case 'image':
      return PLACEHOLDER.image;
    case 'voice':
      return PLACEHOLDER.voice;
    case 'video':
      return PLACEHOLDER.video;
    case 'file':
      return join(PLACEHOLDER.file, field('FileName'));
    case 'location':
      return join(PLACEHOLDER.location, field('Label'), `(${field('Location_X')}, ${field('Location_Y')})`);
    case 'link':
      return join(PLACEHOLDER.link, field('Title'), field('Url'));
    default:
      return `[${type}]`;
  }
}
