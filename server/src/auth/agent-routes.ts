import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AgentResponse, CreateAgentRequest, UpdateAgentRequest } from '../../../protocol/agents';
import type { ServerDeps } from '../app';
import { badRequest, HttpError, notFound } from '../http/errors';
import { appendWorkspaceEvent } from '../audit/workspace';
import { AGENT_UPDATED, agentChange, type AgentSettings } from './agent-change';
import { AGENT_COLUMNS, agentFromRow, type AgentRow } from './agent-row';
import { requireRole } from './guard';
import { hashPassword } from './password';
import { insertAgent } from './agents';

const AgentParams = z.object({ id: z.string().min(1).max(64) });

/** Managing agent accounts: admins create them; supervisors and admins set status and capacity, each change audited. */
export function agentRoutes({ db }: ServerDeps) {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();

    r.post(
      '/api/admin/agents',
      { preHandler: requireRole('admin'), schema: { tags: ['agents'], body: CreateAgentRequest, response: { 201: AgentResponse } } },
      async (req, reply) => {
        const b = req.body;
        const teamIds = [...new Set(b.teamIds)];
        const passwordHash = await hashPassword(b.password);
        const row = await db.write(async (tx) => {
          const known = await tx.query<{ id: string }>('SELECT id FROM teams WHERE id = ANY($1) AND deleted_at IS NULL', [
            teamIds,
          ]);
          const missing = teamIds.filter((id) => !known.rows.some((t) => t.id === id));
          if (missing.length > 0) throw badRequest(`没有这些团队 (unknown teams): ${missing.join(', ')}`);
          return insertAgent(tx, { name: b.name, login: b.login, passwordHash, role: b.role, teamIds, capacity: b.capacity });
        });
        if (!row) throw new HttpError(409, 'login_taken', '该登录名已被使用，请换一个 (login already taken; choose another)');
        return reply.code(201).send({ agent: agentFromRow(row) });
      },
    );

    r.patch(
      '/api/agents/:id',
      {
        preHandler: requireRole('supervisor', 'admin'),
        schema: { tags: ['agents'], params: AgentParams, body: UpdateAgentRequest, response: { 200: AgentResponse } },
      },
      async (req) => {
        const row = await db.write(async (tx) => {
          // The old values, locked until commit, for the audit record of the change.
          const before = await tx.query<AgentSettings>('SELECT status, capacity FROM agents WHERE id = $1 AND deleted_at IS NULL FOR UPDATE', [
            req.params.id,
          ]);
          if (!before.rows[0]) return undefined;
          const { rows } = await tx.query<AgentRow>(
            `UPDATE agents AS a SET status = COALESCE($2, a.status), capacity = COALESCE($3, a.capacity)
             WHERE a.id = $1 RETURNING ${AGENT_COLUMNS}`,
            [req.params.id, req.body.status ?? null, req.body.capacity ?? null],
          );
          const after = rows[0]!;
          const change = agentChange(after.id, before.rows[0], after);
          if (change) await appendWorkspaceEvent(tx, { actor: { kind: 'agent', id: req.auth!.agentId }, type: AGENT_UPDATED, data: change });
          return after;
        });
        if (!row) throw notFound('找不到该客服 (no such agent)');
        return { agent: agentFromRow(row) };
      },
    );
  };
}
