import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { uiStore } from '../../stores/ui';
import { useSyncStatus, useWorkstation } from '../workspace/workstation';
import { connectDesktopStore, desktopStore } from './desktop-store';
import { decideNotices, toDesktopNotice, type NoticeText, type NotificationMemory } from './notification-rules';
import { readNotificationSnapshot } from './snapshot';

/**
 * The desktop shell's part of a signed-in workspace: conversations to open from deep links
 * and notification clicks, system notifications from synced data, and the host's update
 * and shortcut state for the banners.
 */
export function useDesktopShell(): void {
  const { bridge } = useWorkstation();
  useEffect(() => connectDesktopStore(desktopStore, bridge), [bridge]);
  useEffect(
    () =>
      bridge.onOpenConversation((conversationId) => {
        const ui = uiStore.getState();
        ui.setOverlay(null);
        ui.open(conversationId);
      }),
    [bridge],
  );
  useDesktopNotifications();
}

function useDesktopNotifications(): void {
  const { t } = useTranslation();
  const { db, agent, bridge } = useWorkstation();
  const status = useSyncStatus();
  // Re-read whenever the synced data changes; the note window moves with the clock.
  const snapshot = useLiveQuery(() => readNotificationSnapshot(db, agent.id, Date.now()), [db, agent.id]);
  const memory = useRef<NotificationMemory | null>(null);
  // Until the first sync has finished, rows arriving are the backlog, not news.
  const caughtUp = status.lastSyncedAt !== null && !status.syncing;

  useEffect(() => {
    if (!snapshot || (memory.current === null && !caughtUp)) return;
    const { notices, memory: next } = decideNotices(memory.current, snapshot, agent);
    memory.current = next;
    const text: NoticeText = {
      assigned: (subject) => ({ title: t('desktop.notice.assigned'), body: subject }),
      assignedMany: (count, subject) => ({ title: t('desktop.notice.assignedMany', { count }), body: subject }),
      mention: (name, body) => ({ title: t('desktop.notice.mention', { name }), body }),
      slaWarning: (subject) => ({ title: t('desktop.notice.slaWarning'), body: subject }),
      slaBreached: (subject) => ({ title: t('desktop.notice.slaBreached'), body: subject }),
    };
    for (const reason of notices) {
      const notice = toDesktopNotice(reason, text);
      // Nothing to announce about the conversation the agent is looking at.
      if (document.hasFocus() && uiStore.getState().openId === notice.conversationId) continue;
      bridge.notify(notice).catch(() => {});
    }
  }, [snapshot, caughtUp, agent, bridge, t]);
}
