import { describe, expect, it } from 'vitest';
import { hasDoc, intersectSorted, planMerge, unionSorted } from './postings';

const u32 = (...xs: number[]) => Uint32Array.from(xs);

describe('posting lists', () => {
  it('unions into one sorted list without repeats', () => {
    expect([...unionSorted([u32(1, 5, 9), u32(2, 5, 10), u32()])]).toEqual([1, 2, 5, 9, 10]);
  });

  it('intersects lists of very different sizes', () => {
    const long = Uint32Array.from({ length: 10_000 }, (_, i) => i * 3);
    expect([...intersectSorted(u32(0, 4, 9, 29_997, 30_000), long)]).toEqual([0, 9, 29_997]);
    expect([...intersectSorted(long, u32())]).toEqual([]);
    const a = Uint32Array.from({ length: 500 }, (_, i) => i * 7);
    const b = Uint32Array.from({ length: 700 }, (_, i) => i * 5);
    expect([...intersectSorted(a, b)]).toEqual([...a].filter((x) => x % 5 === 0 && x < 3500));
  });

  it('finds single documents', () => {
    expect(hasDoc(u32(2, 4, 8), 4)).toBe(true);
    expect(hasDoc(u32(2, 4, 8), 5)).toBe(false);
    expect(hasDoc(u32(), 1)).toBe(false);
  });

  it('keeps few segments per term however many small batches arrive', () => {
    let sizes: number[] = [];
    let written = 0;
    for (let batch = 0; batch < 5000; batch++) {
      const incoming = 1 + (batch % 7);
      const take = planMerge(sizes, incoming);
      const merged = sizes.slice(sizes.length - take).reduce((a, b) => a + b, incoming);
      sizes = [...sizes.slice(0, sizes.length - take), merged];
      written += merged;
      for (let i = 1; i < sizes.length; i++) expect(sizes[i - 1]!).toBeGreaterThan(2 * sizes[i]!);
    }
    const total = sizes.reduce((a, b) => a + b, 0);
    expect(sizes.length).toBeLessThanOrEqual(Math.ceil(Math.log2(total)));
    // Each posting is rewritten a logarithmic number of times, not once per batch.
    expect(written / total).toBeLessThan(Math.log2(total) * 2);
  });
});
