import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { CustomerHistoryParams, CustomerHistoryQuery, CustomerHistoryResponse } from '../../../protocol/customers';
import type { ServerDeps } from '../app';
import { requireRole } from '../auth/guard';
import { notFound } from '../http/errors';
import { customerHistory } from './history';

/** GET /api/customers/:id/history — older conversations of a customer, for the workstation's customer panel. */
export function customerHistoryRoutes(deps: ServerDeps) {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    r.get(
      '/api/customers/:id/history',
      {
        preHandler: requireRole('agent', 'supervisor', 'admin'),
        schema: { params: CustomerHistoryParams, querystring: CustomerHistoryQuery, response: { 200: CustomerHistoryResponse } },
      },
      async (req) => {
        const page = await deps.db.snapshot((tx) => customerHistory(tx, req.auth!, req.params.id, req.query));
        if (!page) throw notFound('客户不存在或不在你的范围内 (no such customer in your scope)');
        return page;
      },
    );
  };
}
