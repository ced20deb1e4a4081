import { describe, expect, it } from 'vitest';
import { rankMatches, type MatchStats } from './rank';

const NOW = Date.UTC(2026, 10, 22, 12);
const daysAgo = (d: number) => new Date(NOW - d * 86_400_000).toISOString();
const match = (id: string, patch: Partial<MatchStats>) => ({ id, lastAt: daysAgo(0), messageHits: 1, subjectHit: false, wordHits: 0, ...patch });
const order = (ms: Array<ReturnType<typeof match>>) => rankMatches(ms, NOW).map((m) => m.id);

describe('ranking', () => {
  it('puts recent conversations first when they match alike', () => {
    expect(order([match('old', { lastAt: daysAgo(3) }), match('new', { lastAt: daysAgo(1) }), match('mid', { lastAt: daysAgo(2) })])).toEqual([
      'new',
      'mid',
      'old',
    ]);
  });

  it('lifts a conversation about the query above a slightly newer passing mention', () => {
    const about = match('about', { lastAt: daysAgo(4), messageHits: 7, subjectHit: true });
    const passing = match('passing', { lastAt: daysAgo(1), messageHits: 1 });
    expect(order([passing, about])).toEqual(['about', 'passing']);
    const monthNewer = match('recent', { lastAt: daysAgo(0), messageHits: 1 });
    expect(order([match('stale', { lastAt: daysAgo(40), messageHits: 7, subjectHit: true }), monthNewer])).toEqual(['recent', 'stale']);
  });

  it('counts whole-word hits and breaks ties by time', () => {
    expect(order([match('pairs', {}), match('word', { wordHits: 1 })])).toEqual(['word', 'pairs']);
    const t = daysAgo(2);
    expect(order([match('a', { lastAt: t }), match('b', { lastAt: daysAgo(1.99999) })])).toEqual(['b', 'a']);
  });
});
