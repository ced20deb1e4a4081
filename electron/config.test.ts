import { describe, expect, it } from 'vitest';
import {
  ConfigError,
  DEFAULT_SERVER_URL,
  isLoopbackHost,
  normalizeServerUrl,
  parseSettings,
  resolveFocusShortcut,
  resolveRendererEntry,
  resolveServerUrl,
  resolveUpdateFeed,
  serverConnectSources,
} from './config';

describe('normalizeServerUrl', () => {
  it('strips trailing slashes and keeps a path prefix', () => {
    expect(normalizeServerUrl('https://desk.example.com/')).toBe('https://desk.example.com');
    expect(normalizeServerUrl(' https://example.com/kadesk// ')).toBe('https://example.com/kadesk');
  });

  it('allows plain http only on this machine', () => {
    expect(normalizeServerUrl('http://127.0.0.1:4170')).toBe('http://127.0.0.1:4170');
    expect(normalizeServerUrl('http://localhost:8080/')).toBe('http://localhost:8080');
    expect(normalizeServerUrl('http://[::1]:4170')).toBe('http://[::1]:4170');
    expect(() => normalizeServerUrl('http://192.168.1.20:4170')).toThrow(ConfigError);
    expect(() => normalizeServerUrl('http://desk.example.com')).toThrow(/https/);
  });

  it('rejects other schemes, credentials, queries and garbage', () => {
    expect(() => normalizeServerUrl('ftp://example.com')).toThrow(ConfigError);
    expect(() => normalizeServerUrl('https://u:p@example.com')).toThrow(ConfigError);
    expect(() => normalizeServerUrl('https://example.com/?x=1')).toThrow(ConfigError);
    expect(() => normalizeServerUrl('example.com')).toThrow(ConfigError);
  });
});

describe('isLoopbackHost', () => {
  it('knows the loopback names', () => {
    expect(isLoopbackHost('127.0.0.1')).toBe(true);
    expect(isLoopbackHost('127.10.0.3')).toBe(true);
    expect(isLoopbackHost('localhost')).toBe(true);
    expect(isLoopbackHost('[::1]')).toBe(true);
    expect(isLoopbackHost('127.0.0.1.evil.com')).toBe(false);
    expect(isLoopbackHost('10.0.0.1')).toBe(false);
  });
});

describe('parseSettings', () => {
  it('treats a missing file as no settings', () => {
    expect(parseSettings(null)).toEqual({});
  });

  it('reads the server URL', () => {
    expect(parseSettings('{"serverUrl":"https://desk.example.com"}')).toEqual({ serverUrl: 'https://desk.example.com' });
  });

  it('reports broken JSON and wrong types', () => {
    expect(() => parseSettings('{serverUrl:')).toThrow(/not valid JSON/);
    expect(() => parseSettings('{"serverUrl":42}')).toThrow(/invalid/);
  });
});

describe('resolveServerUrl', () => {
  const settings = '{"serverUrl":"https://settings.example.com/"}';

  it('prefers the environment', () => {
    expect(resolveServerUrl({ KADESK_SERVER_URL: 'https://env.example.com' }, settings)).toEqual({
      url: 'https://env.example.com',
      source: 'env',
    });
  });

  it('falls back to the settings file, then the default', () => {
    expect(resolveServerUrl({}, settings)).toEqual({ url: 'https://settings.example.com', source: 'settings' });
    expect(resolveServerUrl({ KADESK_SERVER_URL: '  ' }, null)).toEqual({ url: DEFAULT_SERVER_URL, source: 'default' });
  });

  it('does not fall back silently when the configured URL is invalid', () => {
    expect(() => resolveServerUrl({ KADESK_SERVER_URL: 'http://10.1.1.1' }, null)).toThrow(ConfigError);
  });
});

describe('serverConnectSources', () => {
  it('pairs the HTTP origin with its WebSocket origin', () => {
    expect(serverConnectSources('http://127.0.0.1:4170')).toEqual(['http://127.0.0.1:4170', 'ws://127.0.0.1:4170']);
    expect(serverConnectSources('https://desk.example.com/kadesk')).toEqual([
      'https://desk.example.com',
      'wss://desk.example.com',
    ]);
  });
});

describe('resolveRendererEntry', () => {
  const APP = 'app://kadesk';

  it('serves the built renderer over app:// by default', () => {
    expect(resolveRendererEntry({ isPackaged: false, devServerUrl: undefined }, APP)).toEqual({
      kind: 'app',
      url: 'app://kadesk/index.html',
      origin: APP,
    });
  });

  it('uses the local dev server when unpackaged', () => {
    expect(resolveRendererEntry({ isPackaged: false, devServerUrl: 'http://localhost:5173' }, APP)).toEqual({
      kind: 'dev',
      url: 'http://localhost:5173/',
      origin: 'http://localhost:5173',
    });
  });

  it('ignores the dev server variable in a packaged app', () => {
    expect(resolveRendererEntry({ isPackaged: true, devServerUrl: 'http://localhost:5173' }, APP).kind).toBe('app');
  });

  it('refuses a dev server that is not on this machine', () => {
    expect(() => resolveRendererEntry({ isPackaged: false, devServerUrl: 'https://evil.example' }, APP)).toThrow(
      ConfigError,
    );
  });
});

describe('resolveFocusShortcut', () => {
  const fallback = 'CommandOrControl+Shift+K';
  it('prefers the environment, then settings.json, then the default', () => {
    expect(resolveFocusShortcut({ KADESK_FOCUS_SHORTCUT: 'Alt+F9' }, { focusShortcut: 'Ctrl+J' }, fallback)).toBe('Alt+F9');
    expect(resolveFocusShortcut({}, { focusShortcut: 'Ctrl+J' }, fallback)).toBe('Ctrl+J');
    expect(resolveFocusShortcut({}, {}, fallback)).toBe(fallback);
  });

  it('can be turned off', () => {
    expect(resolveFocusShortcut({ KADESK_FOCUS_SHORTCUT: 'off' }, {}, fallback)).toBeNull();
    expect(resolveFocusShortcut({}, parseSettings('{"focusShortcut":null}'), fallback)).toBeNull();
  });
});

describe('resolveUpdateFeed', () => {
  const packaged = { isPackaged: true, hasPublishedFeed: false };
  it('takes KADESK_UPDATE_URL, then settings.json, then the feed the release was built with', () => {
    expect(resolveUpdateFeed({ KADESK_UPDATE_URL: 'https://updates.example.com/kadesk/' }, { updateUrl: 'https://x.example' }, packaged)).toEqual({
      source: 'env',
      url: 'https://updates.example.com/kadesk',
    });
    expect(resolveUpdateFeed({}, { updateUrl: 'https://x.example/feed' }, packaged)).toEqual({
      source: 'settings',
      url: 'https://x.example/feed',
    });
    expect(resolveUpdateFeed({}, {}, { isPackaged: true, hasPublishedFeed: true })).toEqual({ source: 'build', url: null });
  });

  it('turns updates off without a feed and in development builds', () => {
    expect(resolveUpdateFeed({}, {}, packaged)).toEqual({ source: 'none', url: null });
    expect(
      resolveUpdateFeed({ KADESK_UPDATE_URL: 'https://updates.example.com' }, {}, { isPackaged: false, hasPublishedFeed: true }),
    ).toEqual({ source: 'none', url: null });
  });

  it('refuses a feed in clear text from another machine', () => {
    expect(() => resolveUpdateFeed({ KADESK_UPDATE_URL: 'http://updates.example.com' }, {}, packaged)).toThrow(
      /Update URL .* must use https/,
    );
    expect(resolveUpdateFeed({ KADESK_UPDATE_URL: 'http://127.0.0.1:8080/feed' }, {}, packaged).url).toBe(
      'http://127.0.0.1:8080/feed',
    );
  });
});
