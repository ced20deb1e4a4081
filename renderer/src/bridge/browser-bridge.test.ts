import { describe, expect, it, vi } from 'vitest';
import { createBrowserBridge, type BrowserEnv, type WebNotification, type WebNotifications } from './browser-bridge';

function env(
  search = '',
  stored: Record<string, string> = {},
  notifications: WebNotifications | null = null,
): BrowserEnv & { items: Map<string, string> } {
  const items = new Map(Object.entries(stored));
  return {
    items,
    notifications,
    focus: vi.fn(),
    location: { origin: 'https://desk.example.test', search },
    storage: {
      getItem: (k) => items.get(k) ?? null,
      setItem: (k, v) => void items.set(k, v),
      removeItem: (k) => void items.delete(k),
    },
    document: { title: 'Kadesk' },
    open: vi.fn(),
  };
}

describe('browser bridge', () => {
  it('uses the page origin, or a ?server= URL that it remembers', async () => {
    expect(await createBrowserBridge(env()).serverUrl()).toBe('https://desk.example.test');

    const e = env('?server=http://127.0.0.1:4170/');
    expect(await createBrowserBridge(e).serverUrl()).toBe('http://127.0.0.1:4170');
    // A later visit without the parameter keeps the choice.
    expect(await createBrowserBridge({ ...e, location: { ...e.location, search: '' } }).serverUrl()).toBe(
      'http://127.0.0.1:4170',
    );
  });

  it('ignores a ?server= that is not an http(s) URL', async () => {
    expect(await createBrowserBridge(env('?server=javascript:alert(1)')).serverUrl()).toBe('https://desk.example.test');
  });

  it('keeps the token in storage and clears it', async () => {
    const e = env();
    const bridge = createBrowserBridge(e);
    await bridge.setToken('tok');
    expect(await bridge.getToken()).toBe('tok');
    await bridge.setToken(null);
    expect(await bridge.getToken()).toBeNull();
  });

  it('shows the badge as a title prefix', async () => {
    const e = env();
    const bridge = createBrowserBridge(e);
    await bridge.setBadge(3);
    expect(e.document.title).toBe('(3) Kadesk');
    await bridge.setBadge(12);
    expect(e.document.title).toBe('(12) Kadesk');
    await bridge.setBadge(0);
    expect(e.document.title).toBe('Kadesk');
  });

  it('opens only http(s) links, without an opener', async () => {
    const e = env();
    const bridge = createBrowserBridge(e);
    await bridge.openExternal('https://help.example.test/a');
    await bridge.openExternal('file:///etc/passwd');
    expect(e.open).toHaveBeenCalledTimes(1);
    expect(e.open).toHaveBeenCalledWith('https://help.example.test/a', '_blank', 'noopener,noreferrer');
  });
});

const ID = '01JD6Q2V3X4Y5Z6A7B8C9D0EFG';
const NOTICE = { kind: 'assigned' as const, conversationId: ID, title: '新分配给你的会话', body: '点卡充值未到账' };

function webNotifications(permission: 'default' | 'granted' | 'denied', answer: 'granted' | 'denied' = 'granted') {
  const shown: Array<{
    title: string;
    options: { body: string; tag: string };
    click: () => void;
    n: WebNotification & { closed: boolean };
  }> = [];
  const api = {
    permission,
    requestPermission: vi.fn(async () => {
      api.permission = answer;
      return answer;
    }),
    show: (title: string, options: { body: string; tag: string }, click: () => void) => {
      const n = {
        closed: false,
        close() {
          this.closed = true;
        },
      };
      shown.push({ title, options, click, n });
      return n;
    },
  };
  return { api, shown };
}

describe('browser notifications', () => {
  it('shows a web notification once allowed; a click focuses the tab and opens the conversation', async () => {
    const { api, shown } = webNotifications('granted');
    const e = env('', {}, api);
    const bridge = createBrowserBridge(e);
    const opened: string[] = [];
    bridge.onOpenConversation((id) => opened.push(id));
    await bridge.notify(NOTICE);
    expect(shown).toHaveLength(1);
    expect(shown[0]).toMatchObject({ title: NOTICE.title, options: { body: NOTICE.body, tag: ID } });
    shown[0]?.click();
    expect(e.focus).toHaveBeenCalled();
    expect(shown[0]?.n.closed).toBe(true);
    expect(opened).toEqual([ID]);
  });

  it('asks for permission only when asked to, and shows nothing before', async () => {
    const { api, shown } = webNotifications('default');
    const bridge = createBrowserBridge(env('', {}, api));
    expect(await bridge.notificationAccess()).toBe('prompt');
    await bridge.notify(NOTICE);
    expect(shown).toHaveLength(0);
    expect(api.requestPermission).not.toHaveBeenCalled();
    expect(await bridge.requestNotificationAccess()).toBe('granted');
    await bridge.notify(NOTICE);
    expect(shown).toHaveLength(1);
  });

  it('respects a refusal and does not ask again', async () => {
    const { api, shown } = webNotifications('default', 'denied');
    const bridge = createBrowserBridge(env('', {}, api));
    expect(await bridge.requestNotificationAccess()).toBe('denied');
    expect(await bridge.requestNotificationAccess()).toBe('denied');
    expect(api.requestPermission).toHaveBeenCalledTimes(1);
    await bridge.notify(NOTICE);
    expect(shown).toHaveLength(0);
  });

  it('reports browsers without notifications', async () => {
    const bridge = createBrowserBridge(env());
    expect(await bridge.notificationAccess()).toBe('unsupported');
    expect(await bridge.requestNotificationAccess()).toBe('unsupported');
    await expect(bridge.notify(NOTICE)).resolves.toBeUndefined();
  });

  it('has no updates or global shortcut in a browser', async () => {
    const bridge = createBrowserBridge(env());
    expect(await bridge.updateStatus()).toEqual({ phase: 'disabled' });
    expect(await bridge.focusShortcut()).toEqual({ accelerator: null, registered: false, failure: null });
  });
});
