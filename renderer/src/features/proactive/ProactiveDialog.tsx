import { useMutation, useQuery } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Notice, NoticePreviewResponse, type NoticeChannel } from '../../../../protocol';
import { connectionStateOf } from '../../data';
import { uiStore } from '../../stores/ui';
import { CaseDialog } from '../compensation/CaseDialog';
import { attemptFor, type Attempt } from '../compensation/compensation-form';
import { failureOf } from '../../app/failure';
import { FailureNotice } from '../../app/FailureNotice';
import { focusInbox } from '../commands/run';
import { useSyncStatus, useWorkstation } from '../workspace/workstation';
import { audienceOf, EMPTY_FORM, noticeOf, type NoticeForm, progressOf } from './notice-form';

const close = () => {
  uiStore.getState().setOverlay(null);
  focusInbox();
};

/**
 * A supervisor's notice to the customers affected by a product or a supplier: describe the
 * audience, preview how many it reaches (Enter), send (Enter again), watch it go out.
 */
export function ProactiveDialog() {
  const { t } = useTranslation();
  const { api, agent } = useWorkstation();
  const offline = connectionStateOf(useSyncStatus()) === 'offline';
  const [form, setForm] = useState<NoticeForm>(EMPTY_FORM);
  const [shown, setShown] = useState(false);
  const set = (patch: Partial<NoticeForm>) => setForm((f) => ({ ...f, ...patch }));
  const audience = audienceOf(form);
  const draft = noticeOf(form);

  const preview = useMutation({
    mutationFn: (a: { key: string; body: object }) => api.post('/api/proactive/preview', a.body, NoticePreviewResponse).then((r) => ({ ...r, key: a.key })),
  });
  const attempt = useRef<Attempt | null>(null);
  const send = useMutation({
    mutationFn: (body: object) => {
      // The same notice sent again (a lost answer, a double press) keeps its id: nobody gets it twice.
      attempt.current = attemptFor(attempt.current, body);
      return api.post('/api/proactive/notices', { ...body, id: attempt.current.requestId }, Notice);
    },
  });
  const sentId = send.data?.id ?? null;
  const progress = useQuery({
    queryKey: ['proactive-notice', sentId],
    queryFn: () => api.get(`/api/proactive/notices/${encodeURIComponent(sentId!)}`, Notice),
    enabled: sentId !== null,
    refetchInterval: (q) => (q.state.data?.state === 'done' ? false : 1000),
  });

  if (agent.role === 'agent') {
    return (
      <CaseDialog title={t('proactive.title')} testId="proactive-dialog" onClose={close}>
        <p className="notice">{t('proactive.onlyLeads')}</p>
        <button type="button" onClick={close}>
          {t('proactive.close')}
        </button>
      </CaseDialog>
    );
  }

  const previewed = preview.data && audience.ok && preview.data.key === audience.key ? preview.data : null;
  const notice = progress.data ?? send.data ?? null;
  const failure = send.isError ? failureOf(send.error) : preview.isError ? failureOf(preview.error) : null;
  const problem = !audience.ok ? audience.problem : previewed && !draft.ok ? draft.problem : null;

  const submit = () => {
    setShown(true);
    if (offline || !audience.ok || preview.isPending || send.isPending || notice) return;
    if (!previewed) return preview.mutate({ key: audience.key, body: { audience: audience.audience } });
    if (draft.ok && previewed.customers - previewed.unreachable > 0) send.mutate(draft.body);
  };
  const field = (name: keyof NoticeForm, type: 'text' | 'date' = 'text') => (
    <label>
      {t(`proactive.${name}`)}
      <input type={type} value={form[name]} disabled={notice !== null} onChange={(e) => set({ [name]: e.target.value })} data-testid={`proactive-${name}`} />
    </label>
  );

  return (
    <CaseDialog title={t('proactive.title')} testId="proactive-dialog" onClose={close}>
      <form
        className="case-form"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        {field('product')}
        {field('supplier')}
        {field('from', 'date')}
        {field('to', 'date')}
        {field('subject')}
        <label>
          {t('proactive.body')}
          <textarea value={form.body} disabled={notice !== null} onChange={(e) => set({ body: e.target.value })} rows={4} maxLength={2000} data-testid="proactive-body" />
        </label>
        <p className="muted">{t('proactive.hint')}</p>

        {previewed && (
          <div className="notice" data-testid="proactive-preview" aria-live="polite">
            {previewed.customers === 0 ? (
              t('proactive.nobody')
            ) : (
              <>
                <p>
                  {t('proactive.reach', { customers: previewed.customers, orders: previewed.orders })}
                  {(Object.entries(previewed.byChannel) as Array<[NoticeChannel, number]>).map(([channel, n]) => ` · ${t(`channel.${channel}`)} ${n}`).join('')}
                </p>
                {previewed.unreachable > 0 && <p>{t('proactive.unreachable', { count: previewed.unreachable })}</p>}
              </>
            )}
          </div>
        )}
        {preview.data && !previewed && audience.ok && <p className="notice">{t('proactive.changed')}</p>}
        {shown && problem && (
          <p className="notice notice-error" role="alert">
            {t(`proactive.problems.${problem}`)}
          </p>
        )}
        {offline && <p className="notice">{t('proactive.offline')}</p>}
        {failure && <FailureNotice failure={failure} prefix="proactive" testId="proactive-error" />}
        {notice && <NoticeProgress notice={notice} />}

        <div className="case-actions">
          <button type="button" onClick={close}>
            {t('proactive.close')}
          </button>
          {!notice && (
            <button type="submit" className="primary" disabled={offline || preview.isPending || send.isPending} data-testid="proactive-submit">
              {preview.isPending ? t('proactive.previewing') : send.isPending ? t('proactive.sending') : previewed ? t('proactive.send') : t('proactive.preview')}
            </button>
          )}
        </div>
      </form>
    </CaseDialog>
  );
}

function NoticeProgress({ notice }: { notice: Notice }) {
  const { t } = useTranslation();
  const { reachable, fraction } = progressOf(notice);
  return (
    <div className="notice" data-testid="proactive-progress" aria-live="polite">
      <progress value={fraction} max={1} />
      <p>
        {notice.state === 'done'
          ? t('proactive.done', { sent: notice.sent, created: notice.newConversations })
          : t('proactive.progress', { sent: notice.sent, reachable, pending: notice.pending })}
      </p>
    </div>
  );
}
