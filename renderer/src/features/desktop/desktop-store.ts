import { createStore } from 'zustand/vanilla';
import type { KadeskBridge, NotificationAccess, ShortcutStatus, UpdateStatus } from '../../../../protocol';

export interface DesktopState {
  update: UpdateStatus;
  /** The agent asked for a check: "checking" and "up to date" are shown for it. */
  manualCheck: boolean;
  access: NotificationAccess;
  shortcut: ShortcutStatus | null;
  /** Banners the agent closed this session. */
  dismissed: { update: boolean; shortcut: boolean; notifications: boolean };
}

export type DesktopStore = ReturnType<typeof createDesktopStore>;

export function createDesktopStore() {
  return createStore<DesktopState>(() => ({
    update: { phase: 'disabled' },
    manualCheck: false,
    access: 'unsupported',
    shortcut: null,
    dismissed: { update: false, shortcut: false, notifications: false },
  }));
}

/** The app's one desktop store; tests build their own. */
export const desktopStore = createDesktopStore();

/** Loads what the host knows and follows update progress; returns the unsubscribe. */
export function connectDesktopStore(store: DesktopStore, bridge: KadeskBridge): () => void {
  let live = true;
  const setUpdate = (update: UpdateStatus) => {
    if (!live) return;
    // A new state of the update process brings a closed banner back.
    store.setState((s) => ({ update, dismissed: { ...s.dismissed, update: false } }));
  };
  const unsubscribe = bridge.onUpdateStatus(setUpdate);
  void Promise.all([bridge.updateStatus(), bridge.notificationAccess(), bridge.focusShortcut()]).then(
    ([update, access, shortcut]) => {
      if (!live) return;
      store.setState({ update, access, shortcut });
    },
    () => {},
  );
  return () => {
    live = false;
    unsubscribe();
  };
}

/** What the palette and the banner buttons can ask the desktop shell to do. */
export const DESKTOP_ACTIONS = ['checkUpdate', 'downloadUpdate', 'installUpdate', 'enableNotifications'] as const;
export type DesktopAction = (typeof DESKTOP_ACTIONS)[number];

export async function runDesktopAction(action: DesktopAction, bridge: KadeskBridge, store: DesktopStore = desktopStore): Promise<void> {
  switch (action) {
    case 'checkUpdate': {
      const { update } = store.getState();
      // A failed download is retried as a download; the feed need not be asked again.
      if (update.phase === 'error' && update.during === 'download') return bridge.downloadUpdate();
      store.setState((s) => ({ manualCheck: true, dismissed: { ...s.dismissed, update: false } }));
      return bridge.checkForUpdate();
    }
    case 'downloadUpdate':
      return bridge.downloadUpdate();
    case 'installUpdate':
      return bridge.installUpdate();
    case 'enableNotifications': {
      const access = await bridge.requestNotificationAccess();
      store.setState((s) => ({ access, dismissed: { ...s.dismissed, notifications: false } }));
      return;
    }
  }
}
