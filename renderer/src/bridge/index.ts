import type { KadeskBridge } from '../../../protocol';
import { createBrowserBridge, type WebNotifications } from './browser-bridge';

let browserBridge: KadeskBridge | null = null;

/** The page's Notification API, where the browser has one (secure contexts only). */
function webNotifications(): WebNotifications | null {
  if (typeof Notification === 'undefined') return null;
  return {
    get permission() {
      return Notification.permission;
    },
    requestPermission: () => Notification.requestPermission(),
    show: (title, options, onClick) => {
      const shown = new Notification(title, options);
      shown.onclick = onClick;
      return shown;
    },
  };
}

/** The host's bridge: Electron's preload API when present, else the browser-mode one. */
export function getBridge(): KadeskBridge {
  if (window.kadesk) return window.kadesk;
  browserBridge ??= createBrowserBridge({
    location: window.location,
    storage: window.localStorage,
    document,
    open: (url, target, features) => window.open(url, target, features),
    notifications: webNotifications(),
    focus: () => window.focus(),
  });
  return browserBridge;
}
