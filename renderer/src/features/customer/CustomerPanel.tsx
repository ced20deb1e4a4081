import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Customer, Order } from '../../../../protocol';
import { formatMoney, formatTime } from '../../app/format';
import { loadCustomerCard, touchHistory, type LocalConversation } from '../../data';
import { uiStore, useUi } from '../../stores/ui';
import { caseStore } from '../compensation/casework';
import { CasePanel } from '../compensation/CasePanel';
import { ChannelIcon } from '../inbox/ChannelIcon';
import { SupplierLookup } from '../suppliers/SupplierLookup';
import { useWorkstation } from '../workspace/workstation';
import { OlderHistory } from './OlderHistory';
import './customer.css';

/** Orders and past conversations shown at first; "show more" adds as many again. */
const STEP = 20;

/** The open conversation's customer: identities across channels, tier, orders with card keys, every past conversation. */
export function CustomerPanel() {
  const { t } = useTranslation();
  const { db } = useWorkstation();
  const openId = useUi((s) => s.openId);
  const customerId = useLiveQuery(
    async () => (openId ? ((await db.conversations.get(openId))?.customerId ?? null) : null),
    [db, openId],
  );
  if (!openId || !customerId) return <aside className="customer" aria-label={t('customer.label')} />;
  return <CustomerCard key={customerId} customerId={customerId} openId={openId} />;
}

function CustomerCard({ customerId, openId }: { customerId: string; openId: string }) {
  const { t } = useTranslation();
  const { db } = useWorkstation();
  const [limit, setLimit] = useState(STEP);
  const card = useLiveQuery(() => loadCustomerCard(db, customerId, limit), [db, customerId, limit]);
  // Looking at a customer keeps their cached history from being evicted first.
  useEffect(() => {
    void touchHistory(db, customerId, Date.now());
  }, [db, customerId]);
  if (!card) return <aside className="customer" aria-label={t('customer.label')} aria-busy="true" />;
  const { customer, orders, history } = card;
  const past = history.filter((c) => c.id !== openId);
  const more = orders.length >= limit || history.length >= limit;

  return (
    <aside className="customer" aria-label={t('customer.label')} data-testid="customer-panel">
      {customer ? <Identity customer={customer} /> : <p className="customer-unknown">{t('customer.unknown')}</p>}
      <CasePanel conversationId={openId} />

      <section>
        <h3>{t('customer.orders')}</h3>
        {orders.length === 0 ? (
          <p className="muted">{t('customer.noOrders')}</p>
        ) : (
          <ul className="orders">
            {orders.map((o) => (
              <OrderItem key={o.id} order={o} conversationId={openId} />
            ))}
          </ul>
        )}
      </section>

      <section>
        <h3>{t('customer.history')}</h3>
        {past.length === 0 ? (
          <p className="muted">{t('customer.noHistory')}</p>
        ) : (
          <ul className="history" data-testid="customer-history">
            {past.map((c) => (
              <PastConversation key={c.id} conversation={c} />
            ))}
          </ul>
        )}
        {more && (
          <button type="button" className="link" onClick={() => setLimit((l) => l + STEP)}>
            {t('customer.showMore')}
          </button>
        )}
        <OlderHistory customerId={customerId} />
      </section>
    </aside>
  );
}

function Identity({ customer }: { customer: Customer }) {
  const { t } = useTranslation();
  return (
    <section className="customer-card">
      <h2>
        {customer.name}
        {customer.vip && <span className="chip vip">{t('customer.vip')}</span>}
        {customer.frozen && (
          <span className="chip frozen" data-testid="customer-frozen">
            {t('security.frozen')}
          </span>
        )}
      </h2>
      <p className="customer-tier" data-testid="customer-tier">
        {t(`tier.${customer.tier}`)}
      </p>
      <dl className="customer-facts">
        {customer.phone && (
          <>
            <dt>{t('customer.phone')}</dt>
            <dd>{customer.phone}</dd>
          </>
        )}
        {customer.email && (
          <>
            <dt>{t('customer.email')}</dt>
            <dd>{customer.email}</dd>
          </>
        )}
        {customer.identities.length > 0 && (
          <>
            <dt>{t('customer.identities')}</dt>
            <dd>
              {customer.identities.map((i) => (
                <span key={`${i.channel}:${i.externalId}`} className="customer-identity">
                  <ChannelIcon channel={i.channel} /> {i.externalId}
                </span>
              ))}
            </dd>
          </>
        )}
        {customer.note && (
          <>
            <dt>{t('customer.note')}</dt>
            <dd className="customer-note">{customer.note}</dd>
          </>
        )}
      </dl>
    </section>
  );
}

function PastConversation({ conversation: c }: { conversation: LocalConversation }) {
  const { t, i18n } = useTranslation();
  return (
    <li>
      <button type="button" onClick={() => uiStore.getState().open(c.id)} data-testid="history-item" data-conversation-id={c.id}>
        <span className="history-line">
          <ChannelIcon channel={c.channel} />
          <time dateTime={c.lastMessageAt}>{formatTime(c.lastMessageAt, i18n.language)}</time>
          {c.cachedOnly && <span className="chip">{t('customer.fromHistory')}</span>}
        </span>
        <span className="history-subject">{c.subject}</span>
        <span className={`chip status-${c.status}`}>{t(`status.${c.status}`)}</span>
      </button>
    </li>
  );
}

function OrderItem({ order: o, conversationId }: { order: Order; conversationId: string }) {
  const { t, i18n } = useTranslation();
  return (
    <li className="order" data-testid="order">
      <div className="order-line">
        <span className="order-product">{o.game ? `${o.game} · ${o.product}` : o.product}</span>
        <span className={`chip order-${o.state}`}>{t(`orderState.${o.state}`)}</span>
      </div>
      <div className="order-line muted">
        <span>{o.id}</span>
        <span>{formatMoney(o.amountCents, i18n.language)}</span>
        <time dateTime={o.createdAt}>{formatTime(o.createdAt, i18n.language)}</time>
      </div>
      <div className="order-line muted">
        <span>{o.supplier}</span>
        <button type="button" className="link" onClick={() => caseStore.getState().lookUp(conversationId, o.id)} data-testid="order-lookup">
          {t('suppliers.lookup')} <kbd>o</kbd>
        </button>
      </div>
      {o.cardKeys.length > 0 && (
        <ul className="card-keys" aria-label={t('customer.cardKeys')}>
          {o.cardKeys.map((k, i) => (
            <li key={`${k.masked}:${i}`}>
              <code>{k.masked}</code>
              <span className={`chip key-${k.state}`}>{t(`cardKeyState.${k.state}`)}</span>
            </li>
          ))}
        </ul>
      )}
      <SupplierLookup order={o} conversationId={conversationId} />
    </li>
  );
}
