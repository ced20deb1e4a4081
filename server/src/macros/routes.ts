import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { CreateMacroRequest, MacroHistoryResponse, MacroListResponse, MacroResponse, UpdateMacroRequest } from '../../../protocol/macros';
import type { ServerDeps } from '../app';
import { requireRole } from '../auth/guard';
import { anyRole, IdParams } from '../casework/http';
import { hasDemoWorkspace } from '../demo/seed';
import { notFound } from '../http/errors';
import { ensureDemoMacros } from './demo';
import { changeMacro, createMacro, removeMacro } from './service';
import { listMacros, macroEvents } from './store';

/** Macros: every agent lists the shared ones and their own; shared ones are changed, and their history read, by admins only. */
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

    r.get(
      '/api/macros/:id/history',
      { preHandler: requireRole('admin'), schema: { tags, params: IdParams, response: { 200: MacroHistoryResponse } } },
      async (req) => {
        const events = await macroEvents(db, req.params.id);
        // A personal macro's history is its owner's business, as the macro itself is.
        if (events.length === 0 || (events[0]!.after ?? events[0]!.before)?.scope === 'personal') throw notFound('宏不存在 (no such macro)');
        return { changes: events.map(({ macroId: _, ...change }) => change) };
      },
    );

    r.delete('/api/macros/:id', { preHandler: anyRole, schema: { tags, params: IdParams } }, async (req, reply) => {
      await removeMacro(db, req.auth!, req.params.id);
      return reply.code(204).send();
    });
  };
}
