import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RunningServer {
  url: string;
  dataDir: string;
  /** SIGTERM, a clean shutdown; removes the data directory unless the caller supplied it. */
  stop(): Promise<void>;
  /** SIGKILL, as a crash or a power cut would: nothing gets to clean up. */
  kill(): Promise<void>;
}

export interface ServerOptions {
  /** Added to the environment: channel settings, pipeline mode, DATABASE_URL, KADESK_DEMO. */
  env?: Record<string, string>;
  /** Start on an existing data directory (a restart); the caller removes it. */
  dataDir?: string;
}

/** A loopback port nobody is listening on, so parallel runs never collide. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const addr = probe.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Starts the real Kadesk server (embedded PGlite in a throwaway data directory, demo
 * workspace seeded, unless `opts` say otherwise) on a loopback port, serving the built
 * workstation and widget.
 */
export async function startServer(opts: ServerOptions = {}): Promise<RunningServer> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'kadesk-e2e-'));
  // A port found free can be taken by a parallel test before the server binds it: try another.
  for (let attempt = 1; ; attempt++) {
    const started = await spawnServer(await freePort(), dataDir, opts);
    if (started !== 'port-taken') return started;
    if (attempt === 5) throw new Error('no free loopback port after 5 attempts');
  }
}

async function spawnServer(port: number, dataDir: string, opts: ServerOptions): Promise<RunningServer | 'port-taken'> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    env: { ...process.env, KADESK_PORT: String(port), KADESK_HOST: '127.0.0.1', KADESK_DATA_DIR: dataDir, KADESK_LOG_LEVEL: 'warn', ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) {
      if (output.includes('EADDRINUSE')) return 'port-taken';
      throw new Error(`server exited early:\n${output}`);
    }
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not become healthy within 60 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  const exited = new Promise((r) => child.once('exit', r));
  return {
    url,
    dataDir,
    async stop() {
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
      if (!opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
    async kill() {
      child.kill('SIGKILL');
      await exited;
    },
  };
}
