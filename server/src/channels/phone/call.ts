import { z } from 'zod';
import { normalizePhone } from './number';

const PhoneNumber = z.string().max(40).transform((raw, ctx) => {
  const n = normalizePhone(raw);
  if (n === null) ctx.addIssue({ code: 'custom', message: '不是电话号码 (not a phone number)' });
  return n ?? '';
});

/** A call record as the call platform posts it when a call ends. */
export const CallRecord = z.object({
  callId: z.string().regex(/^[A-Za-z0-9._:-]{1,128}$/, 'letters, digits and . _ : -'),
  /** in: the customer called us; out: an agent called the customer. */
  direction: z.enum(['in', 'out']),
  caller: PhoneNumber,
  callee: PhoneNumber,
  startedAt: z.iso.datetime({ offset: true }),
  /** Talk time; 0 means nobody answered. */
  durationSec: z.number().int().min(0).max(86_400),
  recordingUrl: z.url({ protocol: /^https?$/ }).max(2000).optional(),
  /** The agent's Kadesk login, when an agent took or made the call. */
  agentLogin: z.string().min(1).max(64).optional(),
  notes: z.string().max(2000).optional(),
  /** An outbound call returning a customer's earlier request (回拨). */
  callback: z.boolean().optional(),
});
export type CallRecord = z.infer<typeof CallRecord>;

/** The customer's number: who called us, or whom we called. */
export const customerNumber = (call: CallRecord): string => (call.direction === 'in' ? call.caller : call.callee);

export function formatDuration(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return [h ? `${h}小时` : '', h || m ? `${m}分` : '', `${s}秒`].join('');
}

// Support for 卡盟 marketplaces runs on Beijing time whatever the server's zone.
const BEIJING = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

function headline(call: CallRecord): string {
  const answered = call.durationSec > 0;
  if (call.direction === 'in') return answered ? `来电 ${formatDuration(call.durationSec)}` : '未接来电';
  const kind = call.callback ? '回拨' : '去电';
  return answered ? `${kind} ${formatDuration(call.durationSec)}` : `${kind}未接通`;
}

/** The call as one line of text in the conversation, e.g. "📞 来电 3分12秒 · 2026/11/22 14:03:05 · 客服 王五 · 录音: … · 备注: …". */
export function renderCall(call: CallRecord, agentName: string | null): string {
  return [
    `📞 ${headline(call)}`,
    BEIJING.format(new Date(call.startedAt)),
    agentName ? `客服 ${agentName}` : '',
    call.recordingUrl ? `录音: ${call.recordingUrl}` : '',
    call.notes?.trim() ? `备注: ${call.notes.trim()}` : '',
  ]
    .filter(Boolean)
    .join(' · ');
}
