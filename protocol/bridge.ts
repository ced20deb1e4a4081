// The one API the renderer sees for host services. In Electron the preload exposes it as
// `window.kadesk`; in a plain browser the renderer builds an equivalent browser-mode bridge.
export interface KadeskBridge {
  readonly mode: 'electron' | 'browser';
  /** Base URL of the Kadesk server, without a trailing slash. */
  serverUrl(): Promise<string>;
  /** Session token kept by the host (safeStorage in Electron). */
  getToken(): Promise<string | null>;
  setToken(token: string | null): Promise<void>;
  /** Unread count for the dock/tray badge; a no-op where the host has none. */
  setBadge(count: number): Promise<void>;
  /** Opens an http(s) link outside the app. */
  openExternal(url: string): Promise<void>;
}

/** IPC channels the preload may use; the main process checks the same list. */
export const BRIDGE_CHANNELS = {
  serverUrl: 'kadesk:server-url',
  getToken: 'kadesk:token-get',
  setToken: 'kadesk:token-set',
  setBadge: 'kadesk:badge-set',
  openExternal: 'kadesk:open-external',
} as const;
export type BridgeChannel = (typeof BRIDGE_CHANNELS)[keyof typeof BRIDGE_CHANNELS];

declare global {
  interface Window {
    kadesk?: KadeskBridge;
  }
}
