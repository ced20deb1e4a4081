import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { PullRequest, PullResponse, PushRequest, PushResponse } from '../../../protocol/sync';
import type { ServerDeps } from '../app';
import { requireRole } from '../auth/guard';
import { pull } from './pull';
import { push } from './push';

export function syncRoutes(deps: ServerDeps) {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const anyone = requireRole('agent', 'supervisor', 'admin');
    r.post(
      '/api/sync/pull',
      { preHandler: anyone, schema: { body: PullRequest, response: { 200: PullResponse } } },
      (req) => pull(deps.db, req.auth!, req.body),
    );
    r.post(
      '/api/sync/push',
      { preHandler: anyone, schema: { body: PushRequest, response: { 200: PushResponse } } },
      (req) => push(deps.db, req.auth!, req.body),
    );
  };
}
