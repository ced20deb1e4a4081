import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { CreateNoticeRequest, Notice, NoticeListResponse, NoticePreviewRequest, NoticePreviewResponse } from '../../../protocol/proactive';
import type { ServerDeps } from '../app';
import { requireRole } from '../auth/guard';
import { IdParams } from '../casework/http';
import { requestIdReused } from '../casework/errors';
import { notFound } from '../http/errors';
import { affectedCustomers, summarise } from './audience';
import { createNotice, listNotices, loadNotice } from './notices';
import { NoticeSender } from './sender';

/** Proactive notices for supervisors and admins: preview the audience, send, follow progress. */
export function proactiveRoutes({ db }: ServerDeps) {
  return async (app: FastifyInstance) => {
    const sender = new NoticeSender(db, app.log);
    app.addHook('onReady', () => sender.resume());
    app.addHook('onClose', () => sender.idle());

    const r = app.withTypeProvider<ZodTypeProvider>();
    const lead = requireRole('supervisor', 'admin');
    const tags = ['proactive'];

    r.post(
      '/api/proactive/preview',
      { preHandler: lead, schema: { tags, summary: 'How many customers a notice would reach', body: NoticePreviewRequest, response: { 200: NoticePreviewResponse } } },
      async (req) => summarise(await affectedCustomers(db, req.body.audience)),
    );

    r.post(
      '/api/proactive/notices',
      { preHandler: lead, schema: { tags, summary: 'Send a notice (idempotent per id)', body: CreateNoticeRequest, response: { 200: Notice, 201: Notice } } },
      async (req, reply) => {
        const out = await createNotice(db, req.auth!, req.body);
        if (out.kind === 'id_reused') throw requestIdReused();
        if (out.notice.state === 'sending') void sender.send(out.notice.id);
        return reply.code(out.kind === 'created' ? 201 : 200).send(out.notice);
      },
    );

    r.get(
      '/api/proactive/notices',
      { preHandler: lead, schema: { tags, summary: 'Recent notices with their progress', response: { 200: NoticeListResponse } } },
      async () => ({ notices: await listNotices(db) }),
    );

    r.get(
      '/api/proactive/notices/:id',
      { preHandler: lead, schema: { tags, summary: "A notice's progress", params: IdParams, response: { 200: Notice } } },
      async (req) => {
        const notice = await loadNotice(db, req.params.id);
        if (!notice) throw notFound('没有这条通知 (no such notice)');
        return notice;
      },
    );
  };
}
