import { z } from 'zod';

export const DEFAULT_SERVER_URL = 'http://127.0.0.1:4170';
export const SETTINGS_FILE_NAME = 'settings.json';

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

/**
 * An http(s) base URL without a trailing slash. Plain http is accepted only for this machine:
 * the workstation runs on the secure app:// origin, and Chromium blocks requests from a
 * secure page to remote http servers as mixed content (and tokens and updates must not
 * travel in clear text anyway).
 */
function normalizeHttpsUrl(raw: string, label: string): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new ConfigError(`${label} "${raw}" is not a valid URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(`${label} "${raw}" must use https (or http for this machine)`);
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    throw new ConfigError(`${label} "${raw}" must use https unless the server runs on this machine`);
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new ConfigError(`${label} "${raw}" must not contain credentials, a query or a fragment`);
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/** The Kadesk server's base URL. */
export function normalizeServerUrl(raw: string): string {
  return normalizeHttpsUrl(raw, 'Server URL');
}

const settingsSchema = z.object({
  serverUrl: z.string().min(1).optional(),
  /** Electron accelerator that brings Kadesk forward from anywhere; null turns it off. */
  focusShortcut: z.string().min(1).nullable().optional(),
  /** Generic update feed (the folder holding latest.yml). */
  updateUrl: z.string().min(1).optional(),
});
export type DesktopSettings = z.infer<typeof settingsSchema>;

/** Settings from the user's settings.json; null text means the file does not exist. */
export function parseSettings(text: string | null): DesktopSettings {
  if (text === null) return {};
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ConfigError(`${SETTINGS_FILE_NAME} is not valid JSON`);
  }
  const parsed = settingsSchema.safeParse(json);
  if (!parsed.success) {
    throw new ConfigError(`${SETTINGS_FILE_NAME} is invalid: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
  }
  return parsed.data;
}

export interface ServerUrlChoice {
  url: string;
  source: 'env' | 'settings' | 'default';
}

/** KADESK_SERVER_URL wins over the settings file, which wins over the local default. */
export function resolveServerUrl(env: Record<string, string | undefined>, settingsText: string | null): ServerUrlChoice {
  const fromEnv = env.KADESK_SERVER_URL?.trim();
  if (fromEnv) return { url: normalizeServerUrl(fromEnv), source: 'env' };
  const { serverUrl } = parseSettings(settingsText);
  if (serverUrl) return { url: normalizeServerUrl(serverUrl), source: 'settings' };
  return { url: DEFAULT_SERVER_URL, source: 'default' };
}

/** The origins the renderer may connect to for a server: its HTTP API and its WebSocket. */
export function serverConnectSources(serverUrl: string): string[] {
  const url = new URL(serverUrl);
  const wsScheme = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return [url.origin, `${wsScheme}//${url.host}`];
}

export type RendererEntry =
  | { kind: 'app'; url: string; origin: string }
  | { kind: 'dev'; url: string; origin: string };

/**
 * Where the window loads the workstation from. electron-vite's dev server URL is honoured
 * only in an unpackaged build and only on this machine, so an environment variable can never
 * point an installed app at someone else's page.
 */
export function resolveRendererEntry(
  options: { isPackaged: boolean; devServerUrl: string | undefined },
  appOrigin: string,
): RendererEntry {
  const { isPackaged, devServerUrl } = options;
  if (!isPackaged && devServerUrl) {
    const url = new URL(devServerUrl);
    if (url.protocol !== 'http:' || !isLoopbackHost(url.hostname)) {
      throw new ConfigError(`ELECTRON_RENDERER_URL "${devServerUrl}" must be an http URL on this machine`);
    }
    return { kind: 'dev', url: url.href, origin: url.origin };
  }
  return { kind: 'app', url: `${appOrigin}/index.html`, origin: appOrigin };
}

/** The focus shortcut: KADESK_FOCUS_SHORTCUT ("off" turns it off), then settings.json, then the default. */
export function resolveFocusShortcut(
  env: Record<string, string | undefined>,
  settings: DesktopSettings,
  fallback: string,
): string | null {
  const fromEnv = env.KADESK_FOCUS_SHORTCUT?.trim();
  if (fromEnv) return fromEnv.toLowerCase() === 'off' ? null : fromEnv;
  if (settings.focusShortcut !== undefined) return settings.focusShortcut;
  return fallback;
}

export type UpdateFeed =
  | { source: 'env' | 'settings'; url: string }
  /** The feed electron-builder wrote into the package (app-update.yml) when it was built with one. */
  | { source: 'build'; url: null }
  | { source: 'none'; url: null };

/**
 * Where updates come from: KADESK_UPDATE_URL, then settings.json, then the feed the release
 * was built with. Development builds never update (there is nothing installed to replace).
 */
export function resolveUpdateFeed(
  env: Record<string, string | undefined>,
  settings: DesktopSettings,
  build: { isPackaged: boolean; hasPublishedFeed: boolean },
): UpdateFeed {
  if (!build.isPackaged) return { source: 'none', url: null };
  const fromEnv = env.KADESK_UPDATE_URL?.trim();
  if (fromEnv) return { source: 'env', url: normalizeHttpsUrl(fromEnv, 'Update URL') };
  if (settings.updateUrl) return { source: 'settings', url: normalizeHttpsUrl(settings.updateUrl, 'Update URL') };
  return build.hasPublishedFeed ? { source: 'build', url: null } : { source: 'none', url: null };
}
