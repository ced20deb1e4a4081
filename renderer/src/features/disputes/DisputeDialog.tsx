import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { DisputeListResponse, DisputeResponse, type Dispute, type DisputeVerdictRequest, type EvidenceInput } from '../../../../protocol';
import { newId } from '../../../../protocol/ids';
import { formatMoney, formatTime } from '../../app/format';
import { connectionStateOf, loadThread } from '../../data';
import { CaseDialog, closeCaseDialog } from '../compensation/CaseDialog';
import { failureOf } from '../../app/failure';
import { FailureNotice } from '../../app/FailureNotice';
import { useSyncStatus, useWorkstation } from '../workspace/workstation';
import { countdown, evidenceCandidates, evidenceOf, mayDecide, verdictOf, type EvidenceChoice, type VerdictForm, type VerdictProblem } from './dispute-view';
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
      {list.isError && !offline && <FailureNotice failure={failureOf(list.error)} prefix="disputes" testId="disputes-load-error" />}
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
      {dispute.status === 'open' && !offline && <AddEvidenceForm dispute={dispute} />}
      {decide && !offline && <VerdictFormView dispute={dispute} />}
    </section>
  );
}

/** Picks evidence: this conversation's chat log, the customer's files in it, a link. */
function EvidencePicker({ conversationId, choice, onChange }: { conversationId: string; choice: EvidenceChoice; onChange(choice: EvidenceChoice): void }) {
  const { t } = useTranslation();
  const files = useEvidenceFiles(conversationId);
  const set = (patch: Partial<EvidenceChoice>) => onChange({ ...choice, ...patch });
  return (
    <fieldset className="dispute-evidence">
      <legend>{t('disputes.evidence')}</legend>
      <label className="check">
        <input type="checkbox" checked={choice.chatLog} onChange={(e) => set({ chatLog: e.target.checked })} />
        {t('disputes.chatLog')}
      </label>
      {files.length === 0 && <p className="muted">{t('disputes.noFiles')}</p>}
      {files.map((f) => (
        <label key={f.attachmentId} className="check">
          <input
            type="checkbox"
            checked={choice.picked.includes(f.attachmentId)}
            onChange={(e) => set({ picked: e.target.checked ? [...choice.picked, f.attachmentId] : choice.picked.filter((x) => x !== f.attachmentId) })}
            data-testid="dispute-file"
          />
          {t(`disputes.evidenceKind.${f.kind}`)} · {f.filename}
        </label>
      ))}
      <label>
        {t('disputes.link')}
        <input value={choice.link} onChange={(e) => set({ link: e.target.value })} inputMode="url" data-testid="dispute-link" />
      </label>
      {choice.link.trim() !== '' && (
        <label>
          {t('disputes.linkDescription')}
          <input value={choice.linkDescription} onChange={(e) => set({ linkDescription: e.target.value })} maxLength={500} />
        </label>
      )}
    </fieldset>
  );
}

/** The customer's files in the cached thread; 500 messages reach back far enough for any dispute. */
function useEvidenceFiles(conversationId: string) {
  const { db } = useWorkstation();
  const messages = useLiveQuery(async () => (await loadThread(db, conversationId, 500)).rows, [db, conversationId], []);
  return useMemo(() => evidenceCandidates(messages), [messages]);
}

const NO_EVIDENCE: EvidenceChoice = { chatLog: false, picked: [], link: '', linkDescription: '' };

function OpenDisputeForm({ conversationId }: { conversationId: string }) {
  const { t } = useTranslation();
  const { api } = useWorkstation();
  const queryClient = useQueryClient();
  const files = useEvidenceFiles(conversationId);
  const [reason, setReason] = useState('');
  const [choice, setChoice] = useState<EvidenceChoice>({ ...NO_EVIDENCE, chatLog: true });
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
    const evidence = evidenceOf(choice, files, t('disputes.chatLog'));
    if (!evidence.ok) return setProblem(evidence.problem);
    setProblem(null);
    if (!mutation.isPending) mutation.mutate({ reason: reason.trim(), evidence: evidence.evidence });
  };

  return (
    <DisputeForm
      title={t('disputes.open')}
      onSubmit={submit}
      problem={problem}
      mutation={mutation}
      errorTestId="dispute-error"
      submit={{ label: mutation.isPending ? t('disputes.submitting') : t('disputes.submit'), testId: 'dispute-submit', primary: true }}
    >
      <label>
        {t('disputes.reason')}
        <textarea value={reason} onChange={(e) => setReason(e.target.value)} rows={3} maxLength={2000} data-testid="dispute-reason" />
      </label>
      <EvidencePicker conversationId={conversationId} choice={choice} onChange={setChoice} />
    </DisputeForm>
  );
}

/** More evidence on an open dispute, from anyone working the ticket. */
function AddEvidenceForm({ dispute }: { dispute: Dispute }) {
  const { t } = useTranslation();
  const { api } = useWorkstation();
  const queryClient = useQueryClient();
  const files = useEvidenceFiles(dispute.conversationId);
  const [choice, setChoice] = useState<EvidenceChoice>(NO_EVIDENCE);
  const [problem, setProblem] = useState<'evidenceRequired' | 'linkInvalid' | null>(null);
  const mutation = useMutation({
    mutationFn: (evidence: EvidenceInput[]) => api.post(`/api/disputes/${encodeURIComponent(dispute.id)}/evidence`, { evidence }, DisputeResponse),
    onSuccess: () => {
      setChoice(NO_EVIDENCE);
      void queryClient.invalidateQueries({ queryKey: disputesKey(dispute.conversationId) });
    },
  });
  const submit = () => {
    const evidence = evidenceOf(choice, files, t('disputes.chatLog'));
    if (!evidence.ok) return setProblem(evidence.problem);
    if (evidence.evidence.length === 0) return setProblem('evidenceRequired');
    setProblem(null);
    if (!mutation.isPending) mutation.mutate(evidence.evidence);
  };
  return (
    <DisputeForm
      title={t('disputes.addEvidence')}
      onSubmit={submit}
      problem={problem}
      mutation={mutation}
      errorTestId="evidence-error"
      submit={{ label: t('disputes.addEvidence'), testId: 'evidence-submit' }}
    >
      <EvidencePicker conversationId={dispute.conversationId} choice={choice} onChange={setChoice} />
    </DisputeForm>
  );
}

function VerdictFormView({ dispute }: { dispute: Dispute }) {
  const { t } = useTranslation();
  const { api } = useWorkstation();
  const queryClient = useQueryClient();
  const [form, setForm] = useState<VerdictForm>({ verdict: 'explain_rule', explanation: '', amount: '', points: '0', mediation: false });
  const set = (patch: Partial<VerdictForm>) => setForm((f) => ({ ...f, ...patch }));
  const [problem, setProblem] = useState<VerdictProblem | null>(null);
  // A verdict is given once: the server refuses a second one, so a retry cannot pay twice.
  const mutation = useMutation({
    mutationFn: (body: DisputeVerdictRequest) => api.post(`/api/disputes/${encodeURIComponent(dispute.id)}/verdict`, body, DisputeResponse),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: disputesKey(dispute.conversationId) }),
  });

  const submit = () => {
    const verdict = verdictOf(form);
    if (!verdict.ok) return setProblem(verdict.problem);
    setProblem(null);
    if (!mutation.isPending) mutation.mutate(verdict.body);
  };

  return (
    <DisputeForm
      title={t('disputes.verdict')}
      className="verdict-form"
      onSubmit={submit}
      problem={problem}
      mutation={mutation}
      errorTestId="verdict-error"
      submit={{ label: t('disputes.decide'), testId: 'verdict-submit', primary: true }}
    >
      <label>
        {t('disputes.verdict')}
        <select value={form.verdict} onChange={(e) => set({ verdict: e.target.value as VerdictForm['verdict'] })} data-testid="verdict-kind">
          <option value="explain_rule">{t('disputes.verdictKind.explain_rule')}</option>
          <option value="refund">{t('disputes.verdictKind.refund')}</option>
        </select>
      </label>
      {form.verdict === 'refund' && (
        <>
          <label>
            {t('disputes.refundAmount')}
            <input value={form.amount} onChange={(e) => set({ amount: e.target.value })} inputMode="decimal" />
          </label>
          <label>
            {t('disputes.creditPoints')}
            <input value={form.points} onChange={(e) => set({ points: e.target.value })} inputMode="numeric" />
          </label>
        </>
      )}
      <label>
        {t('disputes.explanation')}
        <textarea value={form.explanation} onChange={(e) => set({ explanation: e.target.value })} rows={3} maxLength={2000} data-testid="verdict-explanation" />
      </label>
      <label className="check">
        <input type="checkbox" checked={form.mediation} onChange={(e) => set({ mediation: e.target.checked })} />
        {t('disputes.mediation')}
      </label>
    </DisputeForm>
  );
}

/** The frame of each dispute form: title, fields, what is wrong with the input or the request, and the submit button. */
function DisputeForm(props: {
  title: string;
  className?: string;
  onSubmit(): void;
  /** What to fix in the input, as its `disputes.*` text. */
  problem: 'reasonRequired' | 'linkInvalid' | 'evidenceRequired' | VerdictProblem | null;
  mutation: { isPending: boolean; isError: boolean; error: unknown };
  errorTestId: string;
  submit: { label: string; testId: string; primary?: boolean };
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const { mutation, submit } = props;
  return (
    <form
      className={props.className ? `case-form ${props.className}` : 'case-form'}
      onSubmit={(e) => {
        e.preventDefault();
        props.onSubmit();
      }}
    >
      <h3>{props.title}</h3>
      {props.children}
      {props.problem && (
        <p className="notice notice-error" role="alert">
          {t(`disputes.${props.problem}`)}
        </p>
      )}
      {mutation.isError && <FailureNotice failure={failureOf(mutation.error)} prefix="disputes" testId={props.errorTestId} />}
      <div className="form-actions">
        <button type="submit" className={submit.primary ? 'primary' : undefined} aria-disabled={mutation.isPending} data-testid={submit.testId}>
          {submit.label}
        </button>
      </div>
    </form>
  );
}
