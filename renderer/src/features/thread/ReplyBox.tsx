import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { draftKey, useUi, uiStore } from '../../stores/ui';
import { useWorkstation } from '../workspace/workstation';

/** The protocol's limit on a message body (after trimming). */
const MAX_BODY = 20_000;

export function ReplyBox({ conversationId }: { conversationId: string }) {
  const { t } = useTranslation();
  const { engine, agent } = useWorkstation();
  const key = draftKey(agent.id, conversationId);
  const draft = useUi((s) => s.drafts[key] ?? '');
  const replyFocus = useUi((s) => s.replyFocus);
  const [error, setError] = useState<string | null>(null);
  const inputRef = useRef<HTMLTextAreaElement>(null);
  const inputId = useId();

  useEffect(() => {
    if (replyFocus > 0) inputRef.current?.focus();
  }, [replyFocus]);

  const body = draft.trim();
  const tooLong = body.length > MAX_BODY;
  const canSend = body !== '' && !tooLong;

  const send = async () => {
    if (!canSend) return;
    const { setDraft } = uiStore.getState();
    setDraft(key, '');
    setError(null);
    try {
      await engine.sendReply(conversationId, body);
    } catch (err) {
      setDraft(key, draft);
      setError(t('reply.failed', { message: err instanceof Error ? err.message : String(err) }));
    }
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void send();
    }
  };

  return (
    <form
      className="reply"
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
    >
      <label className="visually-hidden" htmlFor={inputId}>
        {t('reply.label')}
      </label>
      <textarea
        id={inputId}
        ref={inputRef}
        className="reply-input"
        value={draft}
        placeholder={t('reply.placeholder')}
        aria-invalid={tooLong}
        onChange={(e) => {
          uiStore.getState().setDraft(key, e.target.value);
          engine.presence.typed(conversationId);
        }}
        onKeyDown={onKeyDown}
        data-testid="reply-input"
      />
      <div className="reply-footer">
        {tooLong && (
          <p className="reply-error" role="alert">
            {t('reply.tooLong', { max: MAX_BODY })}
          </p>
        )}
        {error && (
          <p className="reply-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={!canSend} data-testid="reply-send">
          {t('reply.send')}
        </button>
      </div>
    </form>
  );
}
