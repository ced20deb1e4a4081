import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DisputeListResponse, DisputeResponse, type Dispute, type EvidenceInput } from '../../../../protocol';
import { newId } from '../../../../protocol/ids';
import { formatMoney, formatTime } from '../../app/format';
import { connectionStateOf, loadThread } from '../../data';
import { CaseDialog, closeCaseDialog } from '../compensation/CaseDialog';
import { parseYuan } from '../compensation/compensation-form';
import { failureOf, type Failure } from '../compensation/outcome';
import { useSyncStatus, useWorkstation } from '../workspace/workstation';
import { countdown, evidenceCandidates, mayDecide } from './dispute-view';
import './disputes.css';

export const disputesKey = (conversationId: string) => ['disputes', conversationId] as const;

/** The conversation's disputes, read from the server (they are not part of the offline cache). */
export function useDisputes(conversationId: string, enabled: boolean) {
  const { api } = useWorkstation();
  return useQuery({
    queryKey: disputesKey(conversationId),
    queryFn: () => api.get(`/api/disputes?conversationId=${encodeURIComponent(conversationId)}`, DisputeListResponse),
    enabled,
    retry: false,
    staleTime: 30_000,
  });
}

function FailureText({ failure, testId }: { failure: Failure; testId: string }) {
  const { t } = useTranslation();
  return (
    <p className="notice notice-error" role="alert" data-testid={testId}>
      {failure.kind === 'network'
        ? t('disputes.offline')
        : failure.kind === 'refused'
          ? t('disputes.refused', { message: failure.message })
          : t('disputes.failed', { message: failure.message })}
    </p>
  );
}

/** Disputes on the open conversation: open one with evidence, watch its review deadline, decide it (supervisors). */
export function DisputeDialog({ conversationId }: { conversationId: string }) {
  const { t } = useTranslation();
  const { agent } = useWorkstation();
  const offline = connectionStateOf(useSyncStatus()) === 'offline';
  const list = useDisputes(conversationId, !offline);
  const disputes = list.data?.disputes ?? [];
  return (
    <CaseDialog title={t('disputes.title')} testId="dispute-dialog">
      {offline && <p className="notice">{t('disputes.offline')}</p>}
      {list.isError && !offline && <FailureText failure={failureOf(list.error)} testId="disputes-load-error" />}
      {disputes.map((d) => (
        <DisputeCard key={d.id} dispute={d} decide={mayDecide(agent) && d.status === 'open'} offline={offline} />
      ))}
      {!offline && !disputes.some((d) => d.status === 'open') && <OpenDisputeForm conversationId={conversationId} />}
      <div className="form-actions">
        <button type="button" onClick={closeCaseDialog}>
          {t('disputes.cancel')}
        </button>
      </div>
    </CaseDialog>
  );
}

/** One dispute: status, the review countdown (or how overdue), evidence, the verdict. */
export function DisputeSummary({ dispute: d }: { dispute: Dispute }) {
  const { t, i18n } = useTranslation();
  const left = countdown(d.reviewDueAt, Date.now());
  return (
    <div className="dispute-summary" data-testid="dispute" data-status={d.status}>
      <div className="dispute-line">
        <span className={`chip dispute-${d.status}`}>{t(`disputes.status.${d.status}`)}</span>
        {d.status === 'open' && (
          <span className={left.overdue ? 'dispute-overdue' : 'muted'} data-testid="dispute-countdown">
            {t(left.overdue ? 'disputes.overdue' : 'disputes.dueIn', { hours: left.hours, minutes: left.minutes })}
          </span>
        )}
      </div>
      <p className="dispute-reason">{d.reason}</p>
      <p className="muted">
        {t('disputes.evidenceCount', { count: d.evidence.length })}
        {d.evidence.length > 0 && `：${d.evidence.map((e) => e.description).join('、')}`}
      </p>
      {d.verdict && (
        <p className="dispute-verdict">
          {t('disputes.decided', {
            verdict: t(`disputes.verdictKind.${d.verdict.kind}`),
            name: d.verdict.decidedBy,
            time: formatTime(d.verdict.decidedAt, i18n.language),
          })}
          {d.verdict.refundCents !== null && ` · ${formatMoney(d.verdict.refundCents, i18n.language)}`}
          <span className="dispute-explanation">{d.verdict.explanation}</span>
        </p>
      )}
    </div>
  );
}

function DisputeCard({ dispute, decide, offline }: { dispute: Dispute; decide: boolean; offline: boolean }) {
  return (
    <section className="dispute-card">
      <DisputeSummary dispute={dispute} />
      {decide && !offline && <VerdictForm dispute={dispute} />}
    </section>
  );
}

function OpenDisputeForm({ conversationId }: { conversationId: string }) {
  const { t } = useTranslation();
  const { db, api } = useWorkstation();
  const queryClient = useQueryClient();
  // The customer's files from the cached thread; 500 messages reach back far enough for any dispute.
  const messages = useLiveQuery(async () => (await loadThread(db, conversationId, 500)).rows, [db, conversationId], []);
  const files = useMemo(() => evidenceCandidates(messages), [messages]);
  const [reason, setReason] = useState('');
  const [chatLog, setChatLog] = useState(true);
  const [picked, setPicked] = useState<string[]>([]);
  const [link, setLink] = useState('');
  const [linkDescription, setLinkDescription] = useState('');
  const [problem, setProblem] = useState<'reasonRequired' | 'linkInvalid' | null>(null);
  // One id per dispute being opened, so a retried submit opens it once.
  const id = useRef(newId());
  const mutation = useMutation({
    mutationFn: (body: { reason: string; evidence: EvidenceInput[] }) =>
      api.post('/api/disputes', { id: id.current, conversationId, ...body }, DisputeResponse),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: disputesKey(conversationId) }),
  });

  const submit = () => {
    if (reason.trim() === '') return setProblem('reasonRequired');
    if (link.trim() !== '' && !/^https?:\/\/\S+$/.test(link.trim())) return setProblem('linkInvalid');
    setProblem(null);
    const evidence: EvidenceInput[] = [
      ...(chatLog ? [{ kind: 'chat_log' as const, description: t('disputes.chatLog'), attachmentId: null, url: null }] : []),
      ...files.filter((f) => picked.includes(f.attachmentId)).map((f) => ({ kind: f.kind, description: f.filename, attachmentId: f.attachmentId, url: null })),
      ...(link.trim() !== ''
        ? [{ kind: 'other' as const, description: linkDescription.trim() || link.trim(), attachmentId: null, url: link.trim() }]
        : []),
    ];
    if (!mutation.isPending) mutation.mutate({ reason: reason.trim(), evidence });
  };

  return (
    <form
      className="case-form"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <h3>{t('disputes.open')}</h3>
      <label>
        {t('disputes.reason')}
        <textarea value={reason} onChange={(e) => setReason(e.target.value)} rows={3} maxLength={2000} data-testid="dispute-reason" />
      </label>
      <fieldset className="dispute-evidence">
        <legend>{t('disputes.evidence')}</legend>
        <label className="check">
          <input type="checkbox" checked={chatLog} onChange={(e) => setChatLog(e.target.checked)} />
          {t('disputes.chatLog')}
        </label>
        {files.length === 0 && <p className="muted">{t('disputes.noFiles')}</p>}
        {files.map((f) => (
          <label key={f.attachmentId} className="check">
            <input
              type="checkbox"
              checked={picked.includes(f.attachmentId)}
              onChange={(e) => setPicked((p) => (e.target.checked ? [...p, f.attachmentId] : p.filter((x) => x !== f.attachmentId)))}
              data-testid="dispute-file"
            />
            {t(`disputes.evidenceKind.${f.kind}`)} · {f.filename}
          </label>
        ))}
        <label>
          {t('disputes.link')}
          <input value={link} onChange={(e) => setLink(e.target.value)} inputMode="url" />
        </label>
        {link.trim() !== '' && (
          <label>
            {t('disputes.linkDescription')}
            <input value={linkDescription} onChange={(e) => setLinkDescription(e.target.value)} maxLength={500} />
          </label>
        )}
      </fieldset>
      {problem && (
        <p className="notice notice-error" role="alert">
          {t(`disputes.${problem}`)}
        </p>
      )}
      {mutation.isError && <FailureText failure={failureOf(mutation.error)} testId="dispute-error" />}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={mutation.isPending} data-testid="dispute-submit">
          {mutation.isPending ? t('disputes.submitting') : t('disputes.submit')}
        </button>
      </div>
    </form>
  );
}

function VerdictForm({ dispute }: { dispute: Dispute }) {
  const { t } = useTranslation();
  const { api } = useWorkstation();
  const queryClient = useQueryClient();
  const [verdict, setVerdict] = useState<'refund' | 'explain_rule'>('explain_rule');
  const [explanation, setExplanation] = useState('');
  const [amount, setAmount] = useState('');
  const [points, setPoints] = useState('0');
  const [mediation, setMediation] = useState(false);
  const [problem, setProblem] = useState<'explanationRequired' | 'amountInvalid' | 'pointsInvalid' | null>(null);
  // A verdict is given once: the server refuses a second one, so a retry cannot pay twice.
  const mutation = useMutation({
    mutationFn: (body: object) => api.post(`/api/disputes/${encodeURIComponent(dispute.id)}/verdict`, body, DisputeResponse),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: disputesKey(dispute.conversationId) }),
  });

  const submit = () => {
    if (explanation.trim() === '') return setProblem('explanationRequired');
    if (verdict === 'explain_rule') {
      setProblem(null);
      return mutation.mutate({ verdict, explanation: explanation.trim(), mediation });
    }
    const refundCents = amount.trim() === '' ? undefined : parseYuan(amount);
    if (refundCents === null) return setProblem('amountInvalid');
    const sellerCreditPoints = Number(points.trim() || '0');
    if (!Number.isInteger(sellerCreditPoints) || sellerCreditPoints < 0 || sellerCreditPoints > 1000) return setProblem('pointsInvalid');
    setProblem(null);
    mutation.mutate({ verdict, explanation: explanation.trim(), mediation, sellerCreditPoints, ...(refundCents === undefined ? {} : { refundCents }) });
  };

  return (
    <form
      className="case-form verdict-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (!mutation.isPending) submit();
      }}
    >
      <h3>{t('disputes.verdict')}</h3>
      <label>
        {t('disputes.verdict')}
        <select value={verdict} onChange={(e) => setVerdict(e.target.value as 'refund' | 'explain_rule')} data-testid="verdict-kind">
          <option value="explain_rule">{t('disputes.verdictKind.explain_rule')}</option>
          <option value="refund">{t('disputes.verdictKind.refund')}</option>
        </select>
      </label>
      {verdict === 'refund' && (
        <>
          <label>
            {t('disputes.refundAmount')}
            <input value={amount} onChange={(e) => setAmount(e.target.value)} inputMode="decimal" />
          </label>
          <label>
            {t('disputes.creditPoints')}
            <input value={points} onChange={(e) => setPoints(e.target.value)} inputMode="numeric" />
          </label>
        </>
      )}
      <label>
        {t('disputes.explanation')}
        <textarea value={explanation} onChange={(e) => setExplanation(e.target.value)} rows={3} maxLength={2000} data-testid="verdict-explanation" />
      </label>
      <label className="check">
        <input type="checkbox" checked={mediation} onChange={(e) => setMediation(e.target.checked)} />
        {t('disputes.mediation')}
      </label>
      {problem && (
        <p className="notice notice-error" role="alert">
          {t(`disputes.${problem}`)}
        </p>
      )}
      {mutation.isError && <FailureText failure={failureOf(mutation.error)} testId="verdict-error" />}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={mutation.isPending} data-testid="verdict-submit">
          {t('disputes.decide')}
        </button>
      </div>
    </form>
  );
}
