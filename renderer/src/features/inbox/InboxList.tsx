import { useVirtualizer } from '@tanstack/react-virtual';
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { loadSlices, type InboxRow, type InboxView } from '../../data';
import { uiStore, useUi } from '../../stores/ui';
import { useWorkstation } from '../workspace/workstation';
import { InboxItem } from './InboxItem';
import { afterLoad, initialPages, locate, pagesFor, pageStart, slicesFor, totalRows } from './pages';
import { useViewContext } from './useViewContext';
import './inbox.css';

/** Rows per page; the pages around the viewport are read, a few hundred rows at most. */
const PAGE = 60;
/** Must match `.inbox-item` height in inbox.css. */
const ROW_HEIGHT = 84;

interface LoadedPage {
  upper: string | null;
  lower: string | null;
  rows: InboxRow[];
}

/**
 * One inbox view (mount one per view), virtualized. A live query reads only the pages
 * (key ranges by lastMessageAt, see pages.ts) near what is on screen, so a cache of
 * 100,000 conversations costs what the agent looks at, wherever they scroll.
 */
export function InboxList({ view }: { view: InboxView }) {
  const { t } = useTranslation();
  const { db } = useWorkstation();
  const ctx = useViewContext();
  const selectedId = useUi((s) => s.selectedId);
  const openId = useUi((s) => s.openId);
  const checked = useUi((s) => s.checked);
  const checkedSet = useMemo(() => new Set(checked), [checked]);
  const [pages, setPages] = useState(initialPages);

  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: totalRows(pages),
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
  });
  const items = virtualizer.getVirtualItems();
  const [first, last] = pagesFor(pages, items[0]?.index ?? 0, items.at(-1)?.index ?? 0);
  const slices = slicesFor(pages, first, last, PAGE);
  const key = JSON.stringify(slices);

  // While new pages load, useLiveQuery keeps returning the previous result.
  const loaded = useLiveQuery(async () => {
    const read = await loadSlices(db, view, ctx, slices);
    return { key, first, read, pages: read.map((p, i): LoadedPage => ({ upper: slices[i]!.upper, lower: slices[i]!.lower, rows: p.rows })) };
  }, [db, view, ctx, key]); // `key` stands for `slices`

  useEffect(() => {
    if (!loaded) return;
    // A result read for boundaries that have moved since is ignored; the query reruns for the new ones.
    setPages((p) => {
      const fresh = JSON.stringify(slicesFor(p, loaded.first, loaded.first + loaded.read.length - 1, PAGE)) === loaded.key;
      return fresh ? afterLoad(p, loaded.first, loaded.read, PAGE) : p;
    });
  }, [loaded]);

  const rowsByUpper = useMemo(() => new Map((loaded?.pages ?? []).map((p) => [`${p.upper}|${p.lower}`, p.rows])), [loaded]);
  const rowAt = (index: number): InboxRow | undefined => {
    const { page, offset } = locate(pages, index);
    const lower = page === pages.uppers.length - 1 ? null : (pages.uppers[page + 1] ?? null);
    return rowsByUpper.get(`${pages.uppers[page] ?? null}|${lower}`)?.[offset];
  };

  const loadedIds = useMemo(() => (loaded?.pages ?? []).flatMap((p) => p.rows.map((r) => r.conversation.id)), [loaded]);
  useEffect(() => {
    uiStore.getState().setListIds(loadedIds);
  }, [loadedIds]);

  // The selected row's place in the whole list, so j/k keep it on screen.
  let selectedIndex = -1;
  if (loaded && selectedId) {
    loaded.pages.forEach((p, i) => {
      const offset = p.rows.findIndex((r) => r.conversation.id === selectedId);
      if (offset >= 0) selectedIndex = pageStart(pages, loaded.first + i) + offset;
    });
  }
  useEffect(() => {
    if (selectedIndex >= 0) virtualizer.scrollToIndex(selectedIndex, { align: 'auto' });
  }, [selectedIndex, virtualizer]);

  const empty = loaded !== undefined && totalRows(pages) === 0 && loadedIds.length === 0;
  return (
    <div
      className="inbox"
      ref={scrollRef}
      role="listbox"
      tabIndex={0}
      aria-label={t('inbox.label')}
      aria-multiselectable="true"
      aria-activedescendant={selectedIndex >= 0 ? `inbox-item-${selectedId}` : undefined}
      data-testid="inbox-list"
    >
      {empty && <p className="inbox-empty">{t('inbox.empty')}</p>}
      <div className="inbox-track" style={{ height: virtualizer.getTotalSize() }}>
        {items.map((item) => {
          const row = rowAt(item.index);
          if (!row) return <div key={`pending-${item.index}`} className="inbox-item is-loading" style={{ transform: `translateY(${item.start}px)` }} />;
          const id = row.conversation.id;
          return (
            <InboxItem
              key={id}
              row={row}
              top={item.start}
              selected={id === selectedId}
              open={id === openId}
              checked={checkedSet.has(id)}
              onOpen={(e) => {
                if (e.ctrlKey || e.metaKey) uiStore.getState().toggleChecked(id);
                else uiStore.getState().open(id);
              }}
            />
          );
        })}
      </div>
    </div>
  );
}
