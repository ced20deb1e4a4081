import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatTime } from '../../app/format';
import type { LocalMessage } from '../../data';
import { draftKey, uiStore } from '../../stores/ui';
import { useWorkstation } from '../workspace/workstation';
import { rejectionText } from './rejection';

export const MessageItem = memo(function MessageItem({ message: m }: { message: LocalMessage }) {
  const { t, i18n } = useTranslation();
  const { engine, agent } = useWorkstation();

  // The refused text goes back into the reply box so the agent can change it and send again.
  const editAndResend = async () => {
    const ui = uiStore.getState();
    const key = draftKey(agent.id, m.conversationId);
    const draft = ui.drafts[key];
    ui.setDraft(key, draft ? `${draft}\n${m.body}` : m.body);
    await engine.discardFailed(m.id);
    ui.focusReply();
  };

  return (
    <article
      className={`message message-${m.kind}${m.pending ? ' is-pending' : ''}${m.failed ? ' is-failed' : ''}`}
      data-testid="message"
      data-message-id={m.id}
      data-pending={m.pending}
    >
      <header className="message-header">
        <span className="message-author">{m.authorName}</span>
        {m.kind === 'note' && <span className="chip">{t('thread.note')}</span>}
        <time dateTime={m.createdAt}>{formatTime(m.createdAt, i18n.language)}</time>
        {m.pending === 1 && <span className="message-sending">{t('message.sending')}</span>}
      </header>
      <p className="message-body">{m.body}</p>
      {m.failed && (
        <div className="message-failed" role="alert" data-testid="message-failed">
          <span>{t('message.failed', { reason: rejectionText(t, m.failed) })}</span>
          <button type="button" onClick={() => void editAndResend()}>
            {t('message.editResend')}
          </button>
          <button type="button" onClick={() => void engine.discardFailed(m.id)}>
            {t('message.discard')}
          </button>
        </div>
      )}
    </article>
  );
});
