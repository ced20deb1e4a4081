import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { FreezeRequest, FreezeResponse, TransactionFlowQuery, TransactionFlowResponse } from '../../../protocol/security';
import type { ServerDeps } from '../app';
import { anyRole, IdParams } from '../casework/http';
import { setFrozen, viewTransactions } from './service';

/** Freeze, unfreeze and the transaction flow; who may use them is checked per call (security team membership). */
export function securityActionRoutes({ db }: ServerDeps) {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['security'];

    for (const [path, frozen] of [
      ['/api/customers/:id/freeze', true],
      ['/api/customers/:id/unfreeze', false],
    ] as const) {
      r.post(
        path,
        { preHandler: anyRole, schema: { tags, params: IdParams, body: FreezeRequest, response: { 200: FreezeResponse } } },
        (req) => setFrozen(db, req.auth!, req.params.id, frozen, req.body),
      );
    }

    r.get(
      '/api/customers/:id/transactions',
      {
        preHandler: anyRole,
        schema: { tags, params: IdParams, querystring: TransactionFlowQuery, response: { 200: TransactionFlowResponse } },
      },
      (req) => viewTransactions(db, req.auth!, req.params.id, req.query.conversationId),
    );
  };
}
