import { describe, expect, it } from 'vitest';
import { reissueNotice, reissueValueCents, selectKeys } from './reissue';

const keys = [
  { code: 'AAAA-BBBB-CCCC-1111', state: 'redeemed' },
  { code: 'DDDD-EEEE-FFFF-2222', state: 'delivered' },
];

describe('choosing keys to reissue', () => {
  it('takes every key in use when none is named', () => {
    expect(selectKeys(keys, null)).toEqual({ codes: ['AAAA-BBBB-CCCC-1111', 'DDDD-EEEE-FFFF-2222'], unknown: [] });
  });

  it('finds keys by the masked form workstations show, and names the ones it cannot find', () => {
    expect(selectKeys(keys, ['****-****-****-2222', '****-****-****-9999'])).toEqual({
      codes: ['DDDD-EEEE-FFFF-2222'],
      unknown: ['****-****-****-9999'],
    });
  });
});

describe('what a reissue is worth', () => {
  it('is the replaced keys\' share of the order, or the whole order for a top-up', () => {
    expect(reissueValueCents(30_000, 5, 2)).toBe(12_000);
    expect(reissueValueCents(10_000, 3, 1)).toBe(3333);
    expect(reissueValueCents(10_000, 3, 9)).toBe(10_000);
    expect(reissueValueCents(64_800, 0, 0)).toBe(64_800);
  });
});

describe('the customer\'s reissue notice', () => {
  it('gives the new keys\' last four characters only', () => {
    expect(reissueNotice({ orderId: 'DD1', issued: ['****-****-****-7Q2M', '****-****-****-K9PX'] })).toBe(
      '已为您的订单 DD1 补发 2 张新卡密（尾号 7Q2M、K9PX），请在订单详情中查看。',
    );
    expect(reissueNotice({ orderId: 'DD2', issued: [] })).toContain('重新提交充值');
  });
});
