import { useEffect, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { useWorkstation } from '../workspace/workstation';
import './collision.css';

/** Tells colleagues this conversation is on screen, for as long as it is. */
export function useViewing(conversationId: string): void {
  const { engine } = useWorkstation();
  useEffect(() => {
    engine.presence.view(conversationId);
    return () => engine.presence.view(null);
  }, [engine, conversationId]);
}

/** Who else has this conversation open, and who is typing in it, so two agents do not answer at once. */
export function Colleagues({ conversationId }: { conversationId: string }) {
  const { t } = useTranslation();
  const { presence } = useWorkstation().engine;
  useSyncExternalStore(
    (listener) => presence.subscribe(listener),
    () => presence.getVersion(),
  );
  // Typing is shown until it expires; re-render then, since no frame announces the end.
  const [, setExpired] = useState(0);
  const expiresAt = presence.typingExpiresAt(conversationId);
  useEffect(() => {
    if (expiresAt === null) return;
    const timer = setTimeout(() => setExpired((n) => n + 1), Math.max(0, expiresAt - Date.now()) + 50);
    return () => clearTimeout(timer);
  }, [expiresAt]);

  const colleagues = presence.colleagues(conversationId);
  if (colleagues.length === 0) return null;
  return (
    <p className="colleagues" role="status" data-testid="colleagues">
      {colleagues.map((c) => (
        <span key={c.agentId} className={c.typing ? 'is-typing' : undefined} data-testid="colleague" data-typing={c.typing}>
          {t(c.typing ? 'collision.typing' : 'collision.viewing', { name: c.name })}
        </span>
      ))}
    </p>
  );
}
