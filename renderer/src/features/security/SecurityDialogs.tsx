import { useMutation, useQuery } from '@tanstack/react-query';
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FreezeResponse, TransactionFlowResponse } from '../../../../protocol';
import { formatMoney, formatTime } from '../../app/format';
import { connectionStateOf } from '../../data';
import { CaseDialog, closeCaseDialog } from '../compensation/CaseDialog';
import { failureOf } from '../../app/failure';
import { FailureNotice } from '../../app/FailureNotice';
import { useSyncStatus, useWorkstation } from '../workspace/workstation';
import { maySecure } from './access';
import './security.css';

function useCustomerOf(conversationId: string) {
  const { db } = useWorkstation();
  return useLiveQuery(async () => {
    const c = await db.conversations.get(conversationId);
    return c ? ((await db.customers.get(c.customerId)) ?? null) : null;
  }, [db, conversationId]);
}

export function useMaySecure(): boolean {
  const { db, agent } = useWorkstation();
  return useLiveQuery(async () => maySecure(agent, await db.teams.toArray()), [db, agent], false);
}

/** Freeze or unfreeze the customer's account: a reason, then an explicit confirmation. */
export function FreezeDialog({ conversationId }: { conversationId: string }) {
  const { t } = useTranslation();
  const { api, engine } = useWorkstation();
  const offline = connectionStateOf(useSyncStatus()) === 'offline';
  const allowed = useMaySecure();
  const customer = useCustomerOf(conversationId);
  const [reason, setReason] = useState('');
  const [shown, setShown] = useState(false);
  const mutation = useMutation({
    mutationFn: ({ id, freeze }: { id: string; freeze: boolean }) =>
      api.post(`/api/customers/${encodeURIComponent(id)}/${freeze ? 'freeze' : 'unfreeze'}`, { reason: reason.trim(), conversationId }, FreezeResponse),
    // The flag reaches the panel through sync; pull now rather than wait for the poke.
    onSuccess: () => engine.syncNow(),
  });
  if (!customer) return null;
  const freeze = !customer.frozen;
  const result = mutation.data;
  return (
    <CaseDialog title={t(freeze ? 'security.freezeTitle' : 'security.unfreezeTitle')} testId="freeze-dialog">
      {result ? (
        <p className="notice" role="status" data-testid="freeze-result">
          {result.changed ? t(result.frozen ? 'security.doneFrozen' : 'security.doneUnfrozen') : t('security.unchanged')}
        </p>
      ) : (
        <form
          className="case-form"
          onSubmit={(e) => {
            e.preventDefault();
            setShown(true);
            if (reason.trim() !== '' && !mutation.isPending) mutation.mutate({ id: customer.id, freeze });
          }}
        >
          <p>{t(freeze ? 'security.freezeText' : 'security.unfreezeText', { name: customer.name })}</p>
          {!allowed && <p className="notice notice-error">{t('security.notAllowed')}</p>}
          <label>
            {t('security.reason')}
            <textarea value={reason} onChange={(e) => setReason(e.target.value)} rows={2} maxLength={500} data-testid="freeze-reason" />
          </label>
          {shown && reason.trim() === '' && (
            <p className="notice notice-error" role="alert">
              {t('security.reasonRequired')}
            </p>
          )}
          {offline && <p className="notice">{t('security.offline')}</p>}
          {mutation.isError && <FailureNotice failure={failureOf(mutation.error)} prefix="security" testId="security-error" />}
          <div className="form-actions">
            <button type="submit" className={freeze ? 'danger' : 'primary'} disabled={offline || mutation.isPending} data-testid="freeze-confirm">
              {mutation.isPending ? t('security.working') : t(freeze ? 'security.confirmFreeze' : 'security.confirmUnfreeze')}
            </button>
            <button type="button" onClick={closeCaseDialog}>
              {t('security.cancel')}
            </button>
          </div>
        </form>
      )}
      {result && (
        <div className="form-actions">
          <button type="button" onClick={closeCaseDialog}>
            {t('security.close')}
          </button>
        </div>
      )}
    </CaseDialog>
  );
}

/** The customer's purchases and everything paid back, oldest first; the server records the look. */
export function TransactionsDialog({ conversationId }: { conversationId: string }) {
  const { t, i18n } = useTranslation();
  const { api } = useWorkstation();
  const offline = connectionStateOf(useSyncStatus()) === 'offline';
  const customer = useCustomerOf(conversationId);
  const query = useQuery({
    queryKey: ['transactions', customer?.id, conversationId],
    queryFn: () =>
      api.get(`/api/customers/${encodeURIComponent(customer!.id)}/transactions?conversationId=${encodeURIComponent(conversationId)}`, TransactionFlowResponse),
    enabled: !!customer && !offline,
    retry: false,
    staleTime: 0,
  });
  const money = (cents: number) => formatMoney(cents, i18n.language);
  const flow = query.data;
  return (
    <CaseDialog title={t('security.transactionsTitle', { name: flow?.customer.name ?? customer?.name ?? '' })} testId="transactions-dialog">
      {offline && <p className="notice">{t('security.offline')}</p>}
      {query.isFetching && <p className="muted">{t('security.transactionsLoading')}</p>}
      {query.isError && <FailureNotice failure={failureOf(query.error)} prefix="security" testId="security-error" />}
      {flow && (
        <>
          <p data-testid="transactions-totals">
            {t('security.totals', { paid: money(flow.totals.paidCents), refunded: money(flow.totals.refundedCents), compensated: money(flow.totals.compensatedCents) })}
            {flow.customer.frozen && <span className="chip frozen">{t('security.frozen')}</span>}
          </p>
          {flow.transactions.length === 0 ? (
            <p className="muted">{t('security.noTransactions')}</p>
          ) : (
            <table className="transactions" data-testid="transactions">
              <tbody>
                {flow.transactions.map((x, i) => (
                  <tr key={`${x.at}:${i}`} className={`tx-${x.direction}`}>
                    <td>
                      <time dateTime={x.at}>{formatTime(x.at, i18n.language)}</time>
                    </td>
                    <td>{t(`security.type.${x.type}`)}</td>
                    <td className="tx-amount">{x.direction === 'none' ? '—' : `${x.direction === 'out' ? '−' : '+'}${money(x.amountCents)}`}</td>
                    <td>{x.orderId ?? ''}</td>
                    <td className="tx-description">{x.description}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
      <div className="form-actions">
        <button type="button" onClick={closeCaseDialog}>
          {t('security.close')}
        </button>
      </div>
    </CaseDialog>
  );
}
