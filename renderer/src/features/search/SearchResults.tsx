import { useLiveQuery } from 'dexie-react-hooks';
import { useDeferredValue, useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatTime } from '../../app/format';
import { Marked } from '../../app/Marked';
import { searchLocal, type SearchHit } from '../../data';
import { uiStore, useUi } from '../../stores/ui';
import { ChannelIcon } from '../inbox/ChannelIcon';
import { useWorkstation } from '../workspace/workstation';

/** Results shown; search narrows by typing more, not by scrolling far. */
const LIMIT = 50;

/** Conversations matching the search box, best first, hits marked; j/k and Enter work as in the inbox. */
export function SearchResults() {
  const { t } = useTranslation();
  const { db } = useWorkstation();
  const query = useDeferredValue(useUi((s) => s.searchQuery));
  const selectedId = useUi((s) => s.selectedId);
  const openId = useUi((s) => s.openId);
  // Live: results follow new messages and the index catching up.
  const result = useLiveQuery(async () => {
    const started = performance.now();
    const hits = await searchLocal(db, query, { limit: LIMIT });
    return { query, hits, ms: Math.round(performance.now() - started) };
  }, [db, query]);
  const ids = useMemo(() => result?.hits.map((h) => h.conversation.id) ?? [], [result]);

  useEffect(() => {
    uiStore.getState().setListIds(ids);
  }, [ids]);
  useEffect(() => {
    if (selectedId) document.getElementById(`search-hit-${selectedId}`)?.scrollIntoView({ block: 'nearest' });
  }, [selectedId]);

  return (
    <div
      className="inbox search-results"
      role="listbox"
      tabIndex={0}
      aria-label={t('search.title')}
      aria-busy={result?.query !== query}
      aria-activedescendant={selectedId && ids.includes(selectedId) ? `search-hit-${selectedId}` : undefined}
      data-testid="search-results"
    >
      {result && (
        <p className="search-summary" role="status">
          {t('search.summary', { count: result.hits.length, ms: result.ms })}
        </p>
      )}
      {result?.hits.map((hit) => (
        <Hit key={hit.conversation.id} hit={hit} selected={hit.conversation.id === selectedId} open={hit.conversation.id === openId} />
      ))}
    </div>
  );
}

function Hit({ hit, selected, open }: { hit: SearchHit; selected: boolean; open: boolean }) {
  const { t, i18n } = useTranslation();
  const c = hit.conversation;
  return (
    <div
      id={`search-hit-${c.id}`}
      className={['search-hit', selected && 'is-selected', open && 'is-open'].filter(Boolean).join(' ')}
      role="option"
      aria-selected={selected}
      onClick={() => uiStore.getState().open(c.id)}
      data-testid="search-hit"
      data-conversation-id={c.id}
    >
      <div className="search-hit-line">
        <ChannelIcon channel={c.channel} />
        <span className="search-hit-subject">
          <Marked text={hit.subject.text} ranges={hit.subject.ranges} />
        </span>
        <time dateTime={hit.lastAt}>{formatTime(hit.lastAt, i18n.language)}</time>
      </div>
      {hit.snippet && (
        <p className="search-hit-snippet">
          <Marked text={hit.snippet.text} ranges={hit.snippet.ranges} />
        </p>
      )}
      <div className="search-hit-line muted">
        <span className={`chip status-${c.status}`}>{t(`status.${c.status}`)}</span>
        {c.cachedOnly && <span className="chip">{t('search.history')}</span>}
        <span>{t('search.hits', { count: hit.messageHits })}</span>
      </div>
    </div>
  );
}
