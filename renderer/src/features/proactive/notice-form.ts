import type { CreateNoticeRequest, Notice, NoticeAudience } from '../../../../protocol';

export interface NoticeForm {
  product: string;
  supplier: string;
  /** YYYY-MM-DD from a date input, or empty. */
  from: string;
  to: string;
  subject: string;
  body: string;
}

export const EMPTY_FORM: NoticeForm = { product: '', supplier: '', from: '', to: '', subject: '', body: '' };

export type AudienceDraft = { ok: true; audience: NoticeAudience; key: string } | { ok: false; problem: 'audience' | 'dates' };

/** The audience the form describes; `key` tells whether a preview was of this same audience. */
export function audienceOf(form: NoticeForm): AudienceDraft {
  const text = (s: string) => s.trim() || undefined;
  const audience: NoticeAudience = { product: text(form.product), supplier: text(form.supplier), from: text(form.from), to: text(form.to) };
  if (!audience.product && !audience.supplier) return { ok: false, problem: 'audience' };
  if (audience.from && audience.to && audience.from > audience.to) return { ok: false, problem: 'dates' };
  const defined = Object.fromEntries(Object.entries(audience).filter(([, v]) => v !== undefined)) as NoticeAudience;
  return { ok: true, audience: defined, key: JSON.stringify(defined) };
}

export type NoticeDraft = { ok: true; body: Omit<CreateNoticeRequest, 'id'> } | { ok: false; problem: 'audience' | 'dates' | 'message' };

export function noticeOf(form: NoticeForm): NoticeDraft {
  const a = audienceOf(form);
  if (!a.ok) return a;
  if (!form.subject.trim() || !form.body.trim()) return { ok: false, problem: 'message' };
  return { ok: true, body: { audience: a.audience, subject: form.subject.trim(), body: form.body.trim() } };
}

/** Sent out of those Kadesk can reach, as a fraction for the progress bar. */
export function progressOf(n: Pick<Notice, 'sent' | 'pending'>): { reachable: number; fraction: number } {
  const reachable = n.sent + n.pending;
  return { reachable, fraction: reachable === 0 ? 1 : n.sent / reachable };
}
