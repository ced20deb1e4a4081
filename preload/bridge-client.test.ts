import { describe, expect, it, vi } from 'vitest';
import { BRIDGE_CHANNELS, BRIDGE_EVENTS, type BridgeEvent, type DesktopNotice } from '../protocol/bridge';
import { createBridgeClient, type BridgeInvoke, type BridgeSubscribe } from './bridge-client';

const ID = '01JD6Q2V3X4Y5Z6A7B8C9D0EFG';

function setup(result: unknown = undefined) {
  const invoke = vi.fn<BridgeInvoke>(async () => result);
  const listeners = new Map<BridgeEvent, Set<(payload: unknown) => void>>();
  const subscribe = vi.fn<BridgeSubscribe>((channel, listener) => {
    const set = listeners.get(channel) ?? new Set();
    set.add(listener);
    listeners.set(channel, set);
    return () => set.delete(listener);
  });
  const emit = (channel: BridgeEvent, payload?: unknown) => listeners.get(channel)?.forEach((l) => l(payload));
  return { invoke, subscribe, emit, bridge: createBridgeClient(invoke, subscribe) };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('createBridgeClient', () => {
  it('reports electron mode', () => {
    expect(setup().bridge.mode).toBe('electron');
  });

  it('sends each method on its own channel with its arguments', async () => {
    const { invoke, bridge } = setup();
    const notice: DesktopNotice = { kind: 'assigned', conversationId: ID, title: 't', body: 'b' };
    await bridge.serverUrl();
    await bridge.getToken();
    await bridge.setToken('tok');
    await bridge.setToken(null);
    await bridge.setBadge(4);
    await bridge.openExternal('https://example.com');
    await bridge.notify(notice);
    await bridge.updateStatus();
    await bridge.checkForUpdate();
    await bridge.downloadUpdate();
    await bridge.installUpdate();
    await bridge.focusShortcut();
    expect(invoke.mock.calls).toEqual([
      [BRIDGE_CHANNELS.serverUrl],
      [BRIDGE_CHANNELS.getToken],
      [BRIDGE_CHANNELS.setToken, 'tok'],
      [BRIDGE_CHANNELS.setToken, null],
      [BRIDGE_CHANNELS.setBadge, 4],
      [BRIDGE_CHANNELS.openExternal, 'https://example.com'],
      [BRIDGE_CHANNELS.notify, notice],
      [BRIDGE_CHANNELS.updateStatus],
      [BRIDGE_CHANNELS.checkForUpdate],
      [BRIDGE_CHANNELS.downloadUpdate],
      [BRIDGE_CHANNELS.installUpdate],
      [BRIDGE_CHANNELS.focusShortcut],
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
  });

  it('exposes a frozen object with no way to reach IPC', () => {
    const { bridge } = setup();
    expect(Object.isFrozen(bridge)).toBe(true);
    expect(Object.keys(bridge).sort()).toEqual(
      [
        'checkForUpdate',
        'downloadUpdate',
        'focusShortcut',
        'getToken',
        'installUpdate',
        'mode',
        'notify',
        'notificationAccess',
        'requestNotificationAccess',
        'onOpenConversation',
        'onUpdateStatus',
        'openExternal',
        'serverUrl',
        'setBadge',
        'setToken',
        'updateStatus',
      ].sort(),
    );
  });
});

describe('opening conversations', () => {
  it('takes a conversation waiting from before the page listened, and each later one on its event', async () => {
    const { invoke, emit, bridge } = setup();
    invoke.mockResolvedValueOnce(ID).mockResolvedValueOnce(null).mockResolvedValueOnce('01JD6Q2V3X4Y5Z6A7B8C9D0EFH');
    const opened: string[] = [];
    const unsubscribe = bridge.onOpenConversation((id) => opened.push(id));
    await flush();
    expect(opened).toEqual([ID]);
    emit(BRIDGE_EVENTS.openConversation);
    await flush();
    emit(BRIDGE_EVENTS.openConversation);
    await flush();
    expect(opened).toEqual([ID, '01JD6Q2V3X4Y5Z6A7B8C9D0EFH']);
    expect(invoke.mock.calls.every(([c]) => c === BRIDGE_CHANNELS.takeOpenConversation)).toBe(true);
    unsubscribe();
    emit(BRIDGE_EVENTS.openConversation);
    expect(invoke).toHaveBeenCalledTimes(3);
  });

  it('never hands the page an id that is not one', async () => {
    const { bridge } = setup('javascript:alert(1)');
    const opened: string[] = [];
    bridge.onOpenConversation((id) => opened.push(id));
    await flush();
    expect(opened).toEqual([]);
  });
});

describe('update status events', () => {
  it('passes valid statuses on and drops malformed ones', () => {
    const { emit, bridge } = setup();
    const seen: unknown[] = [];
    bridge.onUpdateStatus((s) => seen.push(s));
    emit(BRIDGE_EVENTS.updateStatus, { phase: 'ready', version: '1.2.0' });
    emit(BRIDGE_EVENTS.updateStatus, { phase: 'ready' });
    emit(BRIDGE_EVENTS.updateStatus, '<img src=x>');
    expect(seen).toEqual([{ phase: 'ready', version: '1.2.0' }]);
  });
});
