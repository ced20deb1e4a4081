import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { loadThread } from '../../data';
import { uiStore, useUi } from '../../stores/ui';
import { Colleagues, useViewing } from '../collision/Colleagues';
import { GroupMentionChip } from '../flags/GroupMentionChip';
import { TagList } from '../tags/TagList';
import { useWorkstation } from '../workspace/workstation';
import { SlaBadge } from '../inbox/SlaBadge';
import { CategoryPicker } from './CategoryPicker';
import { MessageItem } from './MessageItem';
import { rejectionText } from './rejection';
import { ReplyBox } from './ReplyBox';
import './thread.css';

/** Messages read per step; "load earlier" reads another step. */
const THREAD_PAGE = 200;

export function ThreadPane() {
  const { t } = useTranslation();
  const openId = useUi((s) => s.openId);
  if (!openId) {
    return (
      <section className="thread thread-empty" data-testid="thread-empty">
        <p>{t('thread.none')}</p>
      </section>
    );
  }
  return <Thread key={openId} conversationId={openId} />;
}

function Thread({ conversationId }: { conversationId: string }) {
  const { t } = useTranslation();
  const { db, engine } = useWorkstation();
  const [limit, setLimit] = useState(THREAD_PAGE);
  // null: not in the local database (never synced, or it left the agent's scope).
  const conversation = useLiveQuery(
    async () => (await db.conversations.get(conversationId)) ?? null,
    [db, conversationId],
  );
  const thread = useLiveQuery(() => loadThread(db, conversationId, limit), [db, conversationId, limit]);
  const assigneeId = conversation?.assigneeId ?? null;
  const assignee = useLiveQuery(async () => (assigneeId ? await db.agents.get(assigneeId) : undefined), [db, assigneeId]);
  useViewing(conversationId);

  // Opening a conversation reads it; so does a customer message arriving while it is open.
  const unread = conversation?.unreadCount ?? 0;
  useEffect(() => {
    if (unread > 0) void engine.markRead(conversationId);
  }, [engine, conversationId, unread]);

  const messagesRef = useRef<HTMLDivElement>(null);
  const lastMessageId = thread?.rows.at(-1)?.id;
  useEffect(() => {
    const el = messagesRef.current;
    if (el && lastMessageId) el.scrollTop = el.scrollHeight;
  }, [lastMessageId]);

  if (conversation === undefined) return <section className="thread" aria-busy="true" />;
  if (conversation === null) {
    return (
      <section className="thread thread-empty" data-testid="thread-empty">
        <p>{t('thread.missing')}</p>
      </section>
    );
  }

  const resolved = conversation.status === 'resolved';
  return (
    <section className="thread" data-testid="thread" data-conversation-id={conversation.id}>
      <header className="thread-header">
        <div className="thread-title">
          <h2>{conversation.subject}</h2>
          <div className="thread-meta">
            <span className={`channel channel-${conversation.channel}`}>{t(`channel.${conversation.channel}`)}</span>
            <span className={`chip status-${conversation.status}`} data-testid="thread-status" data-status={conversation.status}>
              {t(`status.${conversation.status}`)}
            </span>
            <CategoryPicker conversation={conversation} />
            <span className={`chip priority-${conversation.priority}`}>{t(`priority.${conversation.priority}`)}</span>
            {conversation.repeat && (
              <span className="chip repeat" title={t('repeat.title')}>
                {t('repeat.flag')}
              </span>
            )}
            <GroupMentionChip conversation={conversation} />
            <TagList tags={conversation.tags} />
            <SlaBadge sla={conversation.sla} />
            <span className="thread-owner">
              {assigneeId ? t('thread.owner', { name: assignee?.name ?? assigneeId }) : t('thread.unassigned')}
            </span>
          </div>
          <Colleagues conversationId={conversation.id} />
        </div>
        <div className="thread-actions">
          <button
            type="button"
            disabled={resolved}
            onClick={() => void engine.setStatus(conversation.id, 'resolved')}
            data-testid="thread-resolve"
          >
            {t('thread.resolve')} <kbd>e</kbd>
          </button>
          <button type="button" onClick={() => uiStore.getState().open(null)}>
            {t('thread.close')} <kbd>Esc</kbd>
          </button>
        </div>
      </header>
      {conversation.rejection && (
        <div className="notice notice-error" role="alert" data-testid="thread-rejection">
          <span>{t('thread.rejected', { reason: rejectionText(t, conversation.rejection) })}</span>
          <button type="button" onClick={() => void engine.dismissRejection(conversation.id)}>
            {t('thread.dismiss')}
          </button>
        </div>
      )}
      <div className="thread-messages" ref={messagesRef}>
        {thread?.hasMore && (
          <button type="button" className="thread-earlier" onClick={() => setLimit((l) => l + THREAD_PAGE)}>
            {t('thread.earlier')}
          </button>
        )}
        {thread?.rows.length === 0 && <p className="thread-no-messages">{t('thread.noMessages')}</p>}
        {thread?.rows.map((m) => <MessageItem key={m.id} message={m} />)}
      </div>
      <ReplyBox conversationId={conversation.id} />
    </section>
  );
}
