import type { DesktopNotice, KadeskBridge, NotificationAccess, ShortcutStatus, UpdateStatus } from '../../../protocol';

/** One shown web notification. */
export interface WebNotification {
  close(): void;
}

/** The page's Notification API (absent in some browsers and in insecure contexts). */
export interface WebNotifications {
  readonly permission: 'default' | 'granted' | 'denied';
  requestPermission(): Promise<'default' | 'granted' | 'denied'>;
  show(title: string, options: { body: string; tag: string }, onClick: () => void): WebNotification;
}

/** What the browser-mode bridge needs from the page; tests pass their own. */
export interface BrowserEnv {
  location: { origin: string; search: string };
  storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
  document: { title: string };
  open: (url: string, target: string, features: string) => unknown;
  /** Absent where the browser has no Notification API. */
  notifications?: WebNotifications | null;
  focus?: () => void;
}

const SERVER_KEY = 'kadesk.serverUrl';
const TOKEN_KEY = 'kadesk.token';
const BADGE_PREFIX = /^\(\d+\) /;

// A browser tab cannot update itself or own a system-wide shortcut.
const NO_UPDATES: UpdateStatus = { phase: 'disabled' };
const NO_SHORTCUT: ShortcutStatus = { accelerator: null, registered: false, failure: null };

function httpUrl(raw: string): URL | null {
  try {
    const url = new URL(raw);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

/** An http(s) URL as a server base (no query, no trailing slash), or null. */
export function normaliseServerUrl(raw: string): string | null {
  const url = httpUrl(raw);
  return url && `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}

function accessOf(notifications: WebNotifications | null | undefined): NotificationAccess {
  if (!notifications) return 'unsupported';
  return notifications.permission === 'default' ? 'prompt' : notifications.permission;
}

/**
 * The bridge when the workstation runs as a web page (no Electron): the server is the
 * page's own origin unless `?server=` names another (remembered for later visits), the
 * token lives in localStorage, the unread badge goes into the tab title, and notifications
 * are the Web Notifications API's, once the agent allowed them.
 */
export function createBrowserBridge(env: BrowserEnv): KadeskBridge {
  const fromQuery = new URLSearchParams(env.location.search).get('server');
  const chosen = fromQuery === null ? null : normaliseServerUrl(fromQuery);
  if (chosen) env.storage.setItem(SERVER_KEY, chosen);
  const openListeners = new Set<(conversationId: string) => void>();

  return {
    mode: 'browser',
    async serverUrl() {
      const stored = env.storage.getItem(SERVER_KEY);
      return (stored && normaliseServerUrl(stored)) ?? env.location.origin;
    },
    async getToken() {
      return env.storage.getItem(TOKEN_KEY);
    },
    async setToken(token) {
      if (token === null) env.storage.removeItem(TOKEN_KEY);
      else env.storage.setItem(TOKEN_KEY, token);
    },
    async setBadge(count) {
      const title = env.document.title.replace(BADGE_PREFIX, '');
      env.document.title = count > 0 ? `(${count}) ${title}` : title;
    },
    async openExternal(url) {
      if (!httpUrl(url)) return;
      env.open(url, '_blank', 'noopener,noreferrer');
    },
    async notify(notice: DesktopNotice) {
      if (accessOf(env.notifications) !== 'granted' || !env.notifications) return;
      // The tag makes a newer notice about the same conversation replace the older one.
      const shown = env.notifications.show(notice.title, { body: notice.body, tag: notice.conversationId }, () => {
        env.focus?.();
        shown.close();
        for (const listener of openListeners) listener(notice.conversationId);
      });
    },
    async notificationAccess() {
      return accessOf(env.notifications);
    },
    async requestNotificationAccess() {
      if (env.notifications?.permission === 'default') await env.notifications.requestPermission();
      return accessOf(env.notifications);
    },
    onOpenConversation(listener) {
      openListeners.add(listener);
      return () => void openListeners.delete(listener);
    },
    async updateStatus() {
      return NO_UPDATES;
    },
    onUpdateStatus() {
      return () => {};
    },
    async checkForUpdate() {},
    async downloadUpdate() {},
    async installUpdate() {},
    async focusShortcut() {
      return NO_SHORTCUT;
    },
  };
}
