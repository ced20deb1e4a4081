import { describe, expect, it } from 'vitest';
import { extractEntities, maskCardKey, parseChineseNumber } from './extract';

/** Every entity's span must point at the text it came from (card keys at their masked form). */
function spansHold(text: string) {
  const { entities, maskedText } = extractEntities(text);
  for (const e of entities) {
    const slice = maskedText.slice(e.start, e.end);
    if (e.kind === 'order_no') expect(slice.toUpperCase()).toBe(e.value);
    if (e.kind === 'card_key') expect(slice).toBe(e.value);
  }
}

describe('order numbers', () => {
  it('finds the acceptance story order, game and product, with positions', () => {
    const text = '我买的王者荣耀点卡显示已使用但没到账，订单号 DD202611220001';
    const x = extractEntities(text);
    expect(x.orderNumbers).toEqual(['DD202611220001']);
    expect(x.games).toEqual(['王者荣耀']);
    expect(x.products).toEqual(['point_card']);
    const order = x.entities.find((e) => e.kind === 'order_no');
    expect(order && text.slice(order.start, order.end)).toBe('DD202611220001');
  });

  it('reads numeric ids after 订单/单号/order and bare dated ids, but not any long number', () => {
    expect(extractEntities('订单号：2026111808221234 麻烦查下').orderNumbers).toEqual(['2026111808221234']);
    expect(extractEntities('单号是 880012345678，付了钱').orderNumbers).toEqual(['880012345678']);
    expect(extractEntities('order no. 123456789012 stuck').orderNumbers).toEqual(['123456789012']);
    expect(extractEntities('两单 2026112100872311 和 2026112100872312').orderNumbers).toHaveLength(2);
    expect(extractEntities('我的QQ是 987654321012345').orderNumbers).toEqual([]);
    expect(extractEntities('订单 dd202611210100 重复').orderNumbers).toEqual(['DD202611210100']);
  });
});

describe('card keys', () => {
  it('masks dash-grouped keys in the summary and in the text, keeping length', () => {
    const text = '卡密 K7QD-83MX-P2LA-9WTN 显示已失效';
    const x = extractEntities(text);
    expect(x.cardKeys).toEqual(['K7QD-****-****-9WTN']);
    expect(x.maskedText).not.toContain('83MX');
    expect(x.maskedText).toHaveLength(text.length);
    spansHold(text);
  });

  it('masks codes named by the word before them, and mixed letter-digit tokens', () => {
    const x = extractEntities('卡号 1234567890123456 密码：987654321012，兑换码 X9K2M4Q7P1L8W3N5');
    expect(x.cardKeys).toEqual(['1234********3456', '9876****1012', 'X9K2********W3N5']);
    expect(x.maskedText).not.toMatch(/567890|543210|M4Q7P1/);
    expect(x.orderNumbers).toEqual([]);
  });

  it('never reports an order id as a key, nor a key as an order id', () => {
    const x = extractEntities('订单DD202611180342 的卡密 ABCD-EFGH-1234-5678 用不了');
    expect(x.orderNumbers).toEqual(['DD202611180342']);
    expect(x.cardKeys).toEqual(['ABCD-****-****-5678']);
    spansHold('订单DD202611180342 的卡密 ABCD-EFGH-1234-5678 用不了');
  });

  it('keeps short keys mostly hidden', () => {
    expect(maskCardKey('AB12CD34')).toBe('AB****34');
    expect(maskCardKey('A1B2C3')).toBe('A****3');
  });
});

describe('games and products', () => {
  it('maps aliases to one canonical name, longest form first', () => {
    expect(extractEntities('吃鸡UC没到').games).toEqual(['和平精英']);
    expect(extractEntities('LOL点券和Q币').games).toEqual(['英雄联盟']);
    expect(extractEntities('LOL点券和Q币').products).toEqual(['game_currency', 'qcoin']);
    expect(extractEntities('梦幻西游点卡').games).toEqual(['梦幻西游']);
  });

  it('does not find Latin aliases inside other words', () => {
    expect(extractEntities('lollipop 和 codex').games).toEqual([]);
  });

  it('recognises licences and period cards', () => {
    expect(extractEntities('Office激活码和原神月卡').products).toEqual(['licence', 'period_card']);
  });
});

describe('amounts and phones', () => {
  it('reads yuan amounts in digits, with separators, after ¥ and in Chinese numerals', () => {
    expect(extractEntities('差额12,860.00元').amountsCents).toEqual([1_286_000]);
    expect(extractEntities('付了¥198，又扣了50块').amountsCents).toEqual([19_800, 5_000]);
    expect(extractEntities('花了两千五块').amountsCents).toEqual([250_000]);
  });

  it('does not read 一块 (together) as one yuan', () => {
    expect(extractEntities('和朋友一块买的').amountsCents).toEqual([]);
  });

  it('finds mobile numbers, including the masked form', () => {
    expect(extractEntities('绑定手机被换成了 139****0000').phones).toEqual(['139****0000']);
    expect(extractEntities('联系 138-0000-0000').phones).toEqual(['13800000000']);
    expect(extractEntities('打12315').phones).toEqual([]);
  });

  it('parses Chinese numerals including the colloquial tail', () => {
    expect([parseChineseNumber('五十'), parseChineseNumber('两千五'), parseChineseNumber('两千零五')]).toEqual([50, 2500, 2005]);
    expect([parseChineseNumber('一万二'), parseChineseNumber('十五'), parseChineseNumber('八百八十八')]).toEqual([12_000, 15, 888]);
  });
});
