import { BRIDGE_CHANNELS, type BridgeChannel, type KadeskBridge } from '../protocol/bridge';

/** ipcRenderer.invoke, narrowed to the allowlisted channels. */
export type BridgeInvoke = (channel: BridgeChannel, ...args: unknown[]) => Promise<unknown>;

type Method = keyof typeof BRIDGE_CHANNELS;

/**
 * window.kadesk: one function per bridge method, each bound to its fixed channel. The page
 * gets these functions only; it can never name a channel or reach ipcRenderer.
 */
export function createBridgeClient(invoke: BridgeInvoke): KadeskBridge {
  const method = <M extends Method>(name: M) =>
    ((...args: Parameters<KadeskBridge[M]>) => invoke(BRIDGE_CHANNELS[name], ...args)) as KadeskBridge[M];
  return Object.freeze({
    mode: 'electron',
    serverUrl: method('serverUrl'),
    getToken: method('getToken'),
    setToken: method('setToken'),
    setBadge: method('setBadge'),
    openExternal: method('openExternal'),
  });
}
