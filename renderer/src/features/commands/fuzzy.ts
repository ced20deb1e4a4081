import { pinyinInitials } from './pinyin';

export interface FuzzyMatch {
  score: number;
  /** Positions in the label that matched, for highlighting. */
  indices: number[];
}

/** A text prepared once for matching many queries. */
export interface FuzzyTarget {
  label: string;
  lower: string;
  initials: string;
  /** Extra words that match without being shown (English names of a Chinese label). */
  keywords: string;
}

export function fuzzyTarget(label: string, keywords = ''): FuzzyTarget {
  return { label, lower: label.toLowerCase(), initials: pinyinInitials(label), keywords: keywords.toLowerCase() };
}

const BOUNDARY = /[\s\-_/:·.,，、（）()]/;
const HAN = /\p{Script=Han}/u;

/** How much a hit at position j is worth before adjacency: starts of words count most. */
function positionBonus(text: string, original: string, j: number): number {
  if (j === 0) return 3;
  const prev = original[j - 1]!;
  if (BOUNDARY.test(prev)) return 2;
  const cur = original[j]!;
  if (cur !== text[j] && prev === prev.toLowerCase()) return 2; // camelCase hump
  return HAN.test(cur) ? 1 : 0;
}

const CONSECUTIVE = 3;
const GAP = 1;

/**
 * Best alignment of `query` as a subsequence of `text` (both lower-cased), by dynamic
 * programming: every query character must match in order; adjacent hits, word starts and
 * the very start score extra, each gap costs a little. Null when it is not a subsequence.
 */
function align(query: string, text: string, original: string): FuzzyMatch | null {
  const m = query.length;
  const n = text.length;
  if (m === 0) return { score: 0, indices: [] };
  if (m > n) return null;
  const NONE = -Infinity;
  // score[i][j]: best score with query[i] matched at text[j]; from[i][j]: where query[i-1] matched.
  const score = Array.from({ length: m }, () => new Float64Array(n).fill(NONE));
  const from = Array.from({ length: m }, () => new Int32Array(n).fill(-1));
  for (let i = 0; i < m; i++) {
    let bestBefore = NONE;
    let bestAt = -1;
    for (let j = i; j < n; j++) {
      // Best earlier match of query[i-1] that leaves a gap before j.
      if (i > 0 && j >= 2 && score[i - 1]![j - 2]! - GAP > bestBefore) {
        bestBefore = score[i - 1]![j - 2]! - GAP;
        bestAt = j - 2;
      }
      if (text[j] !== query[i]) continue;
      const bonus = 1 + positionBonus(text, original, j);
      if (i === 0) {
        score[0]![j] = bonus - j * 0.01;
        continue;
      }
      const adjacent = j > 0 ? score[i - 1]![j - 1]! + CONSECUTIVE : NONE;
      if (adjacent >= bestBefore && adjacent > NONE) {
        score[i]![j] = adjacent + bonus;
        from[i]![j] = j - 1;
      } else if (bestBefore > NONE) {
        score[i]![j] = bestBefore + bonus;
        from[i]![j] = bestAt;
      }
    }
  }
  let end = -1;
  for (let j = 0; j < n; j++) if (score[m - 1]![j]! > NONE && (end < 0 || score[m - 1]![j]! > score[m - 1]![end]!)) end = j;
  if (end < 0) return null;
  const indices: number[] = [];
  for (let i = m - 1, j = end; i >= 0; j = from[i]![j]!, i--) indices.unshift(j);
  return { score: score[m - 1]![end]!, indices };
}

/**
 * Matches a query against a label, the label's pinyin initials (so fpgw finds 分配给我)
 * and its keywords, case-insensitively; spaces in the query are ignored. Keyword hits
 * score lower and mark nothing.
 */
export function fuzzyMatch(query: string, target: FuzzyTarget): FuzzyMatch | null {
  const q = query.toLowerCase().replace(/\s+/g, '');
  if (q === '') return { score: 0, indices: [] };
  const direct = align(q, target.lower, target.label);
  const initials = align(q, target.initials, target.label);
  const best = direct && (!initials || direct.score >= initials.score) ? direct : initials;
  if (best) return best;
  const keyword = align(q, target.keywords, target.keywords);
  return keyword && { score: keyword.score - 5, indices: [] };
}

/** Items that match, best first; equal scores keep their order. */
export function fuzzyFilter<T>(query: string, items: readonly T[], targetOf: (item: T) => FuzzyTarget): Array<{ item: T; match: FuzzyMatch }> {
  const out: Array<{ item: T; match: FuzzyMatch; order: number }> = [];
  items.forEach((item, order) => {
    const match = fuzzyMatch(query, targetOf(item));
    if (match) out.push({ item, match, order });
  });
  return out.sort((a, b) => b.match.score - a.match.score || a.order - b.order).map(({ item, match }) => ({ item, match }));
}
