import { describe, expect, it } from 'vitest';
import type { Article, Macro } from '../../../../protocol';
import { fillTemplate, rankArticles, suggestMacros } from './suggest';

const article = (id: string, a: Partial<Article>): Article => ({
  id,
  title: '',
  body: '',
  categories: [],
  keywords: [],
  audience: 'agent',
  updatedAt: '2026-11-01T00:00:00.000Z',
  ...a,
});

const articles = [
  article('congestion', { title: '上游通道拥堵时如何安抚客户', categories: ['delivery_delayed'], keywords: ['拥堵'] }),
  article('arrival', { title: '如何查询充值是否到账', categories: ['delivery_delayed', 'topup_failed'], keywords: ['到账'] }),
  article('typo', { title: '卡密兑换失败的常见原因', categories: ['invalid_card_key'], keywords: ['卡密', '兑换失败'] }),
  article('withdraw', { title: '如何提现', categories: ['how_to'], keywords: ['提现'] }),
];

describe('rankArticles', () => {
  it('puts the category first and orders within it by what the customer wrote', () => {
    const ranked = rankArticles(articles, { category: 'delivery_delayed', text: '我买的点卡显示已使用但没到账' });
    expect(ranked.map((r) => r.article.id)).toEqual(['arrival', 'congestion']);
    expect(ranked[0]!.score).toBeGreaterThan(ranked[1]!.score);
  });

  it('finds articles outside the category by keywords and title words, and leaves out the rest', () => {
    const ranked = rankArticles(articles, { category: 'delivery_delayed', text: '卡密兑换失败，还没到账' });
    expect(ranked.map((r) => r.article.id)).toEqual(['arrival', 'typo', 'congestion']);
    expect(ranked.some((r) => r.article.id === 'withdraw')).toBe(false);
  });

  it('works without a category and honours the limit', () => {
    expect(rankArticles(articles, { category: null, text: '怎么提现' }).map((r) => r.article.id)).toEqual(['withdraw']);
    expect(rankArticles(articles, { category: 'delivery_delayed', text: '' }, 1)).toHaveLength(1);
    expect(rankArticles(articles, { category: null, text: 'hello' })).toEqual([]);
  });
});

const macro = (id: string, m: Partial<Macro>): Macro => ({
  id,
  scope: 'shared',
  ownerId: null,
  name: id,
  description: '',
  category: null,
  actions: [],
  createdAt: '2026-11-01T00:00:00.000Z',
  updatedAt: '2026-11-01T00:00:00.000Z',
  ...m,
});

describe('suggestMacros', () => {
  it('lists the category’s macros, the agent’s own first', () => {
    const macros = [
      macro('b-shared', { category: 'delivery_delayed' }),
      macro('a-shared', { category: 'delivery_delayed' }),
      macro('mine', { category: 'delivery_delayed', scope: 'personal', ownerId: 'me' }),
      macro('other', { category: 'how_to' }),
      macro('general', { category: null }),
    ];
    expect(suggestMacros(macros, 'delivery_delayed').map((m) => m.id)).toEqual(['mine', 'a-shared', 'b-shared']);
    expect(suggestMacros(macros, null)).toEqual([]);
  });
});

describe('fillTemplate', () => {
  it('fills known variables and leaves a visible gap for the rest', () => {
    expect(fillTemplate('{{customer.name}}，您好！订单 {{ order.id }} 预计{{supplier.eta}}恢复。', { 'customer.name': '示例玩家', 'order.id': 'DD1' })).toBe(
      '示例玩家，您好！订单 DD1 预计【supplier.eta】恢复。',
    );
  });
});
