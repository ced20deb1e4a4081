import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { WorkloadSnapshot } from '../../../protocol/supervision';
import type { ServerDeps } from '../app';
import { requireRole } from '../auth/guard';
import { loadWorkloads } from './workload';

/**
 * The supervisor board's server half: agents' load, which workstations do not sync.
 * Queue depth and SLA risk come from the conversations the board already holds; status
 * and capacity are set through PATCH /api/agents/:id, reassignment through sync push.
 */
export function supervisionRoutes({ db }: ServerDeps) {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    r.get(
      '/api/supervision/agents',
      { preHandler: requireRole('supervisor', 'admin'), schema: { tags: ['supervision'], response: { 200: WorkloadSnapshot } } },
      async () => {
        const agents = await db.snapshot(loadWorkloads);
        return { generatedAt: new Date().toISOString(), agents };
      },
    );
  };
}
