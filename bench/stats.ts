// Summaries the benchmarks report. Nearest-rank percentiles: every figure is a value that
// was actually measured, never an interpolation between two samples.

/** The p-th percentile (0 < p ≤ 100) of values sorted ascending; NaN for none. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export const median = (values: readonly number[]): number => percentile([...values].sort((a, b) => a - b), 50);

export const round1 = (n: number): number => Math.round(n * 10) / 10;

export interface Distribution {
  samples: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** p50/p95/p99/max of some samples (any order), rounded to 0.1. */
export function distribution(values: readonly number[]): Distribution {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    samples: sorted.length,
    p50: round1(percentile(sorted, 50)),
    p95: round1(percentile(sorted, 95)),
    p99: round1(percentile(sorted, 99)),
    max: round1(sorted.at(-1) ?? Number.NaN),
  };
}

/** Units per second, whole. */
export const perSecond = (count: number, ms: number): number => Math.round(count / (ms / 1000));
