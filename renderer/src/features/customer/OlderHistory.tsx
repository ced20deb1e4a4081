import { useQuery } from '@tanstack/react-query';
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { connectionStateOf, evictHistory, fetchHistoryPage, historyEntry, storeHistoryPage } from '../../data';
import { useUi } from '../../stores/ui';
import { useSyncStatus, useWorkstation } from '../workspace/workstation';

/**
 * Loads the customer's older conversations from the server, a page per request (button or
 * `h`), into the local cache where they stay readable offline until the size budget
 * evicts them. Needs the network, and says so when there is none.
 */
export function OlderHistory({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const { db, api } = useWorkstation();
  const offline = connectionStateOf(useSyncStatus()) === 'offline';
  // undefined while reading; null when nothing was fetched for this customer yet.
  const entry = useLiveQuery(() => historyEntry(db, customerId), [db, customerId]);
  const before = entry?.before ?? null;

  const query = useQuery({
    queryKey: ['customer-history', customerId, before],
    enabled: false,
    queryFn: async () => {
      const page = await fetchHistoryPage(api, customerId, before);
      await storeHistoryPage(db, customerId, page, Date.now());
      await evictHistory(db, new Set([customerId]));
      return page.conversations.length;
    },
  });
  const { refetch, isFetching } = query;
  const canLoad = entry !== undefined && !entry?.complete && !offline && !isFetching;
  const load = () => {
    if (canLoad) void refetch();
  };

  // `h` and the command palette ask through the UI store.
  const request = useUi((s) => s.historyRequest);
  const seen = useRef(request);
  useEffect(() => {
    if (request === seen.current) return;
    seen.current = request;
    if (canLoad) void refetch();
  }, [request, canLoad, refetch]);

  if (entry?.complete) return <p className="muted" data-testid="history-complete">{t('customer.historyComplete')}</p>;
  return (
    <div className="older-history">
      <button type="button" onClick={load} disabled={!canLoad} data-testid="history-load">
        {isFetching ? t('customer.historyLoading') : t('customer.historyLoad')} <kbd>h</kbd>
      </button>
      {offline && (
        <p className="notice" role="status" data-testid="history-offline">
          {t('customer.historyOffline')}
        </p>
      )}
      {query.isError && !offline && (
        <p className="notice notice-error" role="alert">
          {t('customer.historyFailed', { message: query.error instanceof Error ? query.error.message : String(query.error) })}
        </p>
      )}
    </div>
  );
}
