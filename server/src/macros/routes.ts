import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { CreateMacroRequest, MacroListResponse, MacroResponse, UpdateMacroRequest } from '../../../protocol/macros';
import type { ServerDeps } from '../app';
import { anyRole, IdParams } from '../casework/http';
import { hasDemoWorkspace } from '../demo/seed';
import { ensureDemoMacros } from './demo';
import { changeMacro, createMacro, removeMacro } from './service';
import { listMacros } from './store';

/** Macros: every agent lists the shared ones and their own; shared ones are changed by admins only. */
export function macroRoutes({ db }: ServerDeps) {
  return async (app: FastifyInstance) => {
    if (await hasDemoWorkspace(db)) await ensureDemoMacros(db);

    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['macros'];

    r.get('/api/macros', { preHandler: anyRole, schema: { tags, response: { 200: MacroListResponse } } }, async (req) => ({
      macros: await listMacros(db, req.auth!.agentId),
    }));

    r.post(
      '/api/macros',
      { preHandler: anyRole, schema: { tags, body: CreateMacroRequest, response: { 201: MacroResponse } } },
      async (req, reply) => reply.code(201).send({ macro: await createMacro(db, req.auth!, req.body) }),
    );

    r.patch(
      '/api/macros/:id',
      { preHandler: anyRole, schema: { tags, params: IdParams, body: UpdateMacroRequest, response: { 200: MacroResponse } } },
      async (req) => ({ macro: await changeMacro(db, req.auth!, req.params.id, req.body) }),
    );

    r.delete('/api/macros/:id', { preHandler: anyRole, schema: { tags, params: IdParams } }, async (req, reply) => {
      await removeMacro(db, req.auth!, req.params.id);
      return reply.code(204).send();
    });
  };
}
