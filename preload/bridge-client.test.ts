import { describe, expect, it, vi } from 'vitest';
import { BRIDGE_CHANNELS } from '../protocol/bridge';
import { createBridgeClient, type BridgeInvoke } from './bridge-client';

function setup(result: unknown = undefined) {
  const invoke = vi.fn<BridgeInvoke>(async () => result);
  return { invoke, bridge: createBridgeClient(invoke) };
}

describe('createBridgeClient', () => {
  it('reports electron mode', () => {
    expect(setup().bridge.mode).toBe('electron');
  });

  it('sends each method on its own channel with its arguments', async () => {
    const { invoke, bridge } = setup();
    await bridge.serverUrl();
    await bridge.getToken();
    await bridge.setToken('tok');
    await bridge.setToken(null);
    await bridge.setBadge(4);
    await bridge.openExternal('https://example.com');
    expect(invoke.mock.calls).toEqual([
      [BRIDGE_CHANNELS.serverUrl],
      [BRIDGE_CHANNELS.getToken],
      [BRIDGE_CHANNELS.setToken, 'tok'],
      [BRIDGE_CHANNELS.setToken, null],
      [BRIDGE_CHANNELS.setBadge, 4],
      [BRIDGE_CHANNELS.openExternal, 'https://example.com'],
    ]);
  });

  it('returns what the main process answers', async () => {
    expect(await setup('http://127.0.0.1:4170').bridge.serverUrl()).toBe('http://127.0.0.1:4170');
  });

  it('uses only allowlisted channels', async () => {
    const { invoke, bridge } = setup();
    for (const key of Object.keys(bridge) as (keyof typeof bridge)[]) {
      const member = bridge[key];
      if (typeof member === 'function') await (member as (...args: unknown[]) => Promise<unknown>)('x');
    }
    const allowed = new Set<string>(Object.values(BRIDGE_CHANNELS));
    expect(invoke.mock.calls.map(([channel]) => channel).every((c) => allowed.has(c))).toBe(true);
    expect(invoke).toHaveBeenCalledTimes(Object.keys(BRIDGE_CHANNELS).length);
  });

  it('exposes a frozen object with no way to reach IPC', () => {
    const { bridge } = setup();
    expect(Object.isFrozen(bridge)).toBe(true);
    expect(Object.keys(bridge).sort()).toEqual(['getToken', 'mode', 'openExternal', 'serverUrl', 'setBadge', 'setToken']);
  });
});
