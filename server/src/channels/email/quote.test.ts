import { describe, expect, it } from 'vitest';
import { trimQuoted } from './quote';

describe('quoted history in replies', () => {
  it('cuts at the separators of common Chinese and English mail clients', () => {
    const cases = [
      '还是没到账。\n\n------------------ 原始邮件 ------------------\n发件人: "客服" <support@example.com>\n您好',
      '还是没到账。\n\n-----原始邮件-----\n发件人：客服\n发送时间：2026年11月22日 14:03\n您好',
      '还是没到账。\n\n在 2026-11-22 14:03:00，"客服" <support@example.com> 写道：\n> 您好',
      '还是没到账。\n\n客服 <support@example.com> 于2026年11月22日周日 14:03写道：\n> 您好',
      '还是没到账。\n\nOn Sun, Nov 22, 2026 at 2:03 PM Kadesk Support <support@example.com>\nwrote:\n> Hello',
      '还是没到账。\n________________________________\nFrom: Kadesk Support\nSent: Sunday\nTo: player0001@example.com\n',
      '还是没到账。\nFrom: Kadesk Support <support@example.com>\nDate: Sun, 22 Nov 2026\nSubject: Re: 点卡\n\nHello',
    ];
    for (const text of cases) expect(trimQuoted(text)).toBe('还是没到账。');
  });

  it('drops a trailing block of quoted lines', () => {
    expect(trimQuoted('好的，谢谢\r\n\r\n> 已为您补发\r\n> 客服')).toBe('好的，谢谢');
  });

  it('keeps forwarded mail, inline answers and text that is all quote', () => {
    const forwarded =
      '请看订单确认：\n\n---------- Forwarded message ---------\nFrom: 商城 <shop@example.com>\nDate: 2026年11月22日周日 14:03\nSubject: 订单确认\n\n订单 DD202611220001';
    expect(trimQuoted(forwarded)).toBe(forwarded);
    const inline = '> 订单号是多少？\nDD202611220001\n> 卡密状态？\n显示已使用';
    expect(trimQuoted(inline)).toBe(inline);
    expect(trimQuoted('-----Original Message-----\nFrom: a')).toBe('-----Original Message-----\nFrom: a');
  });
});
