import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CATEGORIES,
  CONVERSATION_STATUSES,
  CreateMacroRequest,
  MACRO_ACTION_TYPES,
  MACRO_VARIABLES,
  MacroResponse,
  PRIORITIES,
  UpdateMacroRequest,
  type Category,
  type Macro,
  type MacroAction,
  type MacroActionType,
  type MacroScope,
} from '../../../../protocol';
import { CaseDialog } from '../compensation/CaseDialog';
import { useWorkstation } from '../workspace/workstation';
import { refreshMacros } from './cache';
import { describeAction } from './describe';
import { closeMacroDialog } from './macro-store';
import { VARIABLE_LABELS_ZH } from './template';

interface Form {
  id: string | null;
  scope: MacroScope;
  name: string;
  description: string;
  category: Category | null;
  actions: MacroAction[];
}

const blank = (scope: MacroScope): Form => ({ id: null, scope, name: '', description: '', category: null, actions: [{ type: 'reply', body: '' }] });
const formOf = (m: Macro): Form => ({ id: m.id, scope: m.scope, name: m.name, description: m.description, category: m.category, actions: m.actions });

/** A fresh action of a type, with the fields it needs. */
function newAction(type: MacroActionType): MacroAction {
  switch (type) {
    case 'reply':
    case 'note':
      return { type, body: '' };
    case 'status':
      return { type, status: 'waiting_customer' };
    case 'priority':
      return { type, priority: 'high' };
    case 'tag':
      return { type, tag: '' };
    case 'assign':
      return { type, agentId: 'self' };
    case 'assignTeam':
      return { type, teamId: '' };
    case 'reissue':
    case 'refund':
      return { type, cause: '' };
    case 'coupon':
      return { type, amountCents: 500, cause: '' };
    case 'credit':
      return { type, percent: 10, cause: '' };
    case 'survey':
      return { type };
  }
}

/**
 * Creates, changes and deletes macros: admins the shared ones and their own, agents their
 * own personal ones (shared ones read-only). Saved macros reach the cache at once.
 */
export function MacroEditor() {
  const { t } = useTranslation();
  const { db, api, agent } = useWorkstation();
  const isAdmin = agent.role === 'admin';
  const macros = useLiveQuery(() => db.macros.toArray(), [db], []);
  const agents = useLiveQuery(() => db.agents.toArray(), [db], []);
  const teams = useLiveQuery(() => db.teams.toArray(), [db], []);
  const [form, setForm] = useState<Form>(() => blank(isAdmin ? 'shared' : 'personal'));
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const readOnly = form.scope === 'shared' && !isAdmin;

  const set = (patch: Partial<Form>) => {
    setForm((f) => ({ ...f, ...patch }));
    setMessage(null);
    setConfirming(false);
  };
  const setAction = (i: number, a: MacroAction) => set({ actions: form.actions.map((x, j) => (j === i ? a : x)) });
  const move = (i: number, d: -1 | 1) => {
    const next = [...form.actions];
    [next[i], next[i + d]] = [next[i + d]!, next[i]!];
    set({ actions: next });
  };

  const busyDo = async (fn: () => Promise<string>) => {
    setBusy(true);
    try {
      const text = await fn();
      await refreshMacros(db, api);
      setMessage({ error: false, text });
    } catch (err) {
      setMessage({ error: true, text: t('macros.editor.failed', { message: err instanceof Error ? err.message : String(err) }) });
    } finally {
      setBusy(false);
    }
  };

  const save = () => {
    const body = { name: form.name, description: form.description, category: form.category, actions: form.actions };
    const parsed = form.id === null ? CreateMacroRequest.safeParse({ ...body, scope: form.scope }) : UpdateMacroRequest.safeParse(body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      return setMessage({ error: true, text: t('macros.editor.invalid', { message: `${issue.path.join('.')} ${issue.message}` }) });
    }
    void busyDo(async () => {
      const { macro } =
        form.id === null
          ? await api.post('/api/macros', parsed.data, MacroResponse)
          : await api.patch(`/api/macros/${encodeURIComponent(form.id)}`, parsed.data, MacroResponse);
      setForm(formOf(macro));
      return t('macros.editor.saved');
    });
  };

  const remove = () => {
    if (!confirming) return setConfirming(true);
    const id = form.id!;
    void busyDo(async () => {
      await api.delete(`/api/macros/${encodeURIComponent(id)}`);
      setForm(blank(isAdmin ? 'shared' : 'personal'));
      return t('macros.editor.deleted');
    });
  };

  return (
    <CaseDialog title={t('macros.editor.title')} testId="macro-editor" onClose={closeMacroDialog}>
      <div className="macro-editor">
        <nav aria-label={t('macros.editor.list')}>
          <button type="button" onClick={() => set(blank(isAdmin ? 'shared' : 'personal'))} data-testid="macro-new">
            {t('macros.editor.new')}
          </button>
          <ul>
            {[...macros]
              .sort((a, b) => a.scope.localeCompare(b.scope) || a.name.localeCompare(b.name, 'zh-CN'))
              .map((m) => (
                <li key={m.id}>
                  <button type="button" aria-current={form.id === m.id} onClick={() => set(formOf(m))} data-testid="macro-edit-item">
                    {m.name} <span className="muted">{t(`macros.scope.${m.scope}`)}</span>
                  </button>
                </li>
              ))}
          </ul>
        </nav>
        <form
          className="case-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (!readOnly && !busy) save();
          }}
        >
          <fieldset disabled={readOnly || busy}>
            {readOnly && <p className="notice">{t('macros.editor.readOnly')}</p>}
            <label>
              {t('macros.editor.name')}
              <input value={form.name} onChange={(e) => set({ name: e.target.value })} maxLength={80} data-testid="macro-name" />
            </label>
            <label>
              {t('macros.editor.description')}
              <input value={form.description} onChange={(e) => set({ description: e.target.value })} maxLength={500} />
            </label>
            <label>
              {t('macros.editor.scope')}
              <select value={form.scope} disabled={form.id !== null || !isAdmin} onChange={(e) => set({ scope: e.target.value as MacroScope })} data-testid="macro-scope">
                <option value="shared">{t('macros.scope.shared')}</option>
                <option value="personal">{t('macros.scope.personal')}</option>
              </select>
            </label>
            <label>
              {t('macros.editor.category')}
              <select value={form.category ?? ''} onChange={(e) => set({ category: e.target.value === '' ? null : (e.target.value as Category) })} data-testid="macro-category">
                <option value="">{t('macros.editor.noCategory')}</option>
                {CATEGORIES.map((c) => (
                  <option key={c} value={c}>
                    {t(`category.${c}`)}
                  </option>
                ))}
              </select>
            </label>
            <h3>{t('macros.editor.actions')}</h3>
            <ol className="macro-steps">
              {form.actions.map((a, i) => (
                <li key={i} data-testid="macro-edit-action">
                  <div className="macro-step-line">
                    <select value={a.type} onChange={(e) => setAction(i, newAction(e.target.value as MacroActionType))} aria-label={describeAction(t, a, { agents, teams })} data-testid="macro-action-type">
                      {MACRO_ACTION_TYPES.map((type) => (
                        <option key={type} value={type}>
                          {t(`macros.types.${type}`)}
                        </option>
                      ))}
                    </select>
                    <button type="button" onClick={() => move(i, -1)} disabled={i === 0}>
                      {t('macros.editor.moveUp')}
                    </button>
                    <button type="button" onClick={() => move(i, 1)} disabled={i === form.actions.length - 1}>
                      {t('macros.editor.moveDown')}
                    </button>
                    <button type="button" onClick={() => set({ actions: form.actions.filter((_, j) => j !== i) })}>
                      {t('macros.editor.remove')}
                    </button>
                  </div>
                  <ActionFields action={a} onChange={(next) => setAction(i, next)} agents={agents} teams={teams} />
                </li>
              ))}
            </ol>
            <div className="form-actions">
              <button type="button" onClick={() => set({ actions: [...form.actions, newAction('reply')] })} data-testid="macro-add-action">
                {t('macros.editor.addAction')}
              </button>
              <button type="submit" className="primary" data-testid="macro-save">
                {t('macros.editor.save')}
              </button>
              {form.id !== null && (
                <button type="button" onClick={remove} data-testid="macro-delete">
                  {confirming ? t('macros.editor.confirmDelete') : t('macros.editor.delete')}
                </button>
              )}
            </div>
          </fieldset>
          {message && (
            <p className={message.error ? 'notice notice-error' : 'notice'} role={message.error ? 'alert' : 'status'} data-testid="macro-editor-message">
              {message.text}
            </p>
          )}
        </form>
      </div>
    </CaseDialog>
  );
}

function ActionFields({
  action: a,
  onChange,
  agents,
  teams,
}: {
  action: MacroAction;
  onChange(a: MacroAction): void;
  agents: ReadonlyArray<{ id: string; name: string }>;
  teams: ReadonlyArray<{ id: string; name: string }>;
}) {
  const { t } = useTranslation();
  const cause =
    'cause' in a ? (
      <label>
        {t('macros.editor.cause')}
        <input value={a.cause} onChange={(e) => onChange({ ...a, cause: e.target.value })} maxLength={200} />
      </label>
    ) : null;
  switch (a.type) {
    case 'reply':
    case 'note':
      return (
        <label>
          {t('macros.editor.body')}
          <textarea value={a.body} onChange={(e) => onChange({ ...a, body: e.target.value })} rows={4} maxLength={5000} data-testid="macro-body" />
          <select value="" onChange={(e) => e.target.value && onChange({ ...a, body: `${a.body}{{${e.target.value}}}` })} aria-label={t('macros.editor.insertVariable')}>
            <option value="">{t('macros.editor.insertVariable')}</option>
            {MACRO_VARIABLES.map((v) => (
              <option key={v} value={v}>
                {VARIABLE_LABELS_ZH[v]} {`{{${v}}}`}
              </option>
            ))}
          </select>
        </label>
      );
    case 'status':
      return (
        <select value={a.status} onChange={(e) => onChange({ ...a, status: e.target.value as typeof a.status })} aria-label={t('macros.types.status')}>
          {CONVERSATION_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`status.${s}`)}
            </option>
          ))}
        </select>
      );
    case 'priority':
      return (
        <select value={a.priority} onChange={(e) => onChange({ ...a, priority: e.target.value as typeof a.priority })} aria-label={t('macros.types.priority')}>
          {PRIORITIES.map((p) => (
            <option key={p} value={p}>
              {t(`priority.${p}`)}
            </option>
          ))}
        </select>
      );
    case 'tag':
      return (
        <label>
          {t('macros.editor.tag')}
          <input value={a.tag} onChange={(e) => onChange({ ...a, tag: e.target.value })} maxLength={40} />
        </label>
      );
    case 'assign':
      return (
        <label>
          {t('macros.editor.assignee')}
          <select value={a.agentId ?? ''} onChange={(e) => onChange({ ...a, agentId: e.target.value === '' ? null : e.target.value })}>
            <option value="self">{t('macros.editor.assignSelf')}</option>
            <option value="">{t('macros.editor.assignNone')}</option>
            {agents.map((x) => (
              <option key={x.id} value={x.id}>
                {x.name}
              </option>
            ))}
          </select>
        </label>
      );
    case 'assignTeam':
      return (
        <label>
          {t('macros.editor.team')}
          <select value={a.teamId} onChange={(e) => onChange({ ...a, teamId: e.target.value })}>
            <option value="" disabled />
            {teams.map((x) => (
              <option key={x.id} value={x.id}>
                {x.name}
              </option>
            ))}
          </select>
        </label>
      );
    case 'reissue':
      return cause;
    case 'refund':
    case 'coupon':
      return (
        <>
          <label>
            {t('macros.editor.amount')}
            <input
              type="number"
              min={0}
              step={0.01}
              value={a.amountCents ? a.amountCents / 100 : ''}
              placeholder={a.type === 'refund' ? t('macros.editor.amountFullHint') : undefined}
              onChange={(e) => {
                const cents = Math.round(Number(e.target.value) * 100);
                if (a.type === 'coupon') onChange({ ...a, amountCents: cents });
                else onChange(cents > 0 ? { ...a, amountCents: cents } : { type: 'refund', cause: a.cause });
              }}
            />
          </label>
          {cause}
        </>
      );
    case 'credit':
      return (
        <>
          <label>
            {t('macros.editor.percent')}
            <input type="number" min={1} max={100} value={a.percent} onChange={(e) => onChange({ ...a, percent: Math.round(Number(e.target.value)) })} />
          </label>
          {cause}
        </>
      );
    case 'survey':
      return null;
  }
}
