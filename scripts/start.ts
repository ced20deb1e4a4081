// `npm start`: build the workstation if needed, start the Kadesk server, wait until it is
// healthy, then open the workstation in Electron, or in the browser when the Electron
// binary is not installed. Ctrl-C stops everything; a dying server stops the launcher.
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { decideBuildState, fileTime, newestFile } from './launcher/build-state';
import { locateElectronBinary, type BinaryProbe } from './launcher/electron-binary';
import { isHealthy, waitForHealthy } from './launcher/health';
import { browserModeMessage, chooseLaunchMode, npmRunCommand, serverAddress } from './launcher/plan';

const ROOT = resolve(import.meta.dirname, '..');
/** What `npm run build` produces, and what it is built from. */
const BUILD_OUTPUTS = ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html', 'out/widget/index.html'];
const BUILD_SOURCES = ['electron', 'preload', 'renderer', 'protocol', 'server/widget', 'electron.vite.config.ts', 'package.json'];
const HEALTH_TIMEOUT_MS = 180_000;
const STOP_GRACE_MS = 10_000;

const say = (message: string) => console.log(`[kadesk start] ${message}`);
const complain = (message: string) => console.error(`[kadesk start] ${message}`);

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  error?: Error;
}

const describeExit = ({ code, signal, error }: Exit) =>
  error ? error.message : signal ? `killed by ${signal}` : `exit code ${code}`;

const running = new Map<ChildProcess, Promise<Exit>>();
let stopping = false;

function run(command: string, args: string[], options: SpawnOptions = {}): { child: ChildProcess; exit: Promise<Exit> } {
  const child = spawn(command, args, { cwd: ROOT, stdio: 'inherit', ...options });
  const exit = new Promise<Exit>((resolveExit) => {
    child.once('error', (error) => resolveExit({ code: null, signal: null, error }));
    child.once('exit', (code, signal) => resolveExit({ code, signal }));
  }).finally(() => running.delete(child));
  running.set(child, exit);
  return { child, exit };
}

async function shutdown(exitCode: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    for (const child of running.keys()) child.kill('SIGTERM');
    const grace = new Promise((r) => setTimeout(r, STOP_GRACE_MS).unref());
    await Promise.race([Promise.all(running.values()), grace]);
    for (const child of running.keys()) child.kill('SIGKILL');
  }
  process.exit(exitCode);
}

process.on('SIGINT', () => void shutdown(130));
process.on('SIGTERM', () => void shutdown(143));

async function buildIfStale(): Promise<void> {
  const outputs = BUILD_OUTPUTS.map((path) => ({ ...fileTime(join(ROOT, path)), path }));
  const newest = newestFile(BUILD_SOURCES.map((path) => join(ROOT, path)));
  const state = decideBuildState(outputs, newest && { ...newest, path: relative(ROOT, newest.path) });
  if (!state.stale) {
    say('build is up to date');
    return;
  }
  say(`building the workstation (${state.reason}) …`);
  const { command, args } = npmRunCommand('build', process.env, process.execPath, process.platform);
  const result = await run(command, args).exit;
  if (result.code !== 0) {
    complain(`build failed (${describeExit(result)})`);
    await shutdown(result.code || 1);
  }
}

/** Starts the server unless one already answers; resolves once it is healthy. */
async function startServer(healthUrl: string, baseUrl: string): Promise<void> {
  if (await isHealthy(healthUrl)) {
    say(`a Kadesk server already answers at ${baseUrl}; using it`);
    return;
  }
  say(`starting the Kadesk server at ${baseUrl} …`);
  const server = run(process.execPath, ['--import', 'tsx', 'server/src/main.ts']);
  const died = new AbortController();
  void server.exit.then(async (exit) => {
    if (stopping) return;
    const reason = `the Kadesk server stopped (${describeExit(exit)})`;
    died.abort(new Error(reason));
    complain(reason);
    await shutdown(exit.code || 1);
  });
  await waitForHealthy(healthUrl, { signal: died.signal, timeoutMs: HEALTH_TIMEOUT_MS, intervalMs: 300 });
  say(`server is healthy at ${baseUrl}`);
}

const requireFromRoot = createRequire(join(ROOT, 'package.json'));
const electronProbe: BinaryProbe = {
  packageDir() {
    try {
      return dirname(requireFromRoot.resolve('electron/package.json'));
    } catch {
      return null;
    }
  },
  readText(path) {
    try {
      return readFileSync(path, 'utf8');
    } catch {
      return null;
    }
  },
  exists: existsSync,
};

async function main(): Promise<void> {
  await buildIfStale();

  const { baseUrl, healthUrl } = serverAddress(process.env);
  try {
    await startServer(healthUrl, baseUrl);
  } catch (error) {
    if (stopping) return;
    complain(error instanceof Error ? error.message : String(error));
    await shutdown(1);
  }

  const mode = chooseLaunchMode(locateElectronBinary(process.env, electronProbe), process.env);
  if (mode.kind === 'browser') {
    // The launcher now only keeps the server company until Ctrl-C.
    console.log(browserModeMessage(baseUrl, mode.reason));
    return;
  }

  say(`opening the Kadesk workstation (${mode.binary})`);
  const env: NodeJS.ProcessEnv = { ...process.env, KADESK_SERVER_URL: baseUrl };
  // Set by some tools; it would make the binary behave as plain Node.
  delete env.ELECTRON_RUN_AS_NODE;
  const exit = await run(mode.binary, [ROOT], { env }).exit;
  if (exit.error) complain(`could not start Electron: ${exit.error.message}`);
  await shutdown(exit.error ? 1 : (exit.code ?? 0));
}

main().catch(async (error: unknown) => {
  complain(error instanceof Error ? (error.stack ?? error.message) : String(error));
  await shutdown(1);
});
