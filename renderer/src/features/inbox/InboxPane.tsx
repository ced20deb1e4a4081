import { useTranslation } from 'react-i18next';
import { uiStore, useUi } from '../../stores/ui';
import { act } from '../commands/run';
import { SearchResults } from '../search/SearchResults';
import { useWorkstation } from '../workspace/workstation';
import { InboxList } from './InboxList';
import { labelText, viewLabel } from './view-names';

/** The middle-left column: the current view (or search results) with bulk actions over the ticked rows. */
export function InboxPane() {
  const { t } = useTranslation();
  const view = useUi((s) => s.view);
  const searching = useUi((s) => s.searchQuery.trim() !== '');
  return (
    <section className="inbox-pane" aria-label={t('inbox.label')}>
      <header className="inbox-header">
        <h2 data-testid="inbox-title">{searching ? t('search.title') : labelText(t, viewLabel(view))}</h2>
        <BulkBar />
      </header>
      {searching ? <SearchResults /> : <InboxList key={view} view={view} />}
    </section>
  );
}

function BulkBar() {
  const { t } = useTranslation();
  const ws = useWorkstation();
  const count = useUi((s) => s.checked.length);
  if (count === 0) return null;
  return (
    <div className="bulk-bar" role="toolbar" aria-label={t('bulk.label')} data-testid="bulk-bar">
      <span className="bulk-count">{t('bulk.count', { count })}</span>
      <button type="button" onClick={() => void act(ws, { type: 'resolve' })} data-testid="bulk-resolve">
        {t('commands.resolve')} <kbd>e</kbd>
      </button>
      <button type="button" onClick={() => void act(ws, { type: 'assign', assigneeId: ws.agent.id })} data-testid="bulk-assign-me">
        {t('commands.assignToMe')} <kbd>a</kbd>
      </button>
      <button type="button" onClick={() => uiStore.getState().setOverlay('status')} data-testid="bulk-status">
        {t('commands.status')} <kbd>s</kbd>
      </button>
      <button type="button" onClick={() => void act(ws, { type: 'markRead' })} data-testid="bulk-read">
        {t('commands.markRead')} <kbd>m</kbd>
      </button>
      <button type="button" onClick={() => uiStore.getState().setChecked([])}>
        {t('commands.clearChecked')} <kbd>Esc</kbd>
      </button>
    </div>
  );
}
