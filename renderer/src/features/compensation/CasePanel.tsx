import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { CompensationListResponse } from '../../../../protocol';
import { formatMoney, formatTime } from '../../app/format';
import { connectionStateOf } from '../../data';
import { disputesKey, DisputeSummary, useDisputes } from '../disputes/DisputeDialog';
import { useMaySecure } from '../security/SecurityDialogs';
import { useSyncStatus, useWorkstation } from '../workspace/workstation';
import { runCaseAction, useCase, type CaseAction } from './casework';
import { failureOf } from '../../app/failure';
import { BINDINGS, keyLabel } from '../shortcuts/keymap';
import './compensation.css';

export const compensationsKey = (conversationId: string) => ['compensations', conversationId] as const;

/**
 * In the customer panel, for the open conversation: the casework actions with their keys,
 * the compensations granted on it and its disputes. The lists come from the server, so
 * offline they say they need the network.
 */
export function CasePanel({ conversationId }: { conversationId: string }) {
  const { t } = useTranslation();
  const { db } = useWorkstation();
  const offline = connectionStateOf(useSyncStatus()) === 'offline';
  const secure = useMaySecure();
  const run = (action: CaseAction) => void runCaseAction(action, db);
  const noOrder = useCase((s) => s.lookup?.conversationId === conversationId && s.lookup.orderId === null);
  // Grants, disputes and their verdicts each post a message on the ticket, whoever made them
  // (a colleague, the automatic supplier check): a new message is the cue to read the lists again.
  const queryClient = useQueryClient();
  const lastMessageAt = useLiveQuery(async () => (await db.conversations.get(conversationId))?.lastMessageAt, [db, conversationId]);
  useEffect(() => {
    if (lastMessageAt === undefined) return;
    void queryClient.invalidateQueries({ queryKey: compensationsKey(conversationId) });
    void queryClient.invalidateQueries({ queryKey: disputesKey(conversationId) });
  }, [queryClient, conversationId, lastMessageAt]);
  return (
    <>
      {noOrder && (
        <p className="notice" role="status" data-testid="supplier-no-order">
          {t('suppliers.noOrder')}
        </p>
      )}
      <section className="case-actions" data-testid="case-actions">
        <button type="button" onClick={() => run({ do: 'compensate', kind: null })} data-testid="case-compensate">
          {t('compensation.title')} <CaseKey action={{ do: 'compensate', kind: null }} />
        </button>
        <button type="button" onClick={() => run({ do: 'dispute' })} data-testid="case-dispute">
          {t('disputes.section')} <CaseKey action={{ do: 'dispute' }} />
        </button>
        {secure && (
          <>
            <button type="button" onClick={() => run({ do: 'freeze' })} data-testid="case-freeze">
              {t('security.freezeCommand')} <CaseKey action={{ do: 'freeze' }} />
            </button>
            <button type="button" onClick={() => run({ do: 'transactions' })} data-testid="case-transactions">
              {t('security.transactionsCommand')} <CaseKey action={{ do: 'transactions' }} />
            </button>
          </>
        )}
      </section>
      <CompensationHistory conversationId={conversationId} offline={offline} />
      <DisputeList conversationId={conversationId} offline={offline} />
    </>
  );
}

function CompensationHistory({ conversationId, offline }: { conversationId: string; offline: boolean }) {
  const { t, i18n } = useTranslation();
  const { api } = useWorkstation();
  const query = useQuery({
    queryKey: compensationsKey(conversationId),
    queryFn: () => api.get(`/api/compensations?conversationId=${encodeURIComponent(conversationId)}`, CompensationListResponse),
    enabled: !offline,
    retry: false,
    staleTime: 30_000,
  });
  const list = query.data?.compensations;
  return (
    <section>
      <h3>{t('compensation.history')}</h3>
      {offline && !list && <p className="muted">{t('compensation.historyOffline')}</p>}
      {query.isError && (
        <p className="notice notice-error">
          {failureOf(query.error).kind === 'network' ? t('compensation.historyOffline') : t('compensation.historyFailed', { message: (query.error as Error).message })}
        </p>
      )}
      {list && list.length === 0 && <p className="muted">{t('compensation.historyEmpty')}</p>}
      {list && list.length > 0 && (
        <ul className="compensations" data-testid="compensations">
          {list.map((c) => (
            <li key={c.id} data-testid="compensation" data-kind={c.kind}>
              <div className="order-line">
                <span>
                  {t(`compensation.kinds.${c.kind}`)} {formatMoney(c.amountCents, i18n.language)}
                  {c.percent !== null && ` (${c.percent}%)`}
                </span>
                <span className="chip">{t(`compensation.settlement.${c.settlementStatus}`)}</span>
              </div>
              <div className="muted">
                {c.cause} · {t(`compensation.liableParty.${c.liable}`)}
                {c.supplier && c.liable === 'supplier' && ` (${c.supplier})`}
              </div>
              <div className="muted">{t('compensation.by', { name: c.createdBy.name, time: formatTime(c.createdAt, i18n.language) })}</div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function DisputeList({ conversationId, offline }: { conversationId: string; offline: boolean }) {
  const { t } = useTranslation();
  const query = useDisputes(conversationId, !offline);
  const list = query.data?.disputes;
  if (!list || list.length === 0) {
    return query.isError && !offline ? (
      <p className="notice notice-error">{t('disputes.loadFailed', { message: (query.error as Error).message })}</p>
    ) : null;
  }
  return (
    <section>
      <h3>{t('disputes.section')}</h3>
      {list.map((d) => (
        <DisputeSummary key={d.id} dispute={d} />
      ))}
    </section>
  );
}

/** The key bound to a casework command, as the help overlay shows it. */
function CaseKey({ action }: { action: CaseAction }) {
  const binding = BINDINGS.find((b) => b.command.type === 'case' && JSON.stringify(b.command.action) === JSON.stringify(action));
  return binding ? <kbd>{keyLabel(binding.keys[0]!)}</kbd> : null;
}
