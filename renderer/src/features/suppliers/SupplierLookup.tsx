import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ReissueResponse, type Order, type OrderSupplierResponse, type SupplierPart } from '../../../../protocol';
import { formatTime } from '../../app/format';
import { connectionStateOf } from '../../data';
import { caseStore, useCase } from '../compensation/casework';
import { attemptFor, type Attempt } from '../compensation/compensation-form';
import { failureOf } from '../../app/failure';
import { useSyncStatus, useWorkstation } from '../workspace/workstation';
import { supplierQuery } from './supplier-query';
import { ageOf, healthTone, lookupBanner, partView, type Age } from './supplier-view';
import './suppliers.css';

/** Under an order in the customer panel: what its upstream supplier says, once asked (click or `o`). */
export function SupplierLookup({ order, conversationId }: { order: Order; conversationId: string }) {
  const lookup = useCase((s) => s.lookup);
  if (!lookup || lookup.orderId !== order.id || lookup.conversationId !== conversationId) return null;
  return <LookupResult order={order} conversationId={conversationId} nonce={lookup.nonce} reissueAsk={lookup.reissueAsk} />;
}

function useAgeText() {
  const { t } = useTranslation();
  return (age: Age) => t(`suppliers.age.${age.unit}`, { count: age.count });
}

function LookupResult({ order, conversationId, nonce, reissueAsk }: { order: Order; conversationId: string; nonce: number; reissueAsk: number }) {
  const { t } = useTranslation();
  const ageText = useAgeText();
  const { api } = useWorkstation();
  const offline = connectionStateOf(useSyncStatus()) === 'offline';
  const ref = useRef<HTMLDivElement>(null);
  // One cache entry per order, fetched afresh on every ask: offline, the last answer stays readable with its age.
  const query = useQuery({ ...supplierQuery(api, order.id), enabled: false });
  const { refetch } = query;
  useEffect(() => {
    if (!offline) void refetch();
    ref.current?.scrollIntoView({ block: 'nearest' });
  }, [nonce, offline, refetch]);

  const failure = query.isError ? failureOf(query.error) : null;
  const data = query.data;
  return (
    <div className="supplier-lookup" ref={ref} data-testid="supplier-lookup" aria-live="polite">
      <header className="supplier-lookup-head">
        <strong>{t('suppliers.title', { name: data?.supplier.name ?? order.supplier })}</strong>
        <span className="spacer" />
        <button type="button" className="link" onClick={() => caseStore.getState().lookUp(conversationId, order.id)} disabled={offline || query.isFetching}>
          {t('suppliers.refresh')} <kbd>o</kbd>
        </button>
        <button type="button" className="link" onClick={() => caseStore.getState().closeLookup()}>
          {t('suppliers.close')}
        </button>
      </header>
      {offline || failure?.kind === 'network' ? (
        <p className="notice" role="status" data-testid="supplier-offline">
          {t('suppliers.offline')}
        </p>
      ) : failure ? (
        <p className="notice notice-error" role="alert" data-testid="supplier-failed">
          {t('suppliers.failed', { message: failure.message })}
        </p>
      ) : null}
      {query.isFetching && <p className="muted">{t('suppliers.loading')}</p>}
      {data && (offline || failure) && (
        <p className="muted" data-testid="supplier-last-known">
          {t('suppliers.offlineLast', { age: ageText(ageOf((Date.now() - query.dataUpdatedAt) / 1000)) })}
        </p>
      )}
      {data && <LookupBody data={data} />}
      <Reissue order={order} conversationId={conversationId} supplier={data?.supplier.name ?? order.supplier} offline={offline} ask={reissueAsk} />
    </div>
  );
}

function LookupBody({ data }: { data: OrderSupplierResponse }) {
  const { t, i18n } = useTranslation();
  const banner = lookupBanner(data);
  return (
    <>
      {banner.kind !== 'none' && (
        <p className={`notice${banner.kind === 'unavailable' ? ' notice-error' : ''}`} role="status" data-testid="supplier-banner">
          {t(`suppliers.${banner.kind}`, { reason: t(`suppliers.errors.${banner.error}`) })}
        </p>
      )}
      <Part part={data.health} testId="supplier-health">
        {(h) => (
          <p className={`supplier-health tone-${healthTone(h)}`} data-state={h.state}>
            {t(`suppliers.health.${h.state}`)}
            {h.state !== 'healthy' && <>，{h.etaMinutes === null ? t('suppliers.etaUnknown') : t('suppliers.eta', { minutes: h.etaMinutes })}</>}
            {h.message && <span className="supplier-note">{h.message}</span>}
          </p>
        )}
      </Part>
      <Part part={data.cardKeys} title={t('suppliers.cardKeys')} testId="supplier-keys">
        {(keys) =>
          keys.length === 0 ? (
            <p className="muted">{t('suppliers.noKeys')}</p>
          ) : (
            <ul className="supplier-list">
              {keys.map((k, i) => (
                <li key={`${k.masked}:${i}`}>
                  <code>{k.masked}</code>
                  <span className={`chip key-${k.state}`}>{t(`suppliers.keyState.${k.state}`)}</span>
                  <span className="muted">{t('suppliers.batch', { batch: k.batch })}</span>
                  {k.redeemedAt && <span className="muted">{t('suppliers.redeemedAt', { time: formatTime(k.redeemedAt, i18n.language) })}</span>}
                </li>
              ))}
            </ul>
          )
        }
      </Part>
      <Part part={data.inventory} title={t('suppliers.inventory')} testId="supplier-inventory">
        {(inv) => (
          <p>
            {t('suppliers.available', { product: inv.product, count: inv.available })}
            {inv.restockEtaMinutes !== null && <span className="muted"> · {t('suppliers.restock', { minutes: inv.restockEtaMinutes })}</span>}
          </p>
        )}
      </Part>
      <Part part={data.distribution} title={t('suppliers.distribution')} testId="supplier-distribution">
        {(records) =>
          records.length === 0 ? (
            <p className="muted">{t('suppliers.noDistribution')}</p>
          ) : (
            <ul className="supplier-list">
              {records.map((r, i) => (
                <li key={`${r.masked}:${i}`}>
                  <code>{r.masked}</code>
                  <span className="muted">{t('suppliers.distributed', { recipient: r.recipient, via: r.via, time: formatTime(r.distributedAt, i18n.language) })}</span>
                </li>
              ))}
            </ul>
          )
        }
      </Part>
    </>
  );
}

/** One part of the lookup: live, cached with its age, or the reason it is missing. */
function Part<T>({ part, title, testId, children }: { part: SupplierPart<T>; title?: string; testId: string; children: (data: T) => ReactNode }) {
  const { t } = useTranslation();
  const ageText = useAgeText();
  const view = partView(part);
  return (
    <section className="supplier-part" data-testid={testId} data-kind={view.kind}>
      {title && <h4>{title}</h4>}
      {view.kind === 'missing' ? (
        <p className="muted">{t(`suppliers.errors.${view.error}`)}</p>
      ) : (
        <>
          {view.kind === 'stale' && (
            <span className="chip supplier-stale" data-testid="supplier-stale">
              {t('suppliers.stale', { age: ageText(view.age) })}
            </span>
          )}
          {children(view.data)}
        </>
      )}
    </section>
  );
}

/** 补发: confirm with a reason; a retry after a failure reuses the request id, so keys are reissued once. */
function Reissue(props: { order: Order; conversationId: string; supplier: string; offline: boolean; ask: number }) {
  const { order, conversationId, supplier, offline, ask } = props;
  const { t } = useTranslation();
  const { api } = useWorkstation();
  const [confirming, setConfirming] = useState(ask > 0);
  const reasonRef = useRef<HTMLInputElement>(null);
  // Shift+O (or the palette) asks for the confirmation; the reason field takes focus.
  useEffect(() => {
    if (ask > 0) setConfirming(true);
  }, [ask]);
  useEffect(() => {
    if (confirming && ask > 0) reasonRef.current?.focus();
  }, [confirming, ask]);
  const [reason, setReason] = useState(() => t('suppliers.reissueReasonDefault'));
  const attempt = useRef<Attempt | null>(null);
  const mutation = useMutation({
    mutationFn: (body: { conversationId: string; reason: string }) => {
      attempt.current = attemptFor(attempt.current, body);
      return api.post(`/api/orders/${encodeURIComponent(order.id)}/reissue`, { ...body, requestId: attempt.current.requestId }, ReissueResponse);
    },
    onSuccess: () => {
      setConfirming(false);
      attempt.current = null;
      // The supplier's view of the keys changed.
      caseStore.getState().lookUp(conversationId, order.id);
    },
  });
  const failure = mutation.isError ? failureOf(mutation.error) : null;
  const result = mutation.data;

  return (
    <div className="supplier-reissue">
      {!confirming ? (
        <button type="button" onClick={() => setConfirming(true)} disabled={offline} data-testid="reissue-start">
          {t('suppliers.reissue')}
        </button>
      ) : (
        <form
          className="supplier-reissue-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (reason.trim() !== '' && !mutation.isPending) mutation.mutate({ conversationId, reason: reason.trim() });
          }}
        >
          <p>{t('suppliers.reissueConfirmText', { supplier, order: order.id })}</p>
          <label>
            {t('suppliers.reissueReason')}
            <input ref={reasonRef} value={reason} onChange={(e) => setReason(e.target.value)} required maxLength={500} data-testid="reissue-reason" />
          </label>
          <div className="form-actions">
            <button type="submit" className="primary" disabled={offline || mutation.isPending || reason.trim() === ''} data-testid="reissue-confirm">
              {mutation.isPending ? t('suppliers.reissuing') : t('suppliers.reissueConfirm')}
            </button>
            <button type="button" onClick={() => setConfirming(false)}>
              {t('suppliers.cancel')}
            </button>
          </div>
        </form>
      )}
      {offline && confirming && <p className="notice">{t('suppliers.reissueOffline')}</p>}
      {failure && (
        <p className="notice notice-error" role="alert" data-testid="reissue-failed">
          {failure.kind === 'network' ? t('suppliers.reissueOffline') : t('suppliers.reissueFailed', { message: failure.message })}
        </p>
      )}
      {result && (
        <p className={`notice${result.reissue.status === 'rejected' ? ' notice-error' : ''}`} role="status" data-testid="reissue-result" data-status={result.reissue.status}>
          {result.reissue.status === 'issued'
            ? t('suppliers.reissued', { keys: result.reissue.issued.join('、') })
            : t('suppliers.reissueRejected', { reason: result.reissue.message ?? t('suppliers.reissueNoReason') })}
          {result.replayed && <> {t('suppliers.replayed')}</>}
        </p>
      )}
    </div>
  );
}
