import { useEffect, useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { uiStore, useUi } from '../../stores/ui';
import { focusInbox } from '../commands/run';
import './search.css';

/** Local search over everything cached, offline too; `/` comes here, Enter opens the best result, ↓ goes to the results. */
export function SearchBox() {
  const { t } = useTranslation();
  const query = useUi((s) => s.searchQuery);
  const focus = useUi((s) => s.searchFocus);
  const inputRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (focus > 0) inputRef.current?.select();
  }, [focus]);

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    const ui = uiStore.getState();
    if (e.key === 'Enter') {
      e.preventDefault();
      const first = ui.listIds[0];
      if (first) ui.open(first);
      focusInbox();
    } else if (e.key === 'ArrowDown') {
      // Into the results, where j/k and Enter take over.
      e.preventDefault();
      ui.select(ui.listIds[0] ?? null);
      focusInbox();
    } else if (e.key === 'Escape' && query !== '') {
      // First Escape clears the search; the next leaves the box as usual.
      e.preventDefault();
      ui.setSearchQuery('');
    }
  };

  return (
    <input
      ref={inputRef}
      type="search"
      className="search-box"
      value={query}
      placeholder={t('search.placeholder')}
      aria-label={t('search.label')}
      onChange={(e) => uiStore.getState().setSearchQuery(e.target.value)}
      onKeyDown={onKeyDown}
      data-testid="search-input"
    />
  );
}
