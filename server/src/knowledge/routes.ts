import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Category } from '../../../protocol/entities';
import {
  ArticleInput,
  ArticleResponse,
  ChecklistTicksRequest,
  ChecklistTicksResponse,
  KnowledgeResponse,
  SopInput,
  SopResponse,
} from '../../../protocol/knowledge';
import type { ServerDeps } from '../app';
import { requireRole } from '../auth/guard';
import { conversationForCase } from '../casework/access';
import { anyRole, IdParams } from '../casework/http';
import { hasDemoWorkspace } from '../demo/seed';
import { notFound } from '../http/errors';
import { ensureDemoKnowledge } from './demo';
import { applyTicks, checklistTicks, deleteArticle, listArticles, listSops, upsertArticle, upsertSop } from './store';

const adminOnly = requireRole('admin');
const CategoryParams = z.object({ category: Category });

/**
 * SOPs and the knowledge base: everyone signed in reads them; admins edit them. Checklist
 * ticks are per ticket and follow the ticket's scope.
 */
export function knowledgeRoutes({ db }: ServerDeps) {
  return async (app: FastifyInstance) => {
    if (await hasDemoWorkspace(db)) await ensureDemoKnowledge(db);
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['knowledge'];

    r.get('/api/knowledge', { preHandler: anyRole, schema: { tags, response: { 200: KnowledgeResponse } } }, async () =>
      db.snapshot(async (tx) => ({ sops: await listSops(tx), articles: await listArticles(tx) })),
    );

    r.put(
      '/api/knowledge/sops/:category',
      { preHandler: adminOnly, schema: { tags, params: CategoryParams, body: SopInput, response: { 200: SopResponse } } },
      async (req) => ({ sop: await db.write((tx) => upsertSop(tx, req.params.category, req.body, req.auth!.agentId)) }),
    );

    r.put(
      '/api/knowledge/articles/:id',
      { preHandler: adminOnly, schema: { tags, params: IdParams, body: ArticleInput, response: { 200: ArticleResponse } } },
      async (req) => ({ article: await db.write((tx) => upsertArticle(tx, req.params.id, req.body, req.auth!.agentId)) }),
    );

    r.delete('/api/knowledge/articles/:id', { preHandler: adminOnly, schema: { tags, params: IdParams } }, async (req, reply) => {
      const found = await db.write((tx) => deleteArticle(tx, req.params.id, req.auth!.agentId));
      if (!found) throw notFound('文章不存在 (no such article)');
      return reply.code(204).send();
    });

    r.get(
      '/api/conversations/:id/checklist',
      { preHandler: anyRole, schema: { tags, params: IdParams, response: { 200: ChecklistTicksResponse } } },
      async (req) =>
        db.snapshot(async (tx) => {
          const conv = await conversationForCase(tx, req.auth!, req.params.id);
          return { ticks: await checklistTicks(tx, conv.id) };
        }),
    );

    r.put(
      '/api/conversations/:id/checklist',
      { preHandler: anyRole, schema: { tags, params: IdParams, body: ChecklistTicksRequest, response: { 200: ChecklistTicksResponse } } },
      async (req) =>
        db.write(async (tx) => {
          const conv = await conversationForCase(tx, req.auth!, req.params.id);
          await applyTicks(tx, conv.id, req.body.ticks, req.auth!.agentId);
          return { ticks: await checklistTicks(tx, conv.id) };
        }),
    );
  };
}
