// Ranking of verified matches: recent first, lifted by how strongly a conversation matches.

const DAY_MS = 86_400_000;

export interface MatchStats {
  /** Newest message time of the conversation. */
  lastAt: string;
  /** Messages that contain a query part. */
  messageHits: number;
  /** The subject contains a query part. */
  subjectHit: boolean;
  /** Long query words the segmenter also found as words in this conversation. */
  wordHits: number;
}

/**
 * A week of age costs one point; a subject hit, each whole-word hit and every doubling of
 * matching messages earn one. So a conversation that is about the query beats a newer one
 * that mentions it once in passing, but not one that is a month newer.
 */
export function scoreOf(m: MatchStats, now: number): number {
  const ageDays = Math.max(0, now - Date.parse(m.lastAt)) / DAY_MS;
  return -ageDays / 7 + Math.log2(1 + m.messageHits) + (m.subjectHit ? 1 : 0) + m.wordHits;
}

/** Best first; equal scores newest first. */
export function rankMatches<T extends MatchStats>(matches: readonly T[], now: number): T[] {
  return matches
    .map((m) => ({ m, score: scoreOf(m, now) }))
    .sort((a, b) => b.score - a.score || (a.m.lastAt < b.m.lastAt ? 1 : a.m.lastAt > b.m.lastAt ? -1 : 0))
    .map((s) => s.m);
}
