import { describe, expect, it } from 'vitest';
import { highlight, snippet } from './highlight';

describe('highlight', () => {
  it('marks every occurrence, case-insensitively, joining overlaps', () => {
    expect(highlight('点卡没到账，点卡', ['点卡']).ranges).toEqual([
      [0, 2],
      [6, 8],
    ]);
    expect(highlight('Order DD2026 dd2026', ['dd2026']).ranges).toEqual([
      [6, 12],
      [13, 19],
    ]);
    expect(highlight('王者荣耀', ['王者', '者荣耀']).ranges).toEqual([[0, 4]]);
  });

  it('cuts a long text around the first hit and keeps the marks on it', () => {
    const text = `${'前'.repeat(100)}王者荣耀点卡${'后'.repeat(200)}`;
    const s = snippet(text, ['点卡']);
    expect(s.text.startsWith('…')).toBe(true);
    expect(s.text.endsWith('…')).toBe(true);
    const [[start, end]] = s.ranges as [[number, number]];
    expect(s.text.slice(start, end)).toBe('点卡');
    expect(snippet('短句 点卡', ['点卡'])).toEqual({ text: '短句 点卡', ranges: [[3, 5]] });
  });
});
