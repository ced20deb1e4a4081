import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useLiveQuery } from 'dexie-react-hooks';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  COMPENSATION_KINDS,
  CompensationLimitsResponse,
  CompensationResponse,
  LIABLE_PARTIES,
  type CompensationKind,
  type LiableParty,
} from '../../../../protocol';
import { formatMoney } from '../../app/format';
import { connectionStateOf } from '../../data';
import { useSyncStatus, useWorkstation } from '../workspace/workstation';
import { CaseDialog, closeCaseDialog } from './CaseDialog';
import { compensationsKey } from './CasePanel';
import { attemptFor, draftOf, limitOf, type Attempt, type CompensationForm } from './compensation-form';
import { failureOf } from '../../app/failure';
import { FailureNotice } from '../../app/FailureNotice';

/** 先行赔付 on the open conversation: the form, the caller's limit for the kind, and the server's answer. */
export function CompensationDialog({ conversationId, preset }: { conversationId: string; preset: CompensationKind | null }) {
  const { t, i18n } = useTranslation();
  const { db, api } = useWorkstation();
  const queryClient = useQueryClient();
  const offline = connectionStateOf(useSyncStatus()) === 'offline';
  const conversation = useLiveQuery(() => db.conversations.get(conversationId), [db, conversationId]);
  const orderId = conversation?.orderId ?? null;
  const [form, setForm] = useState<CompensationForm>(() => ({
    kind: preset ?? 'coupon',
    amount: '',
    percent: '',
    cause: t('compensation.causeDefault'),
    liable: 'supplier',
    note: '',
  }));
  const set = (patch: Partial<CompensationForm>) => setForm((f) => ({ ...f, ...patch }));
  const [shown, setShown] = useState(false);
  const limits = useQuery({
    queryKey: ['compensation-limits'],
    queryFn: () => api.get('/api/compensations/limits', CompensationLimitsResponse),
    enabled: !offline,
    retry: false,
  });
  const attempt = useRef<Attempt | null>(null);
  const mutation = useMutation({
    mutationFn: (body: object) => {
      attempt.current = attemptFor(attempt.current, body);
      return api.post('/api/compensations', { ...body, requestId: attempt.current.requestId }, CompensationResponse);
    },
    // The id stays with the body: sending the same form again replays the grant instead of paying twice.
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: compensationsKey(conversationId) });
    },
  });

  const liable: LiableParty = orderId ? form.liable : form.liable === 'supplier' ? 'platform' : form.liable;
  const draft = draftOf({ ...form, liable }, conversationId, orderId);
  const failure = mutation.isError ? failureOf(mutation.error) : null;
  const money = (cents: number) => formatMoney(cents, i18n.language);
  const kindName = t(`compensation.kinds.${form.kind}`);
  const limit = limits.data ? limitOf(form.kind, limits.data.limits) : null;
  const result = mutation.data;

  return (
    <CaseDialog title={t('compensation.title')} testId="compensation-dialog">
      <form
        className="case-form"
        onSubmit={(e) => {
          e.preventDefault();
          setShown(true);
          if (draft.ok && !mutation.isPending && !offline) mutation.mutate(draft.body);
        }}
      >
        <p className="muted">{orderId ? t('compensation.order', { order: orderId }) : t('compensation.noOrder')}</p>
        <label>
          {t('compensation.kind')}
          <select value={form.kind} onChange={(e) => set({ kind: e.target.value as CompensationKind })} data-testid="compensation-kind">
            {COMPENSATION_KINDS.map((k) => (
              <option key={k} value={k} disabled={!orderId && k !== 'coupon'}>
                {t(`compensation.kinds.${k}`)}
              </option>
            ))}
          </select>
        </label>
        {(form.kind === 'refund' || form.kind === 'coupon') && (
          <label>
            {t('compensation.amount')}
            <input
              value={form.amount}
              onChange={(e) => set({ amount: e.target.value })}
              inputMode="decimal"
              placeholder={form.kind === 'refund' ? t('compensation.refundAmountHint') : undefined}
              data-testid="compensation-amount"
            />
          </label>
        )}
        {form.kind === 'credit' && (
          <label>
            {t('compensation.percent')}
            <input value={form.percent} onChange={(e) => set({ percent: e.target.value })} inputMode="numeric" data-testid="compensation-percent" />
          </label>
        )}
        <label>
          {t('compensation.cause')}
          <input value={form.cause} onChange={(e) => set({ cause: e.target.value })} maxLength={200} data-testid="compensation-cause" />
        </label>
        <label>
          {t('compensation.liable')}
          <select value={liable} onChange={(e) => set({ liable: e.target.value as LiableParty })} data-testid="compensation-liable">
            {LIABLE_PARTIES.map((p) => (
              <option key={p} value={p} disabled={!orderId && p === 'supplier'}>
                {t(`compensation.liableParty.${p}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('compensation.note')}
          <textarea value={form.note} onChange={(e) => set({ note: e.target.value })} rows={2} maxLength={1000} />
        </label>

        <p className="muted" data-testid="compensation-limit">
          {limit === null
            ? t('compensation.limitUnknown')
            : limit.cents === null
              ? t('compensation.limitNone', { kind: kindName })
              : t('compensation.limit', { kind: kindName, amount: money(limit.cents) }) +
                (limit.percent !== null ? t('compensation.limitPercent', { percent: limit.percent }) : '')}
        </p>
        {shown && !draft.ok && (
          <p className="notice notice-error" role="alert">
            {t(`compensation.problems.${draft.problem}`)}
          </p>
        )}
        {offline && <p className="notice">{t('compensation.offline')}</p>}
        {failure && <FailureNotice failure={failure} prefix="compensation" testId="compensation-error" />}
        {result && (
          <p className="notice" role="status" data-testid="compensation-result">
            {t('compensation.done', { kind: t(`compensation.kinds.${result.compensation.kind}`), amount: money(result.compensation.amountCents) })}
            {result.compensation.couponCode && <> · {t('compensation.doneCoupon', { code: result.compensation.couponCode })}</>}
            {result.compensation.reissuedKeys.length > 0 && <> · {t('compensation.doneKeys', { keys: result.compensation.reissuedKeys.join('、') })}</>}
            {result.replayed && <> {t('compensation.replayed')}</>}
          </p>
        )}
        <div className="form-actions">
          <button type="submit" className="primary" disabled={offline} aria-disabled={mutation.isPending} data-testid="compensation-submit">
            {mutation.isPending ? t('compensation.submitting') : t('compensation.submit')}
          </button>
          <button type="button" onClick={closeCaseDialog}>
            {t('compensation.cancel')}
          </button>
        </div>
      </form>
    </CaseDialog>
  );
}
