// Main-process wiring. Decisions live in the small modules beside this file, which do not
// import Electron and are unit-tested in Node; this file only connects them to Electron.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { app, BrowserWindow, dialog, protocol, session, shell } from 'electron';
import { APP_ORIGIN, APP_SCHEME, APP_SCHEME_PRIVILEGES } from './app-protocol';
import { createBridgeRoutes, createBridgeServices } from './bridge-ipc';
import { registerBridgeRoutes } from './bridge-main';
import { ConfigError, resolveRendererEntry, resolveServerUrl, SETTINGS_FILE_NAME } from './config';
import { buildContentSecurityPolicy } from './csp';
import { safeStorageCipher } from './safe-storage';
import { applySessionPolicy } from './session-policy';
import { revealExistingWindow } from './single-instance';
import { createTokenFile, createTokenStore } from './token-store';
import { guardWebContents } from './web-contents-guards';
import { createMainWindow } from './window';

const TOKEN_FILE_NAME = 'session-token.bin';
// Laid out by electron-vite: out/main (this file), out/preload, out/renderer.
const PRELOAD_PATH = join(import.meta.dirname, '../preload/index.cjs');
const RENDERER_ROOT = join(import.meta.dirname, '../renderer');

const log = (message: string) => console.info(`[kadesk] ${message}`);
const warn = (message: string) => console.warn(`[kadesk] ${message}`);

// Both must happen before the app is ready.
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }]);
app.enableSandbox();

async function readSettings(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

function openInBrowser(url: string): void {
  shell.openExternal(url).catch((error: unknown) => {
    warn(`Could not open a link in the browser: ${error instanceof Error ? error.message : String(error)}`);
  });
}

async function start(): Promise<void> {
  let mainWindow: BrowserWindow | null = null;
  let openWindow: (() => void) | null = null;
  app.on('second-instance', () => {
    if (!revealExistingWindow(mainWindow)) openWindow?.();
  });

  await app.whenReady();

  const userData = app.getPath('userData');
  const server = resolveServerUrl(process.env, await readSettings(join(userData, SETTINGS_FILE_NAME)));
  const entry = resolveRendererEntry(
    { isPackaged: app.isPackaged, devServerUrl: process.env.ELECTRON_RENDERER_URL },
    APP_ORIGIN,
  );
  log(`server ${server.url} (from ${server.source}); workstation ${entry.url}`);

  const csp = buildContentSecurityPolicy({
    serverUrl: server.url,
    devServerOrigin: entry.kind === 'dev' ? entry.origin : undefined,
  });
  applySessionPolicy(session.defaultSession, { csp, appOrigin: entry.origin, rendererRoot: RENDERER_ROOT });
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, entry.origin, openInBrowser));

  const tokens = createTokenStore(safeStorageCipher(), createTokenFile(join(userData, TOKEN_FILE_NAME)), warn);
  const services = createBridgeServices({
    serverUrl: server.url,
    tokens,
    setBadge: (count) => app.setBadgeCount(count),
    openExternal: (url) => shell.openExternal(url),
  });
  registerBridgeRoutes(createBridgeRoutes(services, entry.origin), warn);

  openWindow = () => {
    mainWindow = createMainWindow(PRELOAD_PATH, entry.url, warn);
    mainWindow.on('closed', () => {
      mainWindow = null;
    });
  };
  openWindow();

  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openWindow?.();
  });
  app.on('window-all-closed', () => {
    // macOS apps stay in the dock until the user quits them.
    if (process.platform !== 'darwin') app.quit();
  });
}

if (app.requestSingleInstanceLock()) {
  start().catch((error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`[kadesk] ${error instanceof ConfigError ? 'configuration error' : 'startup failed'}: ${message}`);
    dialog.showErrorBox('Kadesk 无法启动 / Kadesk could not start', message);
    app.exit(1);
  });
} else {
  // Another Kadesk is running; its second-instance handler brings its window forward.
  app.quit();
}
