import { describe, expect, it } from 'vitest';
import { attemptFor, draftOf, limitOf, parseYuan, type CompensationForm } from './compensation-form';

const form = (over: Partial<CompensationForm>): CompensationForm => ({
  kind: 'coupon',
  amount: '',
  percent: '',
  cause: '上游通道拥堵导致到账延迟',
  liable: 'supplier',
  note: '',
  ...over,
});

describe('compensation form', () => {
  it('reads yuan into cents', () => {
    expect(parseYuan('5')).toBe(500);
    expect(parseYuan('12.5')).toBe(1250);
    expect(parseYuan(' ¥0.05 ')).toBe(5);
    expect(parseYuan('￥80.00')).toBe(8000);
    expect(parseYuan('0')).toBeNull();
    expect(parseYuan('1.234')).toBeNull();
    expect(parseYuan('-3')).toBeNull();
    expect(parseYuan('abc')).toBeNull();
    expect(parseYuan('')).toBeNull();
  });

  it('builds the request each kind needs', () => {
    expect(draftOf(form({ amount: '5' }), 'c1', 'DD1')).toEqual({
      ok: true,
      body: { kind: 'coupon', conversationId: 'c1', orderId: 'DD1', cause: '上游通道拥堵导致到账延迟', liable: 'supplier', note: '', amountCents: 500 },
    });
    const refund = draftOf(form({ kind: 'refund' }), 'c1', null);
    expect(refund.ok && refund.body).toEqual({ kind: 'refund', conversationId: 'c1', cause: '上游通道拥堵导致到账延迟', liable: 'supplier', note: '' });
    const credit = draftOf(form({ kind: 'credit', percent: '10%' }), 'c1', 'DD1');
    expect(credit.ok && credit.body).toMatchObject({ kind: 'credit', percent: 10 });
    expect(draftOf(form({ kind: 'reissue', amount: 'ignored' }), 'c1', 'DD1')).toMatchObject({ ok: true, body: { kind: 'reissue' } });
  });

  it('says what is wrong with the form', () => {
    expect(draftOf(form({ cause: '  ' }), 'c1', null)).toEqual({ ok: false, problem: 'causeRequired' });
    expect(draftOf(form({ amount: '' }), 'c1', null)).toEqual({ ok: false, problem: 'amountRequired' });
    expect(draftOf(form({ kind: 'refund', amount: '1,5' }), 'c1', null)).toEqual({ ok: false, problem: 'amountInvalid' });
    expect(draftOf(form({ kind: 'credit', percent: '150' }), 'c1', null)).toEqual({ ok: false, problem: 'percentInvalid' });
    expect(draftOf(form({ kind: 'credit', percent: '2.5' }), 'c1', null)).toEqual({ ok: false, problem: 'percentInvalid' });
  });

  it('picks the limit of the kind', () => {
    const limits = { refundCents: 5000, couponCents: 2000, creditCents: 1500, creditPercent: 10, reissueCents: null };
    expect(limitOf('refund', limits)).toEqual({ cents: 5000, percent: null });
    expect(limitOf('credit', limits)).toEqual({ cents: 1500, percent: 10 });
    expect(limitOf('reissue', limits)).toEqual({ cents: null, percent: null });
  });

  it('keeps the request id for a retry of the same body and mints one for a changed body', () => {
    let n = 0;
    const mint = () => `REQ${++n}`;
    const first = attemptFor(null, { kind: 'coupon', amountCents: 500 }, mint);
    expect(first.requestId).toBe('REQ1');
    expect(attemptFor(first, { kind: 'coupon', amountCents: 500 }, mint)).toBe(first);
    expect(attemptFor(first, { kind: 'coupon', amountCents: 800 }, mint).requestId).toBe('REQ2');
  });
});
