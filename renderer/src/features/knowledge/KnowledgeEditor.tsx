import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  ArticleInput,
  ArticleResponse,
  CATEGORIES,
  ESCALATION_TEAMS,
  newId,
  SopInput,
  SopResponse,
  type Article,
  type Category,
  type EscalationTeam,
} from '../../../../protocol';
import { CaseDialog } from '../compensation/CaseDialog';
import { useSyncStatus, useWorkstation } from '../workspace/workstation';
import { checklistFromLines, keywordsFrom } from './editor-model';
import { knowledgeStore } from './store';
import { refreshKnowledge } from './sync';

type Tab = 'sops' | 'articles';
type SaveState = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved' } | { kind: 'error'; message: string };

const shortId = () => newId().slice(-10).toLowerCase();

/** Admins edit SOPs and articles; the server checks the role again and validates every field. */
export function KnowledgeEditor() {
  const { t } = useTranslation();
  const [tab, setTab] = useState<Tab>('sops');
  const close = () => {
    knowledgeStore.getState().setEditorOpen(false);
    document.querySelector<HTMLElement>('.inbox')?.focus({ preventScroll: true });
  };
  return (
    <CaseDialog title={t('knowledge.editor.title')} testId="knowledge-editor" onClose={close}>
      <div className="knowledge-editor">
        <div className="knowledge-editor-tabs" role="tablist">
          {(['sops', 'articles'] as const).map((k) => (
            <button key={k} type="button" role="tab" aria-selected={tab === k} onClick={() => setTab(k)}>
              {t(`knowledge.editor.${k}`)}
            </button>
          ))}
          <button type="button" className="knowledge-editor-close" onClick={close}>
            {t('knowledge.editor.close')} <kbd>Esc</kbd>
          </button>
        </div>
        {tab === 'sops' ? <SopForm /> : <ArticleForm />}
      </div>
    </CaseDialog>
  );
}

function useSave(): [SaveState, (run: () => Promise<unknown>) => Promise<void>] {
  const { t } = useTranslation();
  const { db, api } = useWorkstation();
  const online = useSyncStatus().online;
  const [state, setState] = useState<SaveState>({ kind: 'idle' });
  const save = async (run: () => Promise<unknown>) => {
    if (!online) return setState({ kind: 'error', message: t('knowledge.editor.offline') });
    setState({ kind: 'saving' });
    try {
      await run();
      await refreshKnowledge(db, api);
      setState({ kind: 'saved' });
    } catch (err) {
      setState({ kind: 'error', message: t('knowledge.editor.failed', { message: err instanceof Error ? err.message : String(err) }) });
    }
  };
  return [state, save];
}

function SaveStatus({ state }: { state: SaveState }) {
  const { t } = useTranslation();
  if (state.kind === 'idle') return null;
  if (state.kind === 'error') return <p className="error" role="alert">{state.message}</p>;
  return <p role="status">{state.kind === 'saving' ? t('knowledge.editor.saving') : t('knowledge.editor.saved')}</p>;
}

function SopForm() {
  const { t } = useTranslation();
  const { db, api } = useWorkstation();
  const [category, setCategory] = useState<Category>(CATEGORIES[0]);
  const sop = useLiveQuery(async () => (await db.sops.get(category)) ?? null, [db, category]);
  const [template, setTemplate] = useState('');
  const [lines, setLines] = useState('');
  const [team, setTeam] = useState<EscalationTeam>('senior');
  const [condition, setCondition] = useState('');
  const [action, setAction] = useState('');
  const [state, save] = useSave();

  // Load the stored SOP whenever another category is picked.
  const loaded = sop === undefined ? undefined : (sop?.category ?? null);
  useEffect(() => {
    if (loaded === undefined) return;
    setTemplate(sop?.answerTemplate ?? '');
    setLines(sop?.checklist.map((i) => i.text).join('\n') ?? '');
    setTeam(sop?.escalation.team ?? 'senior');
    setCondition(sop?.escalation.condition ?? '');
    setAction(sop?.escalation.action ?? '');
    // Only a change of the loaded SOP resets the form, not every live-query refresh.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [loaded, category]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body = SopInput.parse({
      answerTemplate: template,
      checklist: checklistFromLines(lines, sop?.checklist ?? [], shortId),
      escalation: { team, condition, action },
    });
    void save(() => api.put(`/api/knowledge/sops/${category}`, body, SopResponse));
  };
  const valid = SopInput.safeParse({
    answerTemplate: template,
    checklist: checklistFromLines(lines, [], shortId),
    escalation: { team, condition, action },
  }).success;

  return (
    <form className="knowledge-form" onSubmit={submit} data-testid="sop-form">
      <label>
        {t('knowledge.editor.category')}
        <select value={category} onChange={(e) => setCategory(e.currentTarget.value as Category)}>
          {CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {t(`category.${c}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('knowledge.editor.answerTemplate')}
        <textarea rows={4} value={template} onChange={(e) => setTemplate(e.currentTarget.value)} />
      </label>
      <label>
        {t('knowledge.editor.checklistLines')}
        <textarea rows={6} value={lines} onChange={(e) => setLines(e.currentTarget.value)} data-testid="sop-checklist" />
      </label>
      <label>
        {t('knowledge.editor.escalationTeam')}
        <select value={team} onChange={(e) => setTeam(e.currentTarget.value as EscalationTeam)}>
          {ESCALATION_TEAMS.map((k) => (
            <option key={k} value={k}>
              {t(`knowledge.teams.${k}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('knowledge.editor.escalationCondition')}
        <input value={condition} onChange={(e) => setCondition(e.currentTarget.value)} />
      </label>
      <label>
        {t('knowledge.editor.escalationAction')}
        <input value={action} onChange={(e) => setAction(e.currentTarget.value)} />
      </label>
      <button type="submit" disabled={!valid || state.kind === 'saving'} data-testid="sop-save">
        {t('knowledge.editor.save')}
      </button>
      <SaveStatus state={state} />
    </form>
  );
}

const emptyArticle = { title: '', body: '', categories: [] as Category[], keywords: '', audience: 'agent' as Article['audience'] };

function ArticleForm() {
  const { t } = useTranslation();
  const { db, api } = useWorkstation();
  const articles = useLiveQuery(() => db.articles.orderBy('id').toArray(), [db], []);
  const [editing, setEditing] = useState<string | null>(null);
  const [draft, setDraft] = useState(emptyArticle);
  const [state, save] = useSave();

  const pick = (a: Article | null) => {
    setEditing(a?.id ?? null);
    setDraft(a ? { title: a.title, body: a.body, categories: a.categories, keywords: a.keywords.join('，'), audience: a.audience } : emptyArticle);
  };
  const input = { ...draft, keywords: keywordsFrom(draft.keywords) };
  const valid = ArticleInput.safeParse(input).success;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    // A new article's id is minted here, so a retried save creates it once.
    const id = editing ?? `kb-${shortId()}`;
    setEditing(id);
    void save(() => api.put(`/api/knowledge/articles/${id}`, ArticleInput.parse(input), ArticleResponse));
  };
  const remove = () => {
    if (!editing) return;
    const id = editing;
    void save(async () => {
      await api.delete(`/api/knowledge/articles/${id}`);
      pick(null);
    });
  };
  const toggleCategory = (c: Category) =>
    setDraft((d) => ({ ...d, categories: d.categories.includes(c) ? d.categories.filter((x) => x !== c) : [...d.categories, c] }));

  return (
    <div className="knowledge-articles-editor">
      <ul className="knowledge-article-list">
        <li>
          <button type="button" className="link" onClick={() => pick(null)}>
            + {t('knowledge.editor.newArticle')}
          </button>
        </li>
        {articles.map((a) => (
          <li key={a.id}>
            <button type="button" className="link" aria-current={a.id === editing} onClick={() => pick(a)}>
              {a.title}
            </button>
          </li>
        ))}
      </ul>
      <form className="knowledge-form" onSubmit={submit} data-testid="article-form">
        <label>
          {t('knowledge.editor.articleTitle')}
          <input value={draft.title} maxLength={120} onChange={(e) => setDraft({ ...draft, title: e.currentTarget.value })} />
        </label>
        <label>
          {t('knowledge.editor.articleBody')}
          <textarea rows={8} value={draft.body} onChange={(e) => setDraft({ ...draft, body: e.currentTarget.value })} />
        </label>
        <fieldset>
          <legend>{t('knowledge.editor.articleCategories')}</legend>
          {CATEGORIES.map((c) => (
            <label key={c} className="inline">
              <input type="checkbox" checked={draft.categories.includes(c)} onChange={() => toggleCategory(c)} /> {t(`category.${c}`)}
            </label>
          ))}
        </fieldset>
        <label>
          {t('knowledge.editor.articleKeywords')}
          <input value={draft.keywords} onChange={(e) => setDraft({ ...draft, keywords: e.currentTarget.value })} />
        </label>
        <label>
          {t('knowledge.editor.audience')}
          <select value={draft.audience} onChange={(e) => setDraft({ ...draft, audience: e.currentTarget.value as Article['audience'] })}>
            <option value="agent">{t('knowledge.editor.audienceAgent')}</option>
            <option value="customer">{t('knowledge.editor.audienceCustomer')}</option>
          </select>
        </label>
        <div className="knowledge-form-actions">
          <button type="submit" disabled={!valid || state.kind === 'saving'}>
            {t('knowledge.editor.save')}
          </button>
          {editing && (
            <button type="button" onClick={remove} disabled={state.kind === 'saving'}>
              {t('knowledge.editor.delete')}
            </button>
          )}
        </div>
        <SaveStatus state={state} />
      </form>
    </div>
  );
}
