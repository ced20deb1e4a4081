import { join } from 'node:path';
import { tmpdir } from 'node:os';
import type { FastifyInstance } from 'fastify';
import type { Role } from '../../../protocol/entities';
import type { ServerDeps } from '../app';
import type { AgentRow } from '../auth/agent-row';
import { insertAgent } from '../auth/agents';
import { hashPassword } from '../auth/password';
import { DEFAULT_POLICY } from '../compensation/policy';
import type { ServerConfig } from '../config';
import type { Db } from '../db/db';
import { Pipeline } from '../pipeline/service';
import { createServer } from '../server';
import { createTestDb } from './test-db';

export interface TestServer {
  /** Call it with app.inject(); nothing listens on a port. */
  app: FastifyInstance;
  db: Db;
  /** Signs in through the API and returns the session token; throws when sign-in fails. */
  login(login: string, password: string): Promise<string>;
  /** Adds an agent straight to the database (for tests that do not seed the demo). */
  addAgent(a: { login: string; password: string; role: Role; name?: string; teamIds?: string[] }): Promise<AgentRow>;
  close(): Promise<void>;
}

export interface TestServerOptions {
  /** Seed the demo workspace (a few seconds); default false. */
  demo?: boolean;
  config?: Partial<ServerConfig>;
}

export function testConfig(overrides: Partial<ServerConfig> = {}): ServerConfig {
  return {
    host: '127.0.0.1',
    port: 0,
    databaseUrl: null,
    dataDir: null,
    demo: false,
    // A folder that does not exist: no built pages unless a test points elsewhere.
    staticDir: join(tmpdir(), 'kadesk-test-no-static'),
    corsOrigins: ['app://kadesk'],
    sessionTtlHours: 12,
    logLevel: 'silent',
    wecom: null,
    qq: null,
    email: null,
    phone: null,
    supplierSandbox: null,
    compensationPolicy: DEFAULT_POLICY,
    // Tests run the pipeline's sweeps themselves when they need them.
    pipeline: { process: true, sweepMs: 0 },
    ...overrides,
  };
}

/** What route plugins get from the server, for tests that build an app around a few of them. */
export function testDeps(db: Db, config = testConfig()): ServerDeps {
  return { db, config, pipeline: new Pipeline(db, config.pipeline) };
}

/** A server on a fresh test database (PGlite or PostgreSQL, per the vitest project). */
export async function createTestServer(opts: TestServerOptions = {}): Promise<TestServer> {
  const t = await createTestDb();
  const server = await createServer(testConfig({ demo: opts.demo ?? false, ...opts.config }), { db: t.db });
  const { app, db } = server;
  return {
    app,
    db,
    async login(login, password) {
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { login, password } });
      if (res.statusCode !== 200) throw new Error(`login ${login} failed: ${res.statusCode} ${res.body}`);
      return (res.json() as { token: string }).token;
    },
    async addAgent(a) {
      const passwordHash = await hashPassword(a.password);
      const row = await db.write((tx) =>
        insertAgent(tx, { name: a.name ?? a.login, login: a.login, passwordHash, role: a.role, teamIds: a.teamIds ?? [], capacity: 8 }),
      );
      if (!row) throw new Error(`login ${a.login} already exists`);
      return row;
    },
    async close() {
      await server.close();
      await t.dispose();
    },
  };
}
