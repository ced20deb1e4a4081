import type { CompensationKind, CreateCompensationRequest, LiableParty, RoleLimits } from '../../../../protocol';
import { newId } from '../../../../protocol/ids';

/** Yuan as typed (12, 12.5, ¥12.50, "12,00" is refused) to whole cents; null when it is not a positive amount. */
export function parseYuan(text: string): number | null {
  const t = text.trim().replace(/^[¥￥]\s*/, '');
  if (!/^\d{1,7}(\.\d{1,2})?$/.test(t)) return null;
  const [whole, frac = ''] = t.split('.');
  const cents = Number(whole) * 100 + Number(frac.padEnd(2, '0'));
  return cents > 0 ? cents : null;
}

export interface CompensationForm {
  kind: CompensationKind;
  /** Yuan, for refunds (empty means the full refundable amount) and coupons. */
  amount: string;
  /** Whole percent, for credits. */
  percent: string;
  cause: string;
  liable: LiableParty;
  note: string;
}

export type FormProblem = 'amountRequired' | 'amountInvalid' | 'percentInvalid' | 'causeRequired';

/** A compensation request before its request id is added, kind by kind. */
export type CompensationBody = CreateCompensationRequest extends infer R ? (R extends unknown ? Omit<R, 'requestId'> : never) : never;

/** The request body without its request id, or what is wrong with the form. */
export type Draft = { ok: true; body: CompensationBody } | { ok: false; problem: FormProblem };

export function draftOf(form: CompensationForm, conversationId: string, orderId: string | null): Draft {
  const cause = form.cause.trim();
  if (cause === '') return { ok: false, problem: 'causeRequired' };
  const common = { conversationId, ...(orderId ? { orderId } : {}), cause, liable: form.liable, note: form.note.trim() };
  switch (form.kind) {
    case 'refund': {
      if (form.amount.trim() === '') return { ok: true, body: { kind: 'refund', ...common } };
      const amountCents = parseYuan(form.amount);
      return amountCents === null ? { ok: false, problem: 'amountInvalid' } : { ok: true, body: { kind: 'refund', ...common, amountCents } };
    }
    case 'coupon': {
      if (form.amount.trim() === '') return { ok: false, problem: 'amountRequired' };
      const amountCents = parseYuan(form.amount);
      return amountCents === null ? { ok: false, problem: 'amountInvalid' } : { ok: true, body: { kind: 'coupon', ...common, amountCents } };
    }
    case 'credit': {
      const percent = Number(form.percent.trim().replace(/%$/, ''));
      if (!Number.isInteger(percent) || percent < 1 || percent > 100) return { ok: false, problem: 'percentInvalid' };
      return { ok: true, body: { kind: 'credit', ...common, percent } };
    }
    case 'reissue':
      return { ok: true, body: { kind: 'reissue', ...common } };
  }
}

/** The caller's limit for one kind: a cap in cents per ticket (null: none) and, for credits, a percentage cap. */
export function limitOf(kind: CompensationKind, limits: RoleLimits): { cents: number | null; percent: number | null } {
  switch (kind) {
    case 'refund':
      return { cents: limits.refundCents, percent: null };
    case 'coupon':
      return { cents: limits.couponCents, percent: null };
    case 'credit':
      return { cents: limits.creditCents, percent: limits.creditPercent };
    case 'reissue':
      return { cents: limits.reissueCents, percent: null };
  }
}

/** A request id together with the exact body it was first sent with. */
export interface Attempt {
  requestId: string;
  key: string;
}

/**
 * The id to send a body with. Sending the same body again (a retry after a timeout or a
 * double press) reuses the id, so the server grants it once; a changed body is a new request.
 */
export function attemptFor(previous: Attempt | null, body: object, mint: () => string = newId): Attempt {
  const key = JSON.stringify(body);
  return previous && previous.key === key ? previous : { requestId: mint(), key };
}
