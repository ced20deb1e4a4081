import type { FastifyInstance } from 'fastify';
import { buildApp, type ServerDeps } from './app';
import { attachmentRoutes } from './attachments/routes';
import { agentRoutes } from './auth/agent-routes';
import { authRoutes } from './auth/routes';
import type { ServerConfig } from './config';
import { emailChannel } from './channels/email/plugin';
import { formRoutes } from './channels/form/routes';
import { phoneRoutes } from './channels/phone/routes';
import { qqRoutes } from './channels/qq/routes';
import { wecomRoutes } from './channels/wecom/routes';
import { compensationRoutes } from './compensation/routes';
import { csatRoutes } from './csat/routes';
import { customerHistoryRoutes } from './customers/history-routes';
import { apiCors } from './cors';
import { type Db, openPglite, openPostgres } from './db/db';
import { statisticsUpkeep } from './db/statistics';
import { migrate } from './db/migrate';
import { hasDemoWorkspace, seedDemo } from './demo/seed';
import { disputeRoutes } from './disputes/routes';
import { healthRoutes } from './health';
import { knowledgeRoutes } from './knowledge/routes';
import { macroRoutes } from './macros/routes';
import { openApiDocs } from './openapi';
import { Pipeline } from './pipeline/service';
import { proactiveRoutes } from './proactive/routes';
import { realtimeRoutes } from './realtime/routes';
import { reportRoutes } from './reports/routes';
import { websockets } from './realtime/websocket';
import { securityActionRoutes } from './security-actions/routes';
import { staticSite } from './static';
import { supplierRoutes } from './suppliers/routes';
import { supervisionRoutes } from './supervision/routes';
import { syncRoutes } from './sync/routes';
import { webchatRoutes } from './webchat/routes';

export interface KadeskServer {
  app: FastifyInstance;
  db: Db;
  pipeline: Pipeline;
  /** The database holds the demo workspace, so the demo logins work. */
  demo: boolean;
  /** Stops the app, then closes the database if createServer opened it. */
  close(): Promise<void>;
}

export interface CreateServerOptions {
  /** A database the caller opened and will close (tests); otherwise config says which to open. */
  db?: Db;
}

function plugins(deps: ServerDeps) {
  return [
    // App-wide plugins first: their hooks must see the routes registered after them.
    apiCors(deps.config),
    openApiDocs(),
    websockets(),
    authRoutes(deps),
    healthRoutes(deps),
    agentRoutes(deps),
    supervisionRoutes(deps),
    syncRoutes(deps),
    customerHistoryRoutes(deps),
    realtimeRoutes(deps),
    webchatRoutes(deps),
    supplierRoutes(deps),
    compensationRoutes(deps),
    disputeRoutes(deps),
    securityActionRoutes(deps),
    reportRoutes(deps),
    macroRoutes(deps),
    csatRoutes(deps),
    knowledgeRoutes(deps),
    proactiveRoutes(deps),
    attachmentRoutes(deps),
    formRoutes(deps),
    ...(deps.config.wecom ? [wecomRoutes(deps, deps.config.wecom)] : []),
    ...(deps.config.qq ? [qqRoutes(deps, deps.config.qq)] : []),
    ...(deps.config.email ? [emailChannel(deps, deps.config.email)] : []),
    ...(deps.config.phone ? [phoneRoutes(deps, deps.config.phone)] : []),
    staticSite(deps.config),
    pipelineSweeps(deps.pipeline),
    ...(deps.config.databaseUrl ? [] : [statisticsUpkeep(deps.db)]),
  ];
}

function pipelineSweeps(pipeline: Pipeline) {
  return async (app: FastifyInstance) => {
    pipeline.start(app.log);
    app.addHook('onClose', () => pipeline.stop());
  };
}

export async function createServer(config: ServerConfig, opts: CreateServerOptions = {}): Promise<KadeskServer> {
  const db = opts.db ?? (config.databaseUrl ? await openPostgres(config.databaseUrl) : await openPglite(config.dataDir));
  const closeDb = opts.db ? async () => undefined : () => db.close();
  try {
    await migrate(db);
    if (config.demo) await seedDemo(db);
    const demo = config.demo && (await hasDemoWorkspace(db));
    const deps: ServerDeps = { db, config, pipeline: new Pipeline(db, config.pipeline) };
    const app = await buildApp(deps, plugins(deps));
    return {
      app,
      db,
      pipeline: deps.pipeline,
      demo,
      async close() {
        await app.close();
        await closeDb();
      },
    };
  } catch (err) {
    await closeDb();
    throw err;
  }
}
