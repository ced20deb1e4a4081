// The update controller against a real electron-updater (its Linux .deb updater, which needs
// no Electron to check and download) and a local generic feed: a loopback HTTP server with
// latest*.yml and an artifact whose sha512 electron-updater verifies. Only Electron's own
// pieces are replaced: the app adapter (version, paths) and the HTTP client (Electron's net
// module), for which a node:http one stands in.
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import {
  createServer,
  request,
  type ClientRequest,
  type IncomingMessage,
  type RequestOptions,
  type Server,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  configureRequestOptions,
  configureRequestUrl,
  HttpExecutor,
  type DownloadOptions,
} from 'builder-util-runtime';
import { DebUpdater } from 'electron-updater';
import type { AppAdapter } from 'electron-updater/out/AppAdapter';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { UpdateStatus } from '../protocol/bridge';
import { createUpdateController, describeUpdateError, type Updater, type UpdaterEvent } from './update-controller';

class NodeHttpExecutor extends HttpExecutor<ClientRequest> {
  createRequest(options: RequestOptions, callback: (response: IncomingMessage) => void): ClientRequest {
    return request(options, callback);
  }

  download(url: URL, destination: string, options: DownloadOptions): Promise<string> {
    return options.cancellationToken.createPromise<string>((resolve, reject, onCancel) => {
      const requestOptions: RequestOptions = { headers: options.headers ?? undefined };
      configureRequestUrl(url, requestOptions);
      configureRequestOptions(requestOptions);
      this.doDownload(
        requestOptions,
        {
          destination,
          options,
          onCancel,
          callback: (error) => (error ? reject(error) : resolve(destination)),
          responseHandler: null,
        },
        0,
      );
    });
  }
}

interface Feed {
  version: string;
  artifact: Buffer;
  /** Serve these bytes instead of the artifact the feed describes (a corrupted download). */
  served?: Buffer;
}

const ARTIFACT_NAME = 'Kadesk-1.1.0-amd64.deb';
const sha512 = (data: Buffer) => createHash('sha512').update(data).digest('base64');

function latestYml(feed: Feed): string {
  const hash = sha512(feed.artifact);
  return [
    `version: ${feed.version}`,
    'files:',
    `  - url: ${ARTIFACT_NAME}`,
    `    sha512: ${hash}`,
    `    size: ${feed.artifact.length}`,
    `path: ${ARTIFACT_NAME}`,
    `sha512: ${hash}`,
    "releaseDate: '2026-11-20T10:00:00.000Z'",
    '',
  ].join('\n');
}

async function startFeedServer(feed: Feed): Promise<{ url: string; server: Server; requests: string[] }> {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://feed').pathname;
    requests.push(path);
    if (/^\/feed\/latest(-[a-z0-9-]+)?\.yml$/.test(path)) {
      res.writeHead(200, { 'content-type': 'text/yaml' }).end(latestYml(feed));
      return;
    }
    if (path === `/feed/${ARTIFACT_NAME}`) {
      const body = feed.served ?? feed.artifact;
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': body.length });
      // Sent in slices over ~1.5 s: electron-updater reports progress at most once a second.
      const slices = 4;
      const step = Math.ceil(body.length / slices);
      let sent = 0;
      const next = () => {
        res.write(body.subarray(sent, sent + step));
        sent += step;
        if (sent >= body.length) res.end();
        else setTimeout(next, 400);
      };
      next();
      return;
    }
    res.writeHead(404).end('not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/feed`, server, requests };
}

let dir: string;
let server: Server | null = null;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kadesk-update-'));
  // electron-builder writes this next to the packaged app; the updater names its cache folder from it.
  await writeFile(join(dir, 'app-update.yml'), 'provider: generic\nurl: https://updates.invalid/\nupdaterCacheDirName: kadesk-updater\n');
});

afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = null;
  await rm(dir, { recursive: true, force: true });
});

function realUpdater(version = '1.0.0'): DebUpdater {
  const app: AppAdapter = {
    version,
    name: 'Kadesk',
    isPackaged: true,
    appUpdateConfigPath: join(dir, 'app-update.yml'),
    userDataPath: join(dir, 'user-data'),
    baseCachePath: join(dir, 'cache'),
    whenReady: async () => {},
    relaunch: () => {},
    quit: () => {},
    onQuit: () => {},
  };
  const updater = new DebUpdater(null, app);
  (updater as unknown as { httpExecutor: HttpExecutor<ClientRequest> }).httpExecutor = new NodeHttpExecutor();
  updater.logger = null;
  return updater;
}

function control(updater: Updater, feedUrl: string | null) {
  const statuses: UpdateStatus[] = [];
  const controller = createUpdateController({
    updater,
    feedUrl,
    publish: (status) => statuses.push(status),
    log: () => {},
    now: () => new Date('2026-11-23T09:00:00.000Z'),
  });
  return { controller, statuses };
}

describe('update controller with electron-updater and a local feed', () => {
  it('finds an update, downloads and verifies it with progress, and is ready to restart', async () => {
    const artifact = Buffer.alloc(3 * 1024 * 1024, 7);
    const feed = await startFeedServer({ version: '1.1.0', artifact });
    server = feed.server;
    const updater = realUpdater('1.0.0');
    const { controller, statuses } = control(updater, feed.url);

    await controller.check();
    expect(controller.status()).toEqual({ phase: 'available', version: '1.1.0' });
    expect(updater.autoDownload).toBe(false);
    // Nothing is downloaded until the agent asks.
    expect(feed.requests.some((p) => p.endsWith('.deb'))).toBe(false);

    await controller.download();
    expect(controller.status()).toEqual({ phase: 'ready', version: '1.1.0' });
    const progress = statuses.filter((s) => s.phase === 'downloading');
    expect(progress[0]).toMatchObject({ percent: 0 });
    expect(progress.some((s) => s.percent > 0 && s.percent < 100)).toBe(true);
    expect(progress.at(-1)).toMatchObject({ percent: 100, transferred: artifact.length, total: artifact.length });

    const pending = join(dir, 'cache', 'kadesk-updater', 'pending');
    const files = await readdir(pending);
    expect(files).toContain(ARTIFACT_NAME);
    expect(sha512(await readFile(join(pending, ARTIFACT_NAME)))).toBe(sha512(artifact));
  }, 20_000);

  it('says the app is up to date when the feed has the running version', async () => {
    const feed = await startFeedServer({ version: '1.0.0', artifact: Buffer.from('same') });
    server = feed.server;
    const { controller, statuses } = control(realUpdater('1.0.0'), feed.url);
    await controller.check();
    expect(controller.status()).toEqual({ phase: 'up-to-date', checkedAt: '2026-11-23T09:00:00.000Z' });
    expect(statuses.map((s) => s.phase)).toEqual(['checking', 'checking', 'up-to-date']);
  });

  it('refuses a download whose sha512 does not match the feed and lets the agent retry', async () => {
    const artifact = Buffer.alloc(64 * 1024, 1);
    const feed = await startFeedServer({ version: '1.1.0', artifact, served: Buffer.alloc(64 * 1024, 2) });
    server = feed.server;
    const { controller } = control(realUpdater('1.0.0'), feed.url);
    await controller.check();
    await controller.download();
    const status = controller.status();
    expect(status).toMatchObject({ phase: 'error', during: 'download' });
    expect(status.phase === 'error' && status.message).toMatch(/sha512 checksum mismatch/);
    expect(await readdir(join(dir, 'cache', 'kadesk-updater', 'pending')).catch(() => [])).not.toContain(ARTIFACT_NAME);

    await controller.download();
    expect(feed.requests.filter((p) => p.endsWith('.deb'))).toHaveLength(2);
  }, 20_000);

  it('reports a feed that cannot be reached', async () => {
    const feed = await startFeedServer({ version: '1.1.0', artifact: Buffer.from('x') });
    const url = feed.url;
    await new Promise<void>((resolve) => feed.server.close(() => resolve()));
    const { controller } = control(realUpdater('1.0.0'), url);
    await controller.check();
    expect(controller.status()).toMatchObject({ phase: 'error', during: 'check' });
  });
});

/** A scripted AppUpdater for the controller's own rules. */
function fakeUpdater() {
  const listeners = new Map<UpdaterEvent, (payload: never) => void>();
  const emit = (event: UpdaterEvent, payload?: unknown) => listeners.get(event)?.(payload as never);
  const updater = {
    autoDownload: true,
    autoInstallOnAppQuit: false,
    setFeedURL: vi.fn(),
    checkForUpdates: vi.fn(async (): Promise<unknown> => {
      emit('checking-for-update');
      emit('update-available', { version: '2.0.0' });
      return {};
    }),
    downloadUpdate: vi.fn(async (): Promise<unknown> => {
      emit('download-progress', { percent: 50, transferred: 5, total: 10, bytesPerSecond: 1 });
      emit('update-downloaded', { version: '2.0.0' });
      return [];
    }),
    quitAndInstall: vi.fn(),
    on: (event: UpdaterEvent, listener: (payload: never) => void) => listeners.set(event, listener),
  } satisfies Updater;
  return { updater, emit };
}

describe('update controller rules', () => {
  it('uses the configured feed, or keeps the build feed', () => {
    const a = fakeUpdater();
    control(a.updater, 'https://updates.example.com/kadesk');
    expect(a.updater.setFeedURL).toHaveBeenCalledWith({ provider: 'generic', url: 'https://updates.example.com/kadesk' });
    expect(a.updater.autoInstallOnAppQuit).toBe(true);
    const b = fakeUpdater();
    control(b.updater, null);
    expect(b.updater.setFeedURL).not.toHaveBeenCalled();
  });

  it('installs only a downloaded update, silently and restarting', async () => {
    const { updater } = fakeUpdater();
    const { controller } = control(updater, null);
    controller.install();
    await controller.check();
    controller.install();
    expect(updater.quitAndInstall).not.toHaveBeenCalled();
    await controller.download();
    controller.install();
    expect(updater.quitAndInstall).toHaveBeenCalledWith(true, true);
  });

  it('does not disturb a download or a ready update with a periodic check', async () => {
    const { updater } = fakeUpdater();
    let tick: () => void = () => {};
    const controller = createUpdateController({
      updater,
      feedUrl: null,
      publish: () => {},
      log: () => {},
      timers: { setInterval: (cb) => ((tick = cb), 1), clearInterval: () => {} },
    });
    controller.start();
    await vi.waitFor(() => expect(controller.status().phase).toBe('available'));
    await controller.download();
    tick();
    expect(updater.checkForUpdates).toHaveBeenCalledTimes(1);
    expect(controller.status()).toEqual({ phase: 'ready', version: '2.0.0' });
  });

  it('records one error when electron-updater both emits and rejects', async () => {
    const { updater, emit } = fakeUpdater();
    updater.checkForUpdates.mockImplementationOnce(async () => {
      emit('error', new Error('net::ERR_NAME_NOT_RESOLVED'));
      throw new Error('net::ERR_NAME_NOT_RESOLVED');
    });
    const { controller, statuses } = control(updater, null);
    await controller.check();
    expect(statuses.filter((s) => s.phase === 'error')).toEqual([
      { phase: 'error', during: 'check', message: 'net::ERR_NAME_NOT_RESOLVED' },
    ]);
  });

  it('treats a declined check (not a packaged build) as updates off', async () => {
    const { updater } = fakeUpdater();
    updater.checkForUpdates.mockResolvedValueOnce(null);
    const { controller } = control(updater, null);
    await controller.check();
    expect(controller.status()).toEqual({ phase: 'disabled' });
  });

  it('shortens error messages to their first line', () => {
    expect(describeUpdateError(new Error('\nHttpError: 404\nheaders: {...}'))).toBe('HttpError: 404');
    expect(describeUpdateError('x'.repeat(400))).toHaveLength(300);
  });
});
