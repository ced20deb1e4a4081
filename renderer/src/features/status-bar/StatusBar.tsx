import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import { connectionStateOf } from '../../data';
import { LANGUAGES, setLanguage, type Language } from '../../i18n';
import { useSyncStatus, useWorkstation } from '../workspace/workstation';
import './status-bar.css';

export function StatusBar() {
  const { t, i18n } = useTranslation();
  const { db } = useWorkstation();
  const status = useSyncStatus();
  const state = connectionStateOf(status);
  // The outbox only ever holds this workstation's unsent actions, so counting it is cheap.
  const pending = useLiveQuery(() => db.outbox.count(), [db], 0);
  // The indexer drains its queue in the background; a backlog shows while it catches up after a sync.
  const indexing = useLiveQuery(() => db.searchQueue.count(), [db], 0);

  return (
    <footer className="status-bar">
      <span className={`connection connection-${state}`} data-testid="connection-state" data-state={state} role="status">
        {t(`connection.${state}`)}
      </span>
      {status.syncing && status.pulled > 0 && <span>{t('statusBar.received', { count: status.pulled })}</span>}
      {pending > 0 && <span data-testid="outbox-count">{t('statusBar.pending', { count: pending })}</span>}
      {indexing > 0 && <span data-testid="indexing">{t('statusBar.indexing', { count: indexing })}</span>}
      {state === 'offline' && status.lastError && (
        <span className="status-error">{t('statusBar.lastError', { message: status.lastError })}</span>
      )}
      <span className="spacer" />
      <label className="language">
        {t('statusBar.language')}
        <select
          value={i18n.language}
          onChange={(e) => void setLanguage(e.target.value as Language)}
          data-testid="lang-switch"
        >
          {LANGUAGES.map((lng) => (
            <option key={lng} value={lng}>
              {t(`language.${lng}`)}
            </option>
          ))}
        </select>
      </label>
    </footer>
  );
}
