import { describe, expect, it } from 'vitest';
import type { Page, Slice } from '../../data';
import { afterLoad, initialPages, locate, pagesFor, pageStart, slicesFor, totalRows, type Pages } from './pages';

interface Row {
  conversation: { id: string; lastMessageAt: string };
}
const PAGE = 10;
const at = (n: number) => new Date(Date.UTC(2026, 0, 1) + n * 1000).toISOString();

/** An in-memory view with the semantics of loadSlices: [lower, upper), newest first, limited. */
function view(times: number[]) {
  let rows: Row[] = times.map((t, i) => ({ conversation: { id: `c${i}`, lastMessageAt: at(t) } }));
  const read = (slices: Slice[]): Array<Page<Row>> =>
    slices.map((s) => {
      const inRange = rows
        .filter((r) => (s.upper === null || r.conversation.lastMessageAt < s.upper) && (s.lower === null || r.conversation.lastMessageAt >= s.lower))
        .sort((a, b) => (a.conversation.lastMessageAt < b.conversation.lastMessageAt ? 1 : -1));
      return { rows: inRange.slice(0, s.limit), hasMore: inRange.length > s.limit };
    });
  return {
    read,
    set: (next: Row[]) => (rows = next),
    get rows() {
      return rows;
    },
  };
}

/** Scrolls from the top to the end, a screen of 5 rows at a time, and returns what was shown in order. */
function scrollThrough(v: ReturnType<typeof view>, start: Pages = initialPages()): { pages: Pages; shown: string[] } {
  let pages = start;
  const shown: string[] = [];
  for (let top = 0; ; top += 5) {
    // Load until the pages around this screen settle, as the live query would.
    for (let guard = 0; guard < 10; guard++) {
      const [first, last] = pagesFor(pages, top, top + 4);
      const next = afterLoad(pages, first, v.read(slicesFor(pages, first, last, PAGE)), PAGE);
      if (next === pages) break;
      pages = next;
    }
    if (top >= totalRows(pages)) break;
    const [first, last] = pagesFor(pages, top, top + 4);
    const loaded = v.read(slicesFor(pages, first, last, PAGE));
    for (let row = top; row < Math.min(top + 5, totalRows(pages)); row++) {
      const { page, offset } = locate(pages, row);
      shown.push(loaded[page - first]!.rows[offset]!.conversation.id);
    }
  }
  return { pages, shown };
}

describe('inbox pages', () => {
  it('grows a page at a time as the agent scrolls, each row once, newest first', () => {
    const v = view(Array.from({ length: 95 }, (_, i) => i));
    const { pages, shown } = scrollThrough(v);
    expect(shown).toEqual(Array.from({ length: 95 }, (_, i) => `c${94 - i}`));
    expect(totalRows(pages)).toBe(95);
    expect(pages.uppers.length).toBeGreaterThanOrEqual(9);
    expect(pageStart(pages, 2)).toBe(pages.sizes[0]! + pages.sizes[1]!);
  });

  it('keeps every row exactly once when rows arrive, move to the top and leave', () => {
    const v = view(Array.from({ length: 60 }, (_, i) => i * 2));
    const { pages } = scrollThrough(v);
    // New conversations on top, an old one bumped to the newest, one resolved away.
    const rows = v.rows.filter((r) => r.conversation.id !== 'c30');
    for (let i = 0; i < 25; i++) rows.push({ conversation: { id: `n${i}`, lastMessageAt: at(1000 + i) } });
    rows.find((r) => r.conversation.id === 'c3')!.conversation.lastMessageAt = at(2000);
    v.set(rows);

    const { shown } = scrollThrough(v, pages);
    const expected = [...rows].sort((a, b) => (a.conversation.lastMessageAt < b.conversation.lastMessageAt ? 1 : -1)).map((r) => r.conversation.id);
    expect(shown).toEqual(expected);
  });

  it('splits a page that grew too big and drops one that emptied', () => {
    let pages: Pages = { uppers: [null, at(50), at(10)], sizes: [5, 5, 5] };
    const rows = (n: number, from: number) => Array.from({ length: n }, (_, i) => ({ conversation: { lastMessageAt: at(from - i) } }));
    pages = afterLoad(pages, 0, [{ rows: rows(25, 100), hasMore: false }], PAGE);
    expect(pages.uppers).toEqual([null, at(90), at(50), at(10)]);
    expect(pages.sizes).toEqual([11, 14, 5, 5]);
    pages = afterLoad(pages, 2, [{ rows: [], hasMore: false }], PAGE);
    expect(pages.uppers).toEqual([null, at(90), at(10)]);
    expect(pages.sizes).toEqual([11, 14, 5]);
  });
});
