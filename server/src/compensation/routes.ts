import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  CompensationLimitsResponse,
  CompensationListQuery,
  CompensationListResponse,
  CompensationResponse,
  CreateCompensationRequest,
  SettlementQuery,
  SettlementResponse,
} from '../../../protocol/compensation';
import type { ServerDeps } from '../app';
import { requireRole } from '../auth/guard';
import { anyRole } from '../casework/http';
import { conversationForCase } from '../casework/access';
import { agentActor } from '../casework/actor';
import { runtimeFor } from '../suppliers/runtime';
import { grantCompensation } from './service';
import { settlement } from './settlement';
import { listForConversation } from './store';

/** 先行赔付: grant (any role, within its limits), list a ticket's, the caller's limits, supplier settlement (supervisor+). */
export function compensationRoutes({ db, config }: ServerDeps) {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['compensation'];

    r.post(
      '/api/compensations',
      { preHandler: anyRole, schema: { tags, body: CreateCompensationRequest, response: { 200: CompensationResponse, 201: CompensationResponse } } },
      async (req, reply) => {
        const deps = { policy: config.compensationPolicy, gateway: runtimeFor(db).gateway };
        const out = await grantCompensation(db, deps, agentActor(req.auth!), req.body);
        return reply.code(out.replayed ? 200 : 201).send(out);
      },
    );

    r.get(
      '/api/compensations',
      { preHandler: anyRole, schema: { tags, querystring: CompensationListQuery, response: { 200: CompensationListResponse } } },
      async (req) => {
        const conv = await conversationForCase(db, req.auth!, req.query.conversationId);
        return { compensations: await listForConversation(db, conv.id) };
      },
    );

    r.get(
      '/api/compensations/limits',
      { preHandler: anyRole, schema: { tags, response: { 200: CompensationLimitsResponse } } },
      async (req) => ({ role: req.auth!.role, limits: config.compensationPolicy[req.auth!.role] }),
    );

    r.get(
      '/api/compensations/settlement',
      {
        preHandler: requireRole('supervisor', 'admin'),
        schema: { tags, querystring: SettlementQuery, response: { 200: SettlementResponse } },
      },
      (req) => settlement(db, req.query),
    );
  };
}
