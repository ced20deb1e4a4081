// Main-process wiring. Decisions live in the small modules beside this file, which do not
// import Electron and are unit-tested in Node; this file only connects them to Electron.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  app,
  BrowserWindow,
  dialog,
  globalShortcut,
  Notification,
  protocol,
  screen,
  session,
  shell,
} from 'electron';
import { BRIDGE_EVENTS, type UpdateStatus } from '../protocol/bridge';
import { APP_ORIGIN, APP_SCHEME, APP_SCHEME_PRIVILEGES } from './app-protocol';
import { createAtomicFile } from './atomic-file';
import { createBridgeRoutes, createBridgeServices, type HostServices } from './bridge-ipc';
import { registerBridgeRoutes } from './bridge-main';
import {
  ConfigError,
  parseSettings,
  resolveFocusShortcut,
  resolveRendererEntry,
  resolveServerUrl,
  resolveUpdateFeed,
  SETTINGS_FILE_NAME,
} from './config';
import { buildContentSecurityPolicy } from './csp';
import { DEEP_LINK_SCHEME, deepLinkFromArgv, parseDeepLink } from './deep-link';
import { DEFAULT_FOCUS_SHORTCUT, registerFocusShortcut } from './focus-shortcut';
import { createNotifier } from './notifier';
import { createConversationOpener } from './open-conversation';
import { safeStorageCipher } from './safe-storage';
import { applySessionPolicy } from './session-policy';
import { revealExistingWindow } from './single-instance';
import { createTokenFile, createTokenStore } from './token-store';
import { createBadgeHost } from './tray';
import { createUpdateController, describeUpdateError, fixedUpdateStatus } from './update-controller';
import { guardWebContents } from './web-contents-guards';
import { createMainWindow } from './window';
import { mainWindowOptions } from './window-options';
import { createWindowStateKeeper, loadWindowState, placeWindow, WINDOW_STATE_FILE_NAME } from './window-state';

const APP_ID = 'com.kadesk.workstation';
const TOKEN_FILE_NAME = 'session-token.bin';
// Laid out by electron-vite: out/main (this file), out/preload, out/renderer.
const PRELOAD_PATH = join(import.meta.dirname, '../preload/index.cjs');
const RENDERER_ROOT = join(import.meta.dirname, '../renderer');

const log = (message: string) => console.info(`[kadesk] ${message}`);
const warn = (message: string) => console.warn(`[kadesk] ${message}`);

// Both must happen before the app is ready.
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }]);
app.enableSandbox();

let mainWindow: BrowserWindow | null = null;
let openWindow: (() => Promise<void>) | null = null;

function liveWindow(): BrowserWindow | null {
  return mainWindow && !mainWindow.isDestroyed() ? mainWindow : null;
}

function reveal(): void {
  if (!revealExistingWindow(mainWindow)) void openWindow?.();
}

function sendToWindow(channel: string, payload?: unknown): void {
  liveWindow()?.webContents.send(channel, payload);
}

// Deep links and notification clicks; held until the page takes them (see open-conversation).
const opener = createConversationOpener({ reveal, poke: () => sendToWindow(BRIDGE_EVENTS.openConversation) });

function openDeepLink(url: string): void {
  const link = parseDeepLink(url);
  if (link) opener.open(link.conversationId);
  else warn('Ignored a kadesk:// link that is not kadesk://conversation/<id>');
}

// macOS delivers links through open-url, possibly before the app is ready.
app.on('open-url', (event, url) => {
  event.preventDefault();
  openDeepLink(url);
});

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

/** Work areas of the connected displays, primary first. */
function workAreas() {
  const primary = screen.getPrimaryDisplay();
  return [primary, ...screen.getAllDisplays().filter((d) => d.id !== primary.id)].map((d) => d.workArea);
}

async function createUpdates(settings: ReturnType<typeof parseSettings>): Promise<HostServices['updates'] & { start?(): void }> {
  const publish = (status: UpdateStatus) => sendToWindow(BRIDGE_EVENTS.updateStatus, status);
  let feed: ReturnType<typeof resolveUpdateFeed>;
  try {
    // Electron adds resourcesPath to process; electron-builder writes app-update.yml there.
    const resources = (process as NodeJS.Process & { resourcesPath?: string }).resourcesPath ?? '';
    feed = resolveUpdateFeed(process.env, settings, {
      isPackaged: app.isPackaged,
      hasPublishedFeed: resources !== '' && existsSync(join(resources, 'app-update.yml')),
    });
  } catch (error) {
    // A bad update URL must not keep the agent from working: the banner reports it.
    warn(`Updates are off: ${describeUpdateError(error)}`);
    return fixedUpdateStatus({ phase: 'error', during: 'check', message: describeUpdateError(error) });
  }
  if (feed.source === 'none') {
    log('updates off (no update feed configured, or a development build)');
    return fixedUpdateStatus({ phase: 'disabled' });
  }
  log(`updates from ${feed.url ?? 'the feed this release was built with'} (${feed.source})`);
  const { autoUpdater } = await import('electron-updater');
  autoUpdater.logger = { info: log, warn, error: warn, debug: () => {} };
  return createUpdateController({ updater: autoUpdater, feedUrl: feed.url, publish, log: warn });
}

async function start(): Promise<void> {
  app.on('second-instance', (_event, argv) => {
    const link = deepLinkFromArgv(argv);
    if (link) opener.open(link.conversationId);
    else reveal();
  });

  await app.whenReady();
  // Windows shows notifications only for an app with this id (the installer's shortcut has it).
  if (process.platform === 'win32') app.setAppUserModelId(APP_ID);
  // Installers register kadesk:// themselves; this also covers the AppImage, which has no installer.
  if (app.isPackaged && !app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME)) {
    warn('Could not register kadesk:// links with the system');
  }

  const userData = app.getPath('userData');
  const settingsText = await readSettings(join(userData, SETTINGS_FILE_NAME));
  const settings = parseSettings(settingsText);
  const server = resolveServerUrl(process.env, settingsText);
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

  const windowStateFile = createAtomicFile(join(userData, WINDOW_STATE_FILE_NAME));
  const windowState = createWindowStateKeeper(windowStateFile, warn);
  const badge = createBadgeHost({ getWindow: liveWindow, reveal });
  const notifier = createNotifier(
    {
      isSupported: () => Notification.isSupported(),
      create: (options) => new Notification({ ...options, silent: false }),
    },
    (conversationId) => opener.open(conversationId),
    warn,
  );
  const shortcut = registerFocusShortcut(
    globalShortcut,
    resolveFocusShortcut(process.env, settings, DEFAULT_FOCUS_SHORTCUT),
    reveal,
  );
  if (shortcut.failure) warn(`Focus shortcut ${shortcut.accelerator} not registered (${shortcut.failure})`);
  // The window's last move may still be in the keeper's debounce; quitting waits for it once.
  let windowStateSaved = false;
  app.on('will-quit', (event) => {
    globalShortcut.unregisterAll();
    if (windowStateSaved) return;
    event.preventDefault();
    void windowState.flush().finally(() => {
      windowStateSaved = true;
      app.quit();
    });
  });
  const updates = await createUpdates(settings);

  const tokens = createTokenStore(safeStorageCipher(), createTokenFile(join(userData, TOKEN_FILE_NAME)), warn);
  const services = createBridgeServices({
    serverUrl: server.url,
    tokens,
    setBadge: (count) => badge.setCount(count),
    openExternal: (url) => shell.openExternal(url),
    notify: (notice) => notifier.show(notice),
    opener,
    updates,
    focusShortcut: () => shortcut,
  });
  registerBridgeRoutes(createBridgeRoutes(services, entry.origin), warn);

  const { width, height, minWidth, minHeight } = mainWindowOptions(PRELOAD_PATH);
  openWindow = async () => {
    const saved = await loadWindowState(windowStateFile, warn);
    const window = createMainWindow(
      PRELOAD_PATH,
      entry.url,
      placeWindow(saved, workAreas(), { width, height, minWidth, minHeight }),
      warn,
    );
    windowState.track({
      getNormalBounds: () => window.getNormalBounds(),
      isMaximized: () => window.isMaximized(),
      onChange: (listener) => {
        window.on('resize', listener);
        window.on('move', listener);
        window.on('maximize', listener);
        window.on('unmaximize', listener);
      },
      onClose: (listener) => window.on('close', () => listener()),
    });
    window.on('closed', () => {
      if (mainWindow === window) mainWindow = null;
    });
    mainWindow = window;
  };
  await openWindow();
  updates.start?.();

  // Windows and Linux pass the link that started the app on the command line.
  const launchLink = deepLinkFromArgv(process.argv);
  if (launchLink) opener.open(launchLink.conversationId);

  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) void openWindow?.();
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
  // Another Kadesk is running; its second-instance handler brings its window forward (and
  // receives the kadesk:// link this launch carried).
  app.quit();
}
