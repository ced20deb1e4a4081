import type { KadeskBridge } from '../../../protocol';
import { createBrowserBridge } from './browser-bridge';

let browserBridge: KadeskBridge | null = null;

/** The host's bridge: Electron's preload API when present, else the browser-mode one. */
export function getBridge(): KadeskBridge {
  if (window.kadesk) return window.kadesk;
  browserBridge ??= createBrowserBridge({
    location: window.location,
    storage: window.localStorage,
    document,
    open: (url, target, features) => window.open(url, target, features),
  });
  return browserBridge;
}
