import type { UpdateStatus } from '../protocol/bridge';

/** What the update banner needs from electron-updater's AppUpdater (and what tests drive). */
export interface Updater {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  setFeedURL(options: { provider: 'generic'; url: string }): void;
  checkForUpdates(): Promise<unknown>;
  downloadUpdate(): Promise<unknown>;
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void;
  on(event: UpdaterEvent, listener: (payload: never) => void): unknown;
}

export type UpdaterEvent =
  | 'checking-for-update'
  | 'update-available'
  | 'update-not-available'
  | 'download-progress'
  | 'update-downloaded'
  | 'error';

interface VersionInfo {
  version: string;
}
interface Progress {
  percent: number;
  transferred: number;
  total: number;
  bytesPerSecond: number;
}

export interface Interval {
  setInterval(callback: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

export interface UpdateControllerOptions {
  updater: Updater;
  /** The generic feed to use; null keeps the feed the build was published with. */
  feedUrl: string | null;
  publish(status: UpdateStatus): void;
  log(message: string): void;
  now?: () => Date;
  timers?: Interval;
  checkEveryMs?: number;
}

export interface UpdateController {
  status(): UpdateStatus;
  check(): Promise<void>;
  download(): Promise<void>;
  install(): void;
  /** Checks now and then periodically. */
  start(): void;
  stop(): void;
}

export const UPDATE_CHECK_INTERVAL_MS = 4 * 60 * 60 * 1000;
const MAX_MESSAGE_LENGTH = 300;

/** electron-updater's errors can carry whole HTTP responses; the banner shows one short line. */
export function describeUpdateError(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const line = text.split('\n').find((l) => l.trim() !== '') ?? 'unknown error';
  return line.length > MAX_MESSAGE_LENGTH ? `${line.slice(0, MAX_MESSAGE_LENGTH - 1)}…` : line;
}

/**
 * Drives electron-updater for the update banner: the agent is told an update exists, chooses
 * when to download it (a busy queue is not the time for a large download), watches it
 * arrive, and restarts when ready. A downloaded update the agent never restarts for is
 * installed when the app quits.
 */
export function createUpdateController(options: UpdateControllerOptions): UpdateController {
  const { updater, publish, log } = options;
  const now = options.now ?? (() => new Date());
  const timers = options.timers ?? {
    setInterval: (cb, ms) => setInterval(cb, ms),
    clearInterval: (h) => clearInterval(h as NodeJS.Timeout),
  };
  let current: UpdateStatus = { phase: 'idle' };
  let activity: 'check' | 'download' | 'install' = 'check';
  let interval: unknown = null;
  // The version last offered by the feed, so a failed download can be retried.
  let offered: string | null = null;

  const set = (status: UpdateStatus) => {
    current = status;
    publish(status);
  };
  const fail = (error: unknown) => {
    const message = describeUpdateError(error);
    log(`Update ${activity} failed: ${message}`);
    set({ phase: 'error', during: activity, message });
  };
  const on = <T>(event: UpdaterEvent, listener: (payload: T) => void) =>
    updater.on(event, listener as (payload: never) => void);

  updater.autoDownload = false;
  updater.autoInstallOnAppQuit = true;
  if (options.feedUrl !== null) updater.setFeedURL({ provider: 'generic', url: options.feedUrl });

  on('checking-for-update', () => set({ phase: 'checking' }));
  on<VersionInfo>('update-available', (info) => {
    offered = info.version;
    set({ phase: 'available', version: info.version });
  });
  on('update-not-available', () => set({ phase: 'up-to-date', checkedAt: now().toISOString() }));
  on<Progress>('download-progress', (progress) => {
    if (current.phase !== 'downloading') return;
    set({
      ...current,
      percent: Math.min(100, Math.max(0, progress.percent)),
      transferred: progress.transferred,
      total: progress.total,
      bytesPerSecond: progress.bytesPerSecond,
    });
  });
  on<VersionInfo>('update-downloaded', (info) => set({ phase: 'ready', version: info.version }));
  // electron-updater both emits `error` and rejects the promise of the call that failed.
  on<Error>('error', (error) => fail(error));

  const busy = () => current.phase === 'checking' || current.phase === 'downloading' || current.phase === 'ready';

  async function check(): Promise<void> {
    // A download under way or waiting for a restart is not thrown away by a new check.
    if (busy()) return;
    activity = 'check';
    set({ phase: 'checking' });
    try {
      const result = await updater.checkForUpdates();
      // null: electron-updater declined to check (e.g. not a packaged build).
      if (result === null && current.phase === 'checking') set({ phase: 'disabled' });
    } catch (error) {
      if (current.phase !== 'error') fail(error);
    }
  }

  async function download(): Promise<void> {
    const retry = current.phase === 'error' && current.during === 'download';
    const version = current.phase === 'available' || retry ? offered : null;
    if (version === null) return;
    activity = 'download';
    set({ phase: 'downloading', version, percent: 0, transferred: 0, total: 0, bytesPerSecond: 0 });
    try {
      await updater.downloadUpdate();
    } catch (error) {
      if (current.phase !== 'error') fail(error);
    }
  }

  return {
    status: () => current,
    check,
    download,
    install() {
      if (current.phase !== 'ready') return;
      activity = 'install';
      try {
        // Silent: the installer runs without its wizard and starts the new version.
        updater.quitAndInstall(true, true);
      } catch (error) {
        fail(error);
      }
    },
    start() {
      void check();
      interval ??= timers.setInterval(() => void check(), options.checkEveryMs ?? UPDATE_CHECK_INTERVAL_MS);
    },
    stop() {
      if (interval !== null) timers.clearInterval(interval);
      interval = null;
    },
  };
}

/** Updates that never change state: turned off, or misconfigured (the banner shows why). */
export function fixedUpdateStatus(status: UpdateStatus): Pick<UpdateController, 'status' | 'check' | 'download' | 'install'> {
  return { status: () => status, check: async () => {}, download: async () => {}, install: () => {} };
}
