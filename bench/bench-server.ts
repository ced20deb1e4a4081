import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ServerConfig } from '../server/src/config';
import type { DbKind } from '../server/src/db/db';
import { createServer, type KadeskServer } from '../server/src/server';
import { createTestDb } from '../server/src/testing/test-db';
import { testConfig } from '../server/src/testing/test-server';

export interface BenchServer {
  server: KadeskServer;
  url: string;
  dispose(): Promise<void>;
}

/**
 * The real server in this process on a loopback port: PGlite in a fresh data folder (on
 * disk, as in production), or a throwaway database on the local PostgreSQL.
 */
export async function startBenchServer(kind: DbKind, overrides: Partial<ServerConfig> = {}): Promise<BenchServer> {
  const pg = kind === 'postgres' ? await createTestDb('postgres') : null;
  const dataDir = pg ? null : mkdtempSync(join(tmpdir(), 'kadesk-bench-'));
  const server = await createServer(testConfig({ databaseUrl: pg?.url ?? null, dataDir, ...overrides }));
  await server.app.listen({ host: '127.0.0.1', port: 0 });
  const address = server.app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    server,
    url: `http://127.0.0.1:${port}`,
    async dispose() {
      await server.close();
      await pg?.dispose();
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Signs in through the API; returns the session token. */
export async function signIn(url: string, login: string, password: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login, password }),
  });
  if (!res.ok) throw new Error(`bench sign-in as ${login} failed: ${res.status}`);
  return ((await res.json()) as { token: string }).token;
}
