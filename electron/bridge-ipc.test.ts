import { describe, expect, it, vi } from 'vitest';
import { BRIDGE_CHANNELS } from '../protocol/bridge';
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
const APP_FRAME: IpcSender = { url: 'app://kadesk/index.html#/inbox', isMainFrame: true };

function setup() {
  let token: string | null = null;
  const tokens: TokenStore = {
    get: async () => token,
    set: async (t) => {
      token = t;
    },
  };
  const host: HostServices = {
    serverUrl: 'http://127.0.0.1:4170',
    tokens,
    setBadge: vi.fn(),
    openExternal: vi.fn(async () => {}),
  };
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
