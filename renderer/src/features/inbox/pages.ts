import type { Page, Slice } from '../../data';

// A long inbox view is cut into pages by lastMessageAt boundaries: page i holds the rows
// from uppers[i + 1] (inclusive) up to uppers[i] (exclusive), the last page everything
// older. Only the pages near the viewport are read, each as one key range, so scrolling
// anywhere in 100,000 conversations reads a few hundred rows. Boundaries are keys, not
// offsets: rows arriving or leaving change a page's size, never which rows it holds, so
// nothing is skipped or shown twice. Sizes of pages out of reach are as last read.

export interface Pages {
  /** uppers[0] is null (the newest end); the rest are boundaries, newest first. */
  uppers: Array<string | null>;
  sizes: number[];
}

export const initialPages = (): Pages => ({ uppers: [null], sizes: [0] });

/** A page read fully must stay small; past this many rows it is split in two. */
const splitAbove = (pageSize: number) => 2 * pageSize;

export function totalRows(p: Pages): number {
  return p.sizes.reduce((a, b) => a + b, 0);
}

/** The key ranges to read for pages first..last. The last page is read up to a page's worth at a time. */
export function slicesFor(p: Pages, first: number, last: number, pageSize: number): Slice[] {
  const out: Slice[] = [];
  for (let i = first; i <= last; i++) {
    const tail = i === p.uppers.length - 1;
    out.push({ upper: p.uppers[i] ?? null, lower: tail ? null : (p.uppers[i + 1] ?? null), limit: tail ? pageSize : 2 * splitAbove(pageSize) });
  }
  return out;
}

interface LoadedRow {
  conversation: { lastMessageAt: string };
}

/**
 * Takes in what was read for pages starting at `first`: records their sizes, grows the
 * list past a full last page, splits pages grown too big and drops emptied ones. Returns
 * `p` itself when nothing changed.
 */
export function afterLoad(p: Pages, first: number, loaded: ReadonlyArray<Page<LoadedRow>>, pageSize: number): Pages {
  const uppers = [...p.uppers];
  const sizes = [...p.sizes];
  // Walk backwards so that splitting or dropping a page leaves earlier indexes valid.
  for (let k = loaded.length - 1; k >= 0; k--) {
    const i = first + k;
    const { rows, hasMore } = loaded[k]!;
    const tail = i === uppers.length - 1;
    const at = (row: LoadedRow | undefined) => row?.conversation.lastMessageAt;
    if (tail && hasMore) {
      // Everything at or after the oldest row read stays here; older rows form a new last page.
      const boundary = at(rows.at(-1));
      if (boundary !== undefined && boundary !== uppers[i]) {
        uppers.push(boundary);
        sizes[i] = rows.length;
        sizes.push(0);
        continue;
      }
    }
    if (!tail && rows.length > splitAbove(pageSize)) {
      const boundary = at(rows[pageSize]);
      if (boundary !== undefined && boundary !== uppers[i]) {
        const upperPart = rows.filter((r) => at(r)! >= boundary).length;
        uppers.splice(i + 1, 0, boundary);
        sizes.splice(i, 1, upperPart, rows.length - upperPart);
        continue;
      }
    }
    if (rows.length === 0 && i > 0 && !tail) {
      uppers.splice(i, 1);
      sizes.splice(i, 1);
      continue;
    }
    sizes[i] = rows.length;
  }
  const same = uppers.length === p.uppers.length && uppers.every((u, i) => u === p.uppers[i]) && sizes.every((s, i) => s === p.sizes[i]);
  return same ? p : { uppers, sizes };
}

/** Page and offset of a row index; the last page when past the end. */
export function locate(p: Pages, index: number): { page: number; offset: number } {
  let start = 0;
  for (let i = 0; i < p.sizes.length; i++) {
    const size = p.sizes[i]!;
    if (index < start + size) return { page: i, offset: index - start };
    start += size;
  }
  const last = p.sizes.length - 1;
  return { page: last, offset: index - (start - (p.sizes[last] ?? 0)) };
}

/** Row index where a page starts. */
export function pageStart(p: Pages, page: number): number {
  let start = 0;
  for (let i = 0; i < page; i++) start += p.sizes[i]!;
  return start;
}

/** Pages to keep live for rows first..last on screen: those, and the page after, so the list can grow. */
export function pagesFor(p: Pages, firstRow: number, lastRow: number): [number, number] {
  const first = locate(p, Math.max(0, firstRow)).page;
  const last = Math.min(p.uppers.length - 1, locate(p, Math.max(firstRow, lastRow)).page + 1);
  return [first, last];
}
