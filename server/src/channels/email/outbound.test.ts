import { describe, expect, it } from 'vitest';
import { replySubject } from './outbound';

describe('reply subjects', () => {
  const id = '01JB00000000000000K3M9X2QA';

  it('carry the ticket number once, without stacking Re: prefixes', () => {
    expect(replySubject('点卡未到账', id)).toBe('Re: 点卡未到账 [#K3M9X2QA]');
    expect(replySubject('回复：Re: 点卡未到账 [#K3M9X2QA]', id)).toBe('Re: 点卡未到账 [#K3M9X2QA]');
    expect(replySubject('Fwd: 订单确认', id)).toBe('Re: Fwd: 订单确认 [#K3M9X2QA]');
    expect(replySubject('', id)).toBe('Re: 您的工单 [#K3M9X2QA]');
  });
});
