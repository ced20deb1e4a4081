import { describe, expect, it } from 'vitest';
import { addIndexTerms, normalize, planQuery } from './tokenize';

const termsOf = (text: string) => {
  const set = new Set<string>();
  addIndexTerms(text, set);
  return set;
};

describe('tokenize', () => {
  const story = '我买的王者荣耀点卡显示已使用但没到账，订单号 DD202611220001';

  it('indexes the segmenter words and every pair of Han characters', () => {
    const terms = termsOf(story);
    for (const t of ['王者', '荣耀', '到账', '订单', 'dd202611220001', '者荣', '耀点', '点卡']) expect(terms, t).toContain(t);
    expect(terms).not.toContain('，');
    expect(terms).not.toContain('卡，');
  });

  it('folds full-width forms and case', () => {
    expect(normalize('ＤＤ２０２６ ＶＩＰ')).toBe('dd2026 vip');
    expect(termsOf('订单ＤＤ２０２６１１２２０００１')).toContain('dd202611220001');
  });

  it('looks Han text up by its pairs, whatever way the segmenter splits it', () => {
    const plan = planQuery('王者荣耀 点卡');
    expect(plan.phrases).toEqual(['王者荣耀', '点卡']);
    expect(plan.required.sort()).toEqual(['点卡', '王者', '者荣', '荣耀'].sort());
  });

  it('looks order numbers, Latin words and lone characters up whole', () => {
    expect(planQuery('DD202611220001').required).toEqual(['dd202611220001']);
    expect(planQuery('VIP refund').required).toEqual(['vip', 'refund']);
    expect(planQuery('卡').required).toEqual(['卡']);
    expect(planQuery('订单DD202611220001').required.sort()).toEqual(['dd202611220001', '订单']);
  });

  it('keeps long Han words for ranking and drops parts with nothing to look up', () => {
    const { words } = planQuery('中华人民共和国成立');
    expect(words.length).toBeGreaterThan(0);
    for (const w of words) expect(w.length >= 3 && '中华人民共和国成立'.includes(w), w).toBe(true);
    expect(planQuery('， ？').required).toEqual([]);
    expect(planQuery('   ').phrases).toEqual([]);
  });
});
