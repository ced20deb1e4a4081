import type { DesktopNotice } from '../protocol/bridge';

/** One system notification (Electron's Notification). */
export interface SystemNotification {
  on(event: 'click' | 'close', listener: () => void): unknown;
  show(): void;
  close(): void;
}

export interface NotificationFactory {
  isSupported(): boolean;
  create(options: { title: string; body: string }): SystemNotification;
}

export interface Notifier {
  show(notice: DesktopNotice): void;
}

// Electron drops a notification's click handler once the object is garbage collected (on
// Windows, notifications sit in the Action Center for a long time), so shown ones are held
// here; only the newest few, as older ones are rarely clicked.
const MAX_HELD = 20;

/**
 * Shows the renderer's notices; a click opens the conversation. A newer notice about the
 * same conversation replaces the older one instead of stacking up.
 */
export function createNotifier(
  factory: NotificationFactory,
  openConversation: (conversationId: string) => void,
  log: (message: string) => void,
): Notifier {
  const held = new Map<string, SystemNotification>();
  let warned = false;

  return {
    show(notice) {
      if (!factory.isSupported()) {
        if (!warned) log('System notifications are not supported on this desktop');
        warned = true;
        return;
      }
      const previous = held.get(notice.conversationId);
      if (previous) {
        held.delete(notice.conversationId);
        previous.close();
      }
      const notification = factory.create({ title: notice.title, body: notice.body });
      notification.on('click', () => openConversation(notice.conversationId));
      notification.on('close', () => {
        if (held.get(notice.conversationId) === notification) held.delete(notice.conversationId);
      });
      held.set(notice.conversationId, notification);
      for (const [id] of held) {
        if (held.size <= MAX_HELD) break;
        held.delete(id);
      }
      notification.show();
    },
  };
}
