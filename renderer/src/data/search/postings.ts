// Posting-list arithmetic on sorted arrays of distinct document numbers.

/** Every segment key of a term in table searchSegments; segment numbers and sizes are positive. */
export const termRange = (term: string): [unknown[], unknown[]] => [
  [term, 0, 0],
  [term, Infinity, Infinity],
];

/** Sorted, distinct union of two sorted lists, in one pass. */
function mergeTwo(a: Uint32Array, b: Uint32Array): Uint32Array {
  const out = new Uint32Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length || j < b.length) {
    const x = j >= b.length || (i < a.length && a[i]! <= b[j]!) ? a[i++]! : b[j++]!;
    if (n === 0 || out[n - 1] !== x) out[n++] = x;
  }
  return out.subarray(0, n);
}

/** Sorted, distinct union of sorted lists, merged pairwise (a term has a handful of segments). */
export function unionSorted(lists: readonly Uint32Array[]): Uint32Array {
  let round = [...lists];
  if (round.length === 0) return new Uint32Array(0);
  while (round.length > 1) {
    const next: Uint32Array[] = [];
    for (let i = 0; i < round.length; i += 2) next.push(i + 1 < round.length ? mergeTwo(round[i]!, round[i + 1]!) : round[i]!);
    round = next;
  }
  return round[0]!;
}

/** First index in `list` at or after `from` whose value is >= x (galloping, then binary search). */
function seek(list: Uint32Array, x: number, from: number): number {
  let step = 1;
  let hi = from;
  while (hi < list.length && list[hi]! < x) {
    from = hi + 1;
    hi += step;
    step *= 2;
  }
  hi = Math.min(hi, list.length);
  while (from < hi) {
    const mid = (from + hi) >>> 1;
    if (list[mid]! < x) from = mid + 1;
    else hi = mid;
  }
  return from;
}

/** Documents in both lists. Walks the shorter list and gallops through the longer, so a rare term against a common one stays cheap. */
export function intersectSorted(a: Uint32Array, b: Uint32Array): Uint32Array {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  const out = new Uint32Array(short.length);
  let n = 0;
  let j = 0;
  for (const x of short) {
    j = seek(long, x, j);
    if (j === long.length) break;
    if (long[j] === x) out[n++] = x;
  }
  return out.subarray(0, n);
}

export function hasDoc(list: Uint32Array, x: number): boolean {
  const i = seek(list, x, 0);
  return i < list.length && list[i] === x;
}

/**
 * Which of a term's segments (oldest first, by size) to merge with `incoming` new
 * postings: trailing segments are taken while one is no more than twice what is being
 * merged. Segments kept therefore at least double in size from newest to oldest, so a
 * term has O(log n) segments and each posting is rewritten O(log n) times.
 */
export function planMerge(sizes: readonly number[], incoming: number): number {
  let merged = incoming;
  let take = 0;
  for (let i = sizes.length - 1; i >= 0 && sizes[i]! <= 2 * merged; i--) {
    merged += sizes[i]!;
    take++;
  }
  return take;
}
