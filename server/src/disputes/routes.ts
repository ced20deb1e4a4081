import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  AddEvidenceRequest,
  DisputeListQuery,
  DisputeListResponse,
  DisputeResponse,
  DisputeVerdictRequest,
  OpenDisputeRequest,
} from '../../../protocol/disputes';
import type { ServerDeps } from '../app';
import { requireRole } from '../auth/guard';
import { anyRole, IdParams } from '../casework/http';
import { addEvidence, decideDispute, getDispute, listDisputes, openDispute } from './service';

/** Disputes: any agent opens one and adds evidence on tickets in scope; supervisors and admins decide. */
export function disputeRoutes({ db, config }: ServerDeps) {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['disputes'];

    r.post(
      '/api/disputes',
      { preHandler: anyRole, schema: { tags, body: OpenDisputeRequest, response: { 200: DisputeResponse, 201: DisputeResponse } } },
      async (req, reply) => {
        const { dispute, created } = await openDispute(db, req.auth!, req.body);
        return reply.code(created ? 201 : 200).send({ dispute });
      },
    );

    r.get(
      '/api/disputes',
      { preHandler: anyRole, schema: { tags, querystring: DisputeListQuery, response: { 200: DisputeListResponse } } },
      async (req) => ({ disputes: await listDisputes(db, req.auth!, req.query) }),
    );

    r.get(
      '/api/disputes/:id',
      { preHandler: anyRole, schema: { tags, params: IdParams, response: { 200: DisputeResponse } } },
      async (req) => ({ dispute: await getDispute(db, req.auth!, req.params.id) }),
    );

    r.post(
      '/api/disputes/:id/evidence',
      { preHandler: anyRole, schema: { tags, params: IdParams, body: AddEvidenceRequest, response: { 200: DisputeResponse } } },
      async (req) => ({ dispute: await addEvidence(db, req.auth!, req.params.id, req.body) }),
    );

    r.post(
      '/api/disputes/:id/verdict',
      {
        preHandler: requireRole('supervisor', 'admin'),
        schema: { tags, params: IdParams, body: DisputeVerdictRequest, response: { 200: DisputeResponse } },
      },
      async (req) => ({ dispute: await decideDispute(db, config.compensationPolicy, req.auth!, req.params.id, req.body) }),
    );
  };
}
