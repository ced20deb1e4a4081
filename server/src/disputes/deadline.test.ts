import { describe, expect, it } from 'vitest';
import { chinaTime, isOverdue, reviewDueAt } from './deadline';

describe('dispute review deadline', () => {
  const opened = new Date('2026-11-22T06:30:00.000Z');

  it('is 24 hours after opening', () => {
    expect(reviewDueAt(opened).toISOString()).toBe('2026-11-23T06:30:00.000Z');
  });

  it('is overdue only while open and past it', () => {
    const due = reviewDueAt(opened);
    expect(isOverdue('open', due, new Date('2026-11-23T06:30:00.000Z'))).toBe(false);
    expect(isOverdue('open', due, new Date('2026-11-23T06:30:00.001Z'))).toBe(true);
    expect(isOverdue('decided', due, new Date('2026-12-01T00:00:00.000Z'))).toBe(false);
  });

  it('reads in Beijing time', () => {
    expect(chinaTime(reviewDueAt(opened))).toBe('11月23日 14:30');
  });
});
