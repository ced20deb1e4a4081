import { describe, expect, it } from 'vitest';
import { audienceOf, EMPTY_FORM, noticeOf, progressOf } from './notice-form';

describe('proactive notice form', () => {
  it('needs a product or a supplier, dates in order, and keys the audience for the preview', () => {
    expect(audienceOf({ ...EMPTY_FORM, from: '2026-11-01' })).toEqual({ ok: false, problem: 'audience' });
    expect(audienceOf({ ...EMPTY_FORM, supplier: '星河', from: '2026-11-20', to: '2026-11-01' })).toEqual({ ok: false, problem: 'dates' });
    const a = audienceOf({ ...EMPTY_FORM, supplier: ' 星河 ', from: '2026-11-01' });
    expect(a).toEqual({ ok: true, audience: { supplier: '星河', from: '2026-11-01' }, key: JSON.stringify({ supplier: '星河', from: '2026-11-01' }) });
    // Changing only the message keeps the previewed audience.
    const b = audienceOf({ ...EMPTY_FORM, supplier: '星河', from: '2026-11-01', body: '通知' });
    expect(b.ok && a.ok && b.key === a.key).toBe(true);
  });

  it('sends only with a subject and a message', () => {
    expect(noticeOf({ ...EMPTY_FORM, product: '点卡', subject: '维护' })).toEqual({ ok: false, problem: 'message' });
    expect(noticeOf({ ...EMPTY_FORM, product: '点卡', subject: ' 维护 ', body: ' 今晚维护 ' })).toEqual({
      ok: true,
      body: { audience: { product: '点卡' }, subject: '维护', body: '今晚维护' },
    });
  });

  it('measures progress over the customers who can be reached', () => {
    expect(progressOf({ sent: 3, pending: 1 })).toEqual({ reachable: 4, fraction: 0.75 });
    expect(progressOf({ sent: 0, pending: 0 })).toEqual({ reachable: 0, fraction: 1 });
  });
});
