import type { Table } from 'dexie';
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Article, Category, Macro } from '../../../../protocol';
import type { KadeskDb, LocalConversation } from '../../data';
import { rangeOf } from '../../data/db';
import { draftKey, uiStore, useUi } from '../../stores/ui';
import { runMacroCommand } from '../macros/macro-store';
import { useSyncStatus, useWorkstation } from '../workspace/workstation';
import { KnowledgeEditor } from './KnowledgeEditor';
import { checklistProgress } from './progress';
import { knowledgeStore, useKnowledgeUi } from './store';
import { fillTemplate, rankArticles, suggestMacros } from './suggest';
import { pullTicks, pushTicks, refreshKnowledge, tickItem } from './sync';
import './knowledge.css';

/** While ticks wait for the server, sending is tried again this often. */
const RETRY_MS = 5000;
/** Customer messages read for article suggestions. */
const TEXT_MESSAGES = 20;

/** The SOP and knowledge panel beside the open conversation, and the admins' editor. */
export function KnowledgePanel() {
  useKnowledgeSync();
  const openId = useUi((s) => s.openId);
  const visible = useKnowledgeUi((s) => s.visible);
  const editorOpen = useKnowledgeUi((s) => s.editorOpen);
  return (
    <>
      {openId && visible && <Guidance key={openId} conversationId={openId} />}
      {editorOpen && <KnowledgeEditor />}
    </>
  );
}

/**
 * Fetches the knowledge set whenever the workstation comes online or an admin changes it, and sends pending
 * checklist ticks then and every few seconds until none wait.
 */
function useKnowledgeSync(): void {
  const { db, api, engine } = useWorkstation();
  const online = useSyncStatus().online;
  const pendingCount = useLiveQuery(() => db.checklistTicks.where('pending').equals(1).count(), [db], 0);
  useEffect(() => {
    const refresh = () => void refreshKnowledge(db, api).catch(() => undefined);
    if (online) refresh();
    // An admin's edit reaches the panel at once, not at the next reconnect.
    return engine.onServerChange((what) => {
      if (what === 'knowledge') refresh();
    });
  }, [db, api, engine, online]);
  useEffect(() => {
    if (!online || pendingCount === 0) return;
    const send = () => void pushTicks(db, api).catch(() => undefined);
    send();
    const timer = setInterval(send, RETRY_MS);
    return () => clearInterval(timer);
  }, [db, api, online, pendingCount]);
}

/** The macros cache, when this workstation has one (macros are their own feature). */
function macroTable(db: KadeskDb): Table<Macro, string> | null {
  return db.tables.some((t) => t.name === 'macros') ? db.table<Macro, string>('macros') : null;
}

async function customerText(db: KadeskDb, conversationId: string): Promise<string> {
  const rows = await db.messages.where('[conversationId+createdAt]').between(...rangeOf(conversationId)).limit(200).toArray();
  return rows
    .filter((m) => m.kind === 'customer')
    .slice(0, TEXT_MESSAGES)
    .map((m) => m.body)
    .join('\n');
}

async function templateValues(db: KadeskDb, c: LocalConversation, agentName: string): Promise<Record<string, string | undefined>> {
  const customer = await db.customers.get(c.customerId);
  const order = c.orderId ? await db.orders.get(c.orderId) : undefined;
  return {
    'customer.name': customer?.name,
    'order.id': c.orderId ?? undefined,
    'order.product': order?.product,
    'agent.name': agentName,
    'ticket.subject': c.subject,
  };
}

function appendToDraft(agentId: string, conversationId: string, text: string): void {
  const ui = uiStore.getState();
  const key = draftKey(agentId, conversationId);
  const draft = ui.drafts[key] ?? '';
  ui.setDraft(key, draft.trim() === '' ? text : `${draft}\n${text}`);
  ui.focusReply();
}

function Guidance({ conversationId }: { conversationId: string }) {
  const { t } = useTranslation();
  const { db, api, agent } = useWorkstation();
  const online = useSyncStatus().online;
  const conversation = useLiveQuery(async () => (await db.conversations.get(conversationId)) ?? null, [db, conversationId]);
  const category = conversation?.category ?? null;
  const knowledgeCached = useLiveQuery(async () => (await db.sops.count()) > 0, [db], true);
  const sop = useLiveQuery(async () => (category ? ((await db.sops.get(category)) ?? null) : null), [db, category]);
  const notice = useKnowledgeUi((s) => s.notice);

  useEffect(() => {
    if (online) void pullTicks(db, api, conversationId).catch(() => undefined);
  }, [db, api, conversationId, online]);

  // The template as it would be sent: variables filled from the ticket, gaps marked.
  const values = useLiveQuery(async () => (conversation ? templateValues(db, conversation, agent.name) : {}), [db, conversation, agent.name]);
  const answer = sop ? fillTemplate(sop.answerTemplate, values ?? {}) : null;

  // 't' and the palette put it into the reply box; without an SOP, 'i' and 't' have nothing to do.
  const wanted = useKnowledgeUi((s) => s.wanted);
  useEffect(() => {
    if (wanted === null || conversation === undefined || sop === undefined) return;
    if (sop === null) return knowledgeStore.getState().done();
    if (wanted !== 'template' || answer === null) return;
    knowledgeStore.getState().done();
    appendToDraft(agent.id, conversationId, answer);
  }, [wanted, conversation, sop, answer, agent.id, conversationId]);

  if (conversation === undefined) return <aside className="knowledge" aria-busy="true" />;
  return (
    <aside className="knowledge" aria-label={t('knowledge.panel')} data-testid="knowledge-panel" data-category={category ?? ''}>
      <header className="knowledge-head">
        <h2>{t('knowledge.panel')}</h2>
        {category && <span className="knowledge-category">{t(`category.${category}`)}</span>}
        <button type="button" className="link" onClick={() => knowledgeStore.getState().toggle()}>
          {t('knowledge.hide')}
        </button>
      </header>
      {notice && (
        <p className="knowledge-notice" role="status">
          {notice}{' '}
          <button type="button" className="link" onClick={() => knowledgeStore.getState().setNotice(null)}>
            ✕
          </button>
        </p>
      )}
      {!knowledgeCached ? (
        <p className="muted">{t('knowledge.notCached')}</p>
      ) : category === null ? (
        <p className="muted" data-testid="knowledge-no-category">
          {t('knowledge.noCategory')}
        </p>
      ) : sop === undefined ? null : sop === null ? (
        <p className="muted">{t('knowledge.noSop', { category: t(`category.${category}`) })}</p>
      ) : (
        <>
          <section>
            <h3>
              {t('knowledge.template')}{' '}
              <button
                type="button"
                className="link"
                data-testid="knowledge-insert-template"
                onClick={() => knowledgeStore.getState().want('template')}
              >
                {t('knowledge.insertTemplate')} <kbd>t</kbd>
              </button>
            </h3>
            <p className="knowledge-template" data-testid="knowledge-template">
              {answer}
            </p>
          </section>
          <Checklist conversationId={conversationId} items={sop.checklist} />
          <section data-testid="knowledge-escalation">
            <h3>{t('knowledge.escalation')}</h3>
            <EscalationTeamName kind={sop.escalation.team} />
            <p>{t('knowledge.escalationWhen', { condition: sop.escalation.condition })}</p>
            <p>{t('knowledge.escalationDo', { action: sop.escalation.action })}</p>
          </section>
        </>
      )}
      <SuggestedArticles conversationId={conversationId} category={category} />
      <SuggestedMacros category={category} />
    </aside>
  );
}

function Checklist({ conversationId, items }: { conversationId: string; items: Parameters<typeof checklistProgress>[0] }) {
  const { t } = useTranslation();
  const { db } = useWorkstation();
  const ticks = useLiveQuery(() => db.checklistTicks.where('conversationId').equals(conversationId).toArray(), [db, conversationId], []);
  const progress = checklistProgress(items, ticks);
  const listRef = useRef<HTMLUListElement>(null);

  // 'i' lands on the first step not done yet (or the first step).
  const wanted = useKnowledgeUi((s) => s.wanted);
  const target = progress.nextId ?? progress.rows[0]?.id;
  useEffect(() => {
    if (wanted !== 'checklist') return;
    knowledgeStore.getState().done();
    if (target) listRef.current?.querySelector<HTMLInputElement>(`input[data-item-id="${CSS.escape(target)}"]`)?.focus();
  }, [wanted, target]);

  return (
    <section>
      <h3>
        {t('knowledge.checklist')}{' '}
        <span className="knowledge-progress" data-testid="checklist-progress">
          {t('knowledge.progress', { done: progress.done, total: progress.total })}
        </span>
      </h3>
      <ul className="checklist" ref={listRef}>
        {progress.rows.map((row) => (
          <li key={row.id}>
            <label>
              <input
                type="checkbox"
                checked={row.checked}
                data-testid="checklist-item"
                data-item-id={row.id}
                data-pending={row.pending ? '1' : '0'}
                onChange={(e) => void tickItem(db, conversationId, row.id, e.currentTarget.checked)}
              />
              <span>{row.text}</span>
              {row.pending && (
                <span className="checklist-pending" title={t('knowledge.notSyncedTitle')}>
                  {t('knowledge.notSynced')}
                </span>
              )}
            </label>
          </li>
        ))}
      </ul>
    </section>
  );
}

function EscalationTeamName({ kind }: { kind: string }) {
  const { t } = useTranslation();
  const { db } = useWorkstation();
  // The workspace's own team of that kind when the workstation knows one; else the kind's name.
  const team = useLiveQuery(async () => (await db.teams.toArray()).find((x) => x.kind === kind && !x.deletedAt)?.name ?? null, [db, kind]);
  const label = team ?? t(`knowledge.teams.${kind as 'tech'}`, { defaultValue: kind });
  return <p className="knowledge-team">{t('knowledge.escalationTeam', { team: label })}</p>;
}

function SuggestedArticles({ conversationId, category }: { conversationId: string; category: Category | null }) {
  const { t } = useTranslation();
  const { db, agent } = useWorkstation();
  const ranked = useLiveQuery(
    async () => rankArticles(await db.articles.toArray(), { category, text: await customerText(db, conversationId) }),
    [db, conversationId, category],
  );
  if (!ranked) return null;
  return (
    <section data-testid="knowledge-articles">
      <h3>{t('knowledge.articles')}</h3>
      {ranked.length === 0 ? (
        <p className="muted">{t('knowledge.noArticles')}</p>
      ) : (
        <ul className="knowledge-articles">
          {ranked.map(({ article }) => (
            <ArticleItem key={article.id} article={article} onInsert={() => appendToDraft(agent.id, conversationId, article.body)} />
          ))}
        </ul>
      )}
    </section>
  );
}

function ArticleItem({ article, onInsert }: { article: Article; onInsert: () => void }) {
  const { t } = useTranslation();
  return (
    <li data-testid="knowledge-article">
      <details>
        <summary>
          {article.title}{' '}
          <span className={`badge badge-${article.audience}`}>
            {article.audience === 'customer' ? t('knowledge.forCustomer') : t('knowledge.internal')}
          </span>
        </summary>
        <p className="knowledge-article-body">{article.body}</p>
        {article.audience === 'customer' && (
          <button type="button" className="link" onClick={onInsert}>
            {t('knowledge.insertArticle')}
          </button>
        )}
      </details>
    </li>
  );
}

function SuggestedMacros({ category }: { category: Category | null }) {
  const { t } = useTranslation();
  const { db } = useWorkstation();
  const macros = useLiveQuery(async () => {
    const table = macroTable(db);
    return table ? suggestMacros(await table.toArray(), category) : [];
  }, [db, category]);
  if (!macros || category === null) return null;
  return (
    <section data-testid="knowledge-macros">
      <h3>{t('knowledge.macros')}</h3>
      {macros.length === 0 ? (
        <p className="muted">{t('knowledge.noMacros')}</p>
      ) : (
        <ul className="knowledge-macros">
          {macros.map((m) => (
            <li key={m.id} title={m.description} data-testid="knowledge-macro">
              {/* Opens the macro's preview on this ticket; running it stays the agent's call. */}
              <button type="button" className="link" onClick={() => void runMacroCommand({ do: 'run', macroId: m.id }, db)}>
                {m.name}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
