import { describe, expect, it, vi } from 'vitest';
import type { KadeskBridge, UpdateStatus } from '../../../../protocol';
import { createBrowserBridge } from '../../bridge/browser-bridge';
import { connectDesktopStore, createDesktopStore, runDesktopAction } from './desktop-store';

function hostBridge(initial: UpdateStatus) {
  let listener: ((s: UpdateStatus) => void) | null = null;
  const base = createBrowserBridge({
    location: { origin: 'http://127.0.0.1:4170', search: '' },
    storage: { getItem: () => null, setItem: () => {}, removeItem: () => {} },
    document: { title: 'Kadesk' },
    open: () => null,
  });
  const bridge: KadeskBridge = {
    ...base,
    mode: 'electron',
    updateStatus: async () => initial,
    onUpdateStatus: (l) => {
      listener = l;
      return () => (listener = null);
    },
    checkForUpdate: vi.fn(async () => {}),
    downloadUpdate: vi.fn(async () => {}),
    installUpdate: vi.fn(async () => {}),
    notificationAccess: async () => 'granted',
    focusShortcut: async () => ({ accelerator: 'Alt+Space', registered: false, failure: 'taken' }),
  };
  return { bridge, push: (s: UpdateStatus) => listener?.(s), listening: () => listener !== null };
}

describe('desktop store', () => {
  it('loads the host state and follows update events until disconnected', async () => {
    const store = createDesktopStore();
    const { bridge, push, listening } = hostBridge({ phase: 'available', version: '1.2.0' });
    const disconnect = connectDesktopStore(store, bridge);
    await vi.waitFor(() => expect(store.getState().update).toEqual({ phase: 'available', version: '1.2.0' }));
    expect(store.getState().access).toBe('granted');
    expect(store.getState().shortcut?.failure).toBe('taken');

    store.setState({ dismissed: { update: true, shortcut: false, notifications: false } });
    push({ phase: 'ready', version: '1.2.0' });
    expect(store.getState().update).toEqual({ phase: 'ready', version: '1.2.0' });
    expect(store.getState().dismissed.update).toBe(false);
    disconnect();
    expect(listening()).toBe(false);
  });

  it('retries a failed download as a download, and marks a manual check', async () => {
    const store = createDesktopStore();
    const { bridge } = hostBridge({ phase: 'idle' });
    store.setState({ update: { phase: 'error', during: 'download', message: 'sha512 checksum mismatch' } });
    await runDesktopAction('checkUpdate', bridge, store);
    expect(bridge.downloadUpdate).toHaveBeenCalledTimes(1);
    expect(bridge.checkForUpdate).not.toHaveBeenCalled();
    store.setState({ update: { phase: 'up-to-date', checkedAt: '2026-11-23T09:00:00.000Z' } });
    await runDesktopAction('checkUpdate', bridge, store);
    expect(bridge.checkForUpdate).toHaveBeenCalledTimes(1);
    expect(store.getState().manualCheck).toBe(true);
  });

  it('records the answer to the notification permission request', async () => {
    const store = createDesktopStore();
    const { bridge } = hostBridge({ phase: 'idle' });
    await runDesktopAction('enableNotifications', { ...bridge, requestNotificationAccess: async () => 'denied' }, store);
    expect(store.getState().access).toBe('denied');
  });
});
