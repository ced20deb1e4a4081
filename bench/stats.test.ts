import { describe, expect, it } from 'vitest';
import { distribution, median, percentile, perSecond } from './stats';

describe('percentile', () => {
  const hundred = Array.from({ length: 100 }, (_, i) => i + 1);

  it('is the nearest rank: a value that was measured', () => {
    expect(percentile(hundred, 50)).toBe(50);
    expect(percentile(hundred, 95)).toBe(95);
    expect(percentile(hundred, 99)).toBe(99);
    expect(percentile(hundred, 100)).toBe(100);
    expect(percentile([1, 2, 3, 4], 50)).toBe(2);
    expect(percentile([1, 2, 3, 4], 51)).toBe(3);
  });

  it('stays inside the samples at the extremes', () => {
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([3, 9], 0.1)).toBe(3);
    expect(percentile([], 50)).toBeNaN();
  });
});

describe('summaries', () => {
  it('takes the median of unsorted values without reordering them', () => {
    const values = [30, 10, 20];
    expect(median(values)).toBe(20);
    expect(values).toEqual([30, 10, 20]);
  });

  it('describes a distribution with a slow tail', () => {
    const frames = [...Array.from({ length: 98 }, () => 16.7), 50.04, 100];
    expect(distribution(frames)).toEqual({ samples: 100, p50: 16.7, p95: 16.7, p99: 50, max: 100 });
  });

  it('turns a count over milliseconds into a rate', () => {
    expect(perSecond(5000, 2000)).toBe(2500);
  });
});
