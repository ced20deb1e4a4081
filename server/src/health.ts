import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ServerDeps } from './app';
import { HttpError } from './http/errors';
import { queueDepth } from './pipeline/service';

const HealthResponse = z.object({
  status: z.literal('ok'),
  database: z.enum(['pglite', 'postgres']),
  // Inbound messages not yet processed, and those given up after repeated failures.
  inbound: z.object({ queued: z.number().int(), failed: z.number().int() }),
});

/** Liveness for the desktop app's connection indicator and for process supervisors; no sign-in needed. */
export function healthRoutes({ db }: ServerDeps) {
  return async (app: FastifyInstance) => {
    app.withTypeProvider<ZodTypeProvider>().get(
      '/api/health',
      { schema: { tags: ['health'], security: [], response: { 200: HealthResponse } } },
      async (req) => {
        let inbound;
        try {
          inbound = await queueDepth(db);
        } catch (err) {
          req.log.error({ err }, 'health check: database did not answer');
          throw new HttpError(503, 'database_unavailable', '数据库无法访问，请检查数据库服务 (database unreachable; check the database server)');
        }
        return { status: 'ok' as const, database: db.kind, inbound };
      },
    );
  };
}
