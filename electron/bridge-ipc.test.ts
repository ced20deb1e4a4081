import { describe, expect, it, vi } from 'vitest';
import { BRIDGE_CHANNELS, type DesktopNotice, type ShortcutStatus, type UpdateStatus } from '../protocol/bridge';
import {
  BridgeRejection,
  createBridgeRoutes,
  createBridgeServices,
  isTrustedSender,
  type BridgeRoute,
  type HostServices,
  type IpcSender,
} from './bridge-ipc';
import type { TokenStore } from './token-store';

const APP = 'app://kadesk';
const CONVERSATION = '01JD6Q2V3X4Y5Z6A7B8C9D0EFG';
const NOTICE: DesktopNotice = { kind: 'mention', conversationId: CONVERSATION, title: '王五 提到了你', body: '@李雷 请看一下' };
const APP_FRAME: IpcSender = { url: 'app://kadesk/index.html#/inbox', isMainFrame: true };

function setup() {
  let token: string | null = null;
  const tokens: TokenStore = {
    get: async () => token,
    set: async (t) => {
      token = t;
    },
  };
  const host = {
    serverUrl: 'http://127.0.0.1:4170',
    tokens,
    setBadge: vi.fn(),
    openExternal: vi.fn(async () => {}),
    notify: vi.fn(),
    opener: { take: vi.fn(() => CONVERSATION) },
    updates: {
      status: vi.fn((): UpdateStatus => ({ phase: 'available', version: '1.2.0' })),
      check: vi.fn(async () => {}),
      download: vi.fn(async () => {}),
      install: vi.fn(),
    },
    focusShortcut: vi.fn((): ShortcutStatus => ({ accelerator: 'Alt+Space', registered: false, failure: 'taken' })),
  } satisfies HostServices;
  const routes = new Map(createBridgeRoutes(createBridgeServices(host), APP).map((r) => [r.channel, r]));
  const route = (channel: string): BridgeRoute => {
    const found = routes.get(channel as BridgeRoute['channel']);
    if (!found) throw new Error(`no route ${channel}`);
    return found;
  };
  return { host, routes, route };
}

describe('isTrustedSender', () => {
  it('trusts only the app origin in the main frame', () => {
    expect(isTrustedSender(APP_FRAME, APP)).toBe(true);
    expect(isTrustedSender({ url: 'app://kadesk/index.html', isMainFrame: false }, APP)).toBe(false);
    expect(isTrustedSender({ url: 'https://evil.example/', isMainFrame: true }, APP)).toBe(false);
    expect(isTrustedSender({ url: 'app://kadesk.evil/', isMainFrame: true }, APP)).toBe(false);
    expect(isTrustedSender(null, APP)).toBe(false);
  });
});

describe('desktop channels', () => {
  it('passes a valid notice on as it came', async () => {
    const { route, host } = setup();
    await route(BRIDGE_CHANNELS.notify).handle(APP_FRAME, [NOTICE]);
    expect(host.notify).toHaveBeenCalledWith(NOTICE);
  });

  it('drops unknown fields of a notice', async () => {
    const { route, host } = setup();
    await route(BRIDGE_CHANNELS.notify).handle(APP_FRAME, [{ ...NOTICE, icon: 'file:///etc/passwd' }]);
    expect(host.notify).toHaveBeenCalledWith(NOTICE);
  });

  it('hands over the pending conversation and the update and shortcut state', async () => {
    const { route, host } = setup();
    expect(await route(BRIDGE_CHANNELS.takeOpenConversation).handle(APP_FRAME, [])).toBe(CONVERSATION);
    expect(await route(BRIDGE_CHANNELS.updateStatus).handle(APP_FRAME, [])).toEqual({ phase: 'available', version: '1.2.0' });
    await route(BRIDGE_CHANNELS.checkForUpdate).handle(APP_FRAME, []);
    await route(BRIDGE_CHANNELS.downloadUpdate).handle(APP_FRAME, []);
    await route(BRIDGE_CHANNELS.installUpdate).handle(APP_FRAME, []);
    expect(host.updates.check).toHaveBeenCalledTimes(1);
    expect(host.updates.download).toHaveBeenCalledTimes(1);
    expect(host.updates.install).toHaveBeenCalledTimes(1);
    expect(await route(BRIDGE_CHANNELS.focusShortcut).handle(APP_FRAME, [])).toEqual({
      accelerator: 'Alt+Space',
      registered: false,
      failure: 'taken',
    });
  });
});

describe('createBridgeRoutes', () => {
  it('registers exactly the channels of the shared allowlist', () => {
    const { routes } = setup();
    expect([...routes.keys()].sort()).toEqual(Object.values(BRIDGE_CHANNELS).sort());
  });

  it('serves the bridge calls to the app window', async () => {
    const { route, host } = setup();
    expect(await route(BRIDGE_CHANNELS.serverUrl).handle(APP_FRAME, [])).toBe('http://127.0.0.1:4170');
    await route(BRIDGE_CHANNELS.setToken).handle(APP_FRAME, ['tok']);
    expect(await route(BRIDGE_CHANNELS.getToken).handle(APP_FRAME, [])).toBe('tok');
    await route(BRIDGE_CHANNELS.setToken).handle(APP_FRAME, [null]);
    expect(await route(BRIDGE_CHANNELS.getToken).handle(APP_FRAME, [])).toBeNull();
    await route(BRIDGE_CHANNELS.setBadge).handle(APP_FRAME, [3]);
    expect(host.setBadge).toHaveBeenCalledWith(3);
  });

  it('refuses every channel to a foreign sender before doing anything', async () => {
    const { routes, host } = setup();
    const foreign = { url: 'https://evil.example/', isMainFrame: true };
    for (const route of routes.values()) {
      await expect(route.handle(foreign, ['https://example.com'])).rejects.toThrow(/sender/);
    }
    expect(host.openExternal).not.toHaveBeenCalled();
    expect(host.setBadge).not.toHaveBeenCalled();
    expect(host.notify).not.toHaveBeenCalled();
    expect(host.opener.take).not.toHaveBeenCalled();
    expect(host.updates.install).not.toHaveBeenCalled();
    expect(host.updates.download).not.toHaveBeenCalled();
  });

  it.each([
    [BRIDGE_CHANNELS.setToken, [42]],
    [BRIDGE_CHANNELS.setToken, ['']],
    [BRIDGE_CHANNELS.setToken, ['x'.repeat(9000)]],
    [BRIDGE_CHANNELS.setToken, []],
    [BRIDGE_CHANNELS.setBadge, [-1]],
    [BRIDGE_CHANNELS.setBadge, [1.5]],
    [BRIDGE_CHANNELS.setBadge, ['3']],
    [BRIDGE_CHANNELS.openExternal, [{ href: 'https://example.com' }]],
    [BRIDGE_CHANNELS.serverUrl, ['extra']],
    [BRIDGE_CHANNELS.notify, []],
    [BRIDGE_CHANNELS.notify, [{ ...NOTICE, kind: 'spam' }]],
    [BRIDGE_CHANNELS.notify, [{ ...NOTICE, conversationId: '../../etc/passwd' }]],
    [BRIDGE_CHANNELS.notify, [{ ...NOTICE, title: '' }]],
    [BRIDGE_CHANNELS.notify, [{ ...NOTICE, body: 'x'.repeat(501) }]],
    [BRIDGE_CHANNELS.notify, [NOTICE, NOTICE]],
    [BRIDGE_CHANNELS.takeOpenConversation, ['01JD6Q2V3X4Y5Z6A7B8C9D0EFG']],
    [BRIDGE_CHANNELS.installUpdate, [true]],
    [BRIDGE_CHANNELS.downloadUpdate, ['https://evil.example/kadesk.exe']],
    [BRIDGE_CHANNELS.checkForUpdate, [{ url: 'https://evil.example/' }]],
    [BRIDGE_CHANNELS.updateStatus, [1]],
    [BRIDGE_CHANNELS.focusShortcut, ['Alt+F4']],
  ])('rejects invalid arguments on %s: %j', async (channel, args) => {
    await expect(setup().route(channel).handle(APP_FRAME, args)).rejects.toThrow(/invalid arguments/);
  });

  it('opens only safe external links, normalised', async () => {
    const { route, host } = setup();
    await route(BRIDGE_CHANNELS.openExternal).handle(APP_FRAME, ['HTTPS://Example.com/kb']);
    expect(host.openExternal).toHaveBeenCalledWith('https://example.com/kb');
    await expect(route(BRIDGE_CHANNELS.openExternal).handle(APP_FRAME, ['file:///etc/passwd'])).rejects.toThrow(
      BridgeRejection,
    );
    expect(host.openExternal).toHaveBeenCalledTimes(1);
  });
});
