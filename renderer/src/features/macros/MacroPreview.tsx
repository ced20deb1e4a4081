import { useQuery } from '@tanstack/react-query';
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { needsNetwork, newId, templateVariables, type Conversation, type Macro } from '../../../../protocol';
import { CaseDialog } from '../compensation/CaseDialog';
import { supplierQuery } from '../suppliers/supplier-query';
import { useSyncStatus, useWorkstation } from '../workspace/workstation';
import { describeAction } from './describe';
import { executePlan, type RunResult, type StepOutcome } from './execute';
import { closeMacroDialog } from './macro-store';
import { planMacro, refusal, type Problem } from './plan';
import { renderTemplate, VARIABLE_LABELS_ZH, variableValues, type Rendered, type Segment, type SupplierLookup } from './template';

/** The macro's preview over the open conversation: every step, the texts filled in (editable); Enter runs it. */
export function MacroPreview({ conversationId, macroId }: { conversationId: string; macroId: string }) {
  const { db } = useWorkstation();
  const macro = useLiveQuery(() => db.macros.get(macroId), [db, macroId]);
  const conversation = useLiveQuery(() => db.conversations.get(conversationId), [db, conversationId]);
  if (!macro || !conversation) return null;
  return <Preview macro={macro} conversation={conversation} />;
}

const usesSupplier = (macro: Macro) =>
  macro.actions.some((a) => (a.type === 'reply' || a.type === 'note') && templateVariables(a.body).some((v) => v.startsWith('supplier.')));

function Preview({ macro, conversation }: { macro: Macro; conversation: Conversation }) {
  const { t } = useTranslation();
  const { db, api, engine, agent } = useWorkstation();
  const online = useSyncStatus().online;
  const customer = useLiveQuery(() => db.customers.get(conversation.customerId), [db, conversation.customerId]);
  const orderId = conversation.orderId;
  const order = useLiveQuery(() => (orderId ? db.orders.get(orderId) : undefined), [db, orderId]);
  const agents = useLiveQuery(() => db.agents.toArray(), [db], []);
  const teams = useLiveQuery(() => db.teams.toArray(), [db], []);

  const wantsSupplier = usesSupplier(macro) && orderId !== null;
  const supplier = useQuery({ ...supplierQuery(api, orderId ?? ''), enabled: wantsSupplier && online, staleTime: 30_000 });
  const failed = wantsSupplier && (supplier.isError || !online);
  const lookup = useMemo<SupplierLookup>(
    () => (supplier.data ? { kind: 'answer', response: supplier.data } : failed ? { kind: 'failed' } : { kind: 'none' }),
    [supplier.data, failed],
  );

  const rendered = useMemo(() => {
    const values = variableValues({ conversation, customer, order, agent, supplier: lookup });
    return new Map(macro.actions.flatMap((a, i) => (a.type === 'reply' || a.type === 'note' ? [[i, renderTemplate(a.body, values)] as const] : [])));
  }, [macro, conversation, customer, order, agent, lookup]);

  // Texts the agent edited keep their edit; the others follow the values as they arrive.
  const [edits, setEdits] = useState<Record<number, string>>({});
  const texts = useMemo(() => new Map([...rendered].map(([i, r]) => [i, edits[i] ?? r.text])), [rendered, edits]);

  // One id per run: a retry after a failure replays the steps that went through.
  const runId = useRef(newId());
  const plan = useMemo(
    () => planMacro({ runId: runId.current, conversation, selfId: agent.id, actions: macro.actions, texts }),
    [conversation, agent.id, macro.actions, texts],
  );
  const blocked = refusal(plan, online);
  const [running, setRunning] = useState(false);
  const [outcomes, setOutcomes] = useState<Record<number, StepOutcome>>({});
  const [result, setResult] = useState<RunResult | null>(null);

  const run = async () => {
    if (running || blocked) return;
    setRunning(true);
    setResult(null);
    try {
      const r = await executePlan(plan, { api, engine }, (o) => setOutcomes((prev) => ({ ...prev, [o.index]: o })));
      if (r.kind === 'done') return closeMacroDialog();
      setResult(r);
    } finally {
      setRunning(false);
    }
  };
  // Enter runs: the run button takes focus whenever it can run, unless the agent is editing a text.
  const runButton = useRef<HTMLButtonElement>(null);
  const runnable = !running && blocked === null;
  useEffect(() => {
    if (runnable && !(document.activeElement instanceof HTMLTextAreaElement)) runButton.current?.focus();
  }, [runnable]);
  const stopped = result?.kind === 'stopped' ? result.outcomes.find((o) => !o.ok) : undefined;
  const problemOf = (index: number): Problem | undefined => plan.problems.find((p) => p.index === index);

  return (
    <CaseDialog title={t('macros.previewTitle', { name: macro.name })} testId="macro-preview" onClose={closeMacroDialog}>
      <div
        className="macro-preview"
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            void run();
          }
        }}
      >
        <div className="form-actions">
          <button ref={runButton} type="button" className="primary" onClick={() => void run()} disabled={running || blocked !== null} data-testid="macro-run">
            {running ? t('macros.running') : stopped ? t('macros.retry') : t('macros.runButton')}
          </button>
          <button type="button" onClick={closeMacroDialog}>
            {t('macros.cancel')}
          </button>
          <span className="muted">{t('macros.runHint')}</span>
        </div>
        {blocked?.kind === 'offline' && (
          <p className="notice notice-error" role="alert" data-testid="macro-offline">
            {t('macros.offline')}
          </p>
        )}
        {wantsSupplier && <SupplierNote lookup={lookup} online={online} error={supplier.error} />}
        {stopped && !stopped.ok && (
          <p className="notice notice-error" role="alert" data-testid="macro-stopped">
            {stopped.network ? t('macros.stoppedNetwork') : t('macros.stoppedRefused')}
          </p>
        )}
        <h3>{t('macros.steps')}</h3>
        <ol className="macro-steps">
          {plan.steps.map((step) => {
            const outcome = outcomes[step.index];
            const problem = problemOf(step.index);
            const text = rendered.get(step.index);
            return (
              <li key={step.index} data-testid="macro-step" data-type={step.action.type}>
                <div className="macro-step-line">
                  <span>{describeAction(t, step.action, { agents, teams })}</span>
                  {needsNetwork(step.action) && <span className="macro-badge">{t('macros.needsNetwork')}</span>}
                  {step.kind === 'ticket' && step.mutation === null && <span className="muted">{t('macros.noChange')}</span>}
                  {outcome && <OutcomeNote outcome={outcome} />}
                </div>
                {text && (
                  <TextStep
                    rendered={text}
                    value={texts.get(step.index) ?? ''}
                    edited={edits[step.index] !== undefined}
                    onChange={(v) => setEdits((prev) => ({ ...prev, [step.index]: v }))}
                  />
                )}
                {problem?.kind === 'noOrder' && <p className="notice notice-error">{t('macros.noOrder')}</p>}
                {problem?.kind === 'missing' && (
                  <p className="notice notice-error" data-testid="macro-missing">
                    {text && text.missing.length > 0 && edits[step.index] === undefined
                      ? t('macros.missing', { names: text.missing.map((n) => (VARIABLE_LABELS_ZH as Record<string, string>)[n] ?? n).join('、') })
                      : t('macros.empty')}
                  </p>
                )}
              </li>
            );
          })}
        </ol>
      </div>
    </CaseDialog>
  );
}

function SupplierNote({ lookup, online, error }: { lookup: SupplierLookup; online: boolean; error: Error | null }) {
  const { t } = useTranslation();
  if (lookup.kind === 'answer') return null;
  if (!online) return <p className="notice">{t('macros.supplierOffline')}</p>;
  if (lookup.kind === 'failed') return <p className="notice">{t('macros.supplierFailed', { message: error?.message ?? '' })}</p>;
  return <p className="muted">{t('macros.supplierLoading')}</p>;
}

function OutcomeNote({ outcome }: { outcome: StepOutcome }) {
  const { t } = useTranslation();
  if (!outcome.ok) return <span className="macro-failed">{t('macros.stepFailed', { message: outcome.message })}</span>;
  return (
    <span className="macro-done" data-testid="macro-step-done">
      {outcome.replayed ? t('macros.stepReplayed') : t('macros.stepDone')}
      {outcome.couponCode && <> · {t('macros.coupon', { code: outcome.couponCode })}</>}
    </span>
  );
}

/** A reply or note: the filled-in text with its values marked, editable in place. */
function TextStep({ rendered, value, edited, onChange }: { rendered: Rendered; value: string; edited: boolean; onChange(v: string): void }) {
  return (
    <div className="macro-text">
      {!edited && (
        <p className="macro-rendered" data-testid="macro-rendered">
          {rendered.segments.map((s, i) => (
            <SegmentText key={i} segment={s} />
          ))}
        </p>
      )}
      <textarea value={value} onChange={(e) => onChange(e.target.value)} rows={Math.min(8, Math.max(3, Math.ceil(value.length / 40)))} data-testid="macro-text" />
    </div>
  );
}

function SegmentText({ segment }: { segment: Segment }) {
  if (segment.kind === 'text') return <>{segment.text}</>;
  return (
    <mark className={segment.kind === 'missing' ? 'macro-var is-missing' : 'macro-var'} title={segment.name}>
      {segment.text}
    </mark>
  );
}
