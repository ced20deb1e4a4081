import { describe, expect, it } from 'vitest';
import { formatMoney, formatTime } from './format';

describe('format', () => {
  const now = new Date(2026, 10, 22, 15, 0).getTime();

  it('shows only the time for today and the date before that', () => {
    expect(formatTime(new Date(2026, 10, 22, 9, 5).toISOString(), 'zh-CN', now)).toBe('09:05');
    expect(formatTime(new Date(2026, 10, 20, 21, 30).toISOString(), 'zh-CN', now)).toMatch(/11.20.*21:30/);
    expect(formatTime('not a date', 'en', now)).toBe('');
  });

  it('shows amounts in yuan', () => {
    expect(formatMoney(10050, 'zh-CN')).toBe('¥100.50');
    expect(formatMoney(10050, 'en')).toMatch(/100\.50/);
  });
});
