import type { KadeskBridge } from '../../../protocol';

/** What the browser-mode bridge needs from the page; tests pass their own. */
export interface BrowserEnv {
  location: { origin: string; search: string };
  storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
  document: { title: string };
  open: (url: string, target: string, features: string) => unknown;
}

const SERVER_KEY = 'kadesk.serverUrl';
const TOKEN_KEY = 'kadesk.token';
const BADGE_PREFIX = /^\(\d+\) /;

function httpUrl(raw: string): URL | null {
  try {
    const url = new URL(raw);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

/** An http(s) URL as a server base (no query, no trailing slash), or null. */
export function normaliseServerUrl(raw: string): string | null {
  const url = httpUrl(raw);
  return url && `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}

/**
 * The bridge when the workstation runs as a web page (no Electron): the server is the
 * page's own origin unless `?server=` names another (remembered for later visits), the
 * token lives in localStorage, and the unread badge goes into the tab title.
 */
export function createBrowserBridge(env: BrowserEnv): KadeskBridge {
  const fromQuery = new URLSearchParams(env.location.search).get('server');
  const chosen = fromQuery === null ? null : normaliseServerUrl(fromQuery);
  if (chosen) env.storage.setItem(SERVER_KEY, chosen);

  return {
    mode: 'browser',
    async serverUrl() {
      const stored = env.storage.getItem(SERVER_KEY);
      return (stored && normaliseServerUrl(stored)) ?? env.location.origin;
    },
    async getToken() {
      return env.storage.getItem(TOKEN_KEY);
    },
    async setToken(token) {
      if (token === null) env.storage.removeItem(TOKEN_KEY);
      else env.storage.setItem(TOKEN_KEY, token);
    },
    async setBadge(count) {
      const title = env.document.title.replace(BADGE_PREFIX, '');
      env.document.title = count > 0 ? `(${count}) ${title}` : title;
    },
    async openExternal(url) {
      if (!httpUrl(url)) return;
      env.open(url, '_blank', 'noopener,noreferrer');
    },
  };
}
