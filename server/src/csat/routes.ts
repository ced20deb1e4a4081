import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CSAT_COMMENT_MAX, SendSurveyResponse, surveyPath, SurveyAnswer } from '../../../protocol/csat';
import type { ServerDeps } from '../app';
import type { ServerConfig } from '../config';
import { conversationForCase } from '../casework/access';
import { anyRole, IdParams } from '../casework/http';
import { agentActor } from '../conversations/events';
import { SurveyWorker } from './jobs';
import { renderSurveyPage, SURVEY_PAGE_CSP, type SurveyPage } from './page';
import { answerSurvey, findSurvey, sendSurvey } from './service';

/**
 * Where customers reach this server: `KADESK_PUBLIC_URL` (the address behind the site's proxy),
 * else the address the server listens on.
 */
export function publicUrlFrom(config: ServerConfig, env: NodeJS.ProcessEnv = process.env): string {
  const configured = env.KADESK_PUBLIC_URL?.trim();
  if (configured) return configured;
  const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
  return `http://${host.includes(':') ? `[${host}]` : host}:${config.port}`;
}

// Survey tokens are 43 base64url characters; anything else is not worth a lookup.
const TOKEN = /^[A-Za-z0-9_-]{20,100}$/;
const TokenParams = z.object({ token: z.string() });
const FORM_LIMIT_BYTES = 16 * 1024;

function sendPage(reply: FastifyReply, status: number, p: SurveyPage) {
  return reply
    .code(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('content-security-policy', SURVEY_PAGE_CSP)
    // The token is in the address: keep it out of caches and other sites' Referer headers.
    .header('cache-control', 'no-store')
    .header('referrer-policy', 'no-referrer')
    .header('x-content-type-options', 'nosniff')
    .send(renderSurveyPage(p));
}

/**
 * Satisfaction surveys: agents send one on request; resolutions queue one that the worker
 * sends; customers answer on the public page /survey/<token>.
 */
export function csatRoutes({ db, config }: ServerDeps, publicUrl = publicUrlFrom(config)) {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();

    r.post(
      '/api/conversations/:id/survey',
      { preHandler: anyRole, schema: { tags: ['csat'], params: IdParams, response: { 202: SendSurveyResponse } } },
      async (req, reply) => {
        const auth = req.auth!;
        const { surveyId } = await db.write(async (tx) => {
          const conv = await conversationForCase(tx, auth, req.params.id, true);
          const { rows } = await tx.query<{ channel: string }>('SELECT channel FROM conversations WHERE id = $1', [conv.id]);
          return sendSurvey(
            tx,
            { conversationId: conv.id, customerId: conv.customerId, channel: rows[0]!.channel, agentId: conv.assigneeId },
            { publicUrl, actor: agentActor(auth), cause: 'manual' },
          );
        });
        return reply.code(202).send({ surveyId });
      },
    );

    // The page's form posts urlencoded fields; only these routes accept that content type.
    app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: FORM_LIMIT_BYTES }, (_req, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(body as string)));
    });

    r.get('/survey/:token', { schema: { hide: true, params: TokenParams } }, async (req, reply) => {
      const { token } = req.params;
      const survey = TOKEN.test(token) ? await findSurvey(db, token) : null;
      if (!survey) return sendPage(reply, 404, { kind: 'not_found' });
      if (survey.answeredAt) return sendPage(reply, 200, { kind: 'already_answered' });
      return sendPage(reply, 200, { kind: 'form', action: surveyPath(token) });
    });

    r.post('/survey/:token', { schema: { hide: true, params: TokenParams } }, async (req, reply) => {
      const { token } = req.params;
      if (!TOKEN.test(token)) return sendPage(reply, 404, { kind: 'not_found' });
      const fields = (req.body ?? {}) as Record<string, unknown>;
      const parsed = SurveyAnswer.safeParse(fields);
      if (!parsed.success) {
        const survey = await findSurvey(db, token);
        if (!survey) return sendPage(reply, 404, { kind: 'not_found' });
        if (survey.answeredAt) return sendPage(reply, 409, { kind: 'already_answered' });
        const score = Number(fields.score);
        const comment = typeof fields.comment === 'string' ? fields.comment : '';
        const error = parsed.error.issues.some((i) => i.path[0] === 'comment')
          ? `留言太长了，请控制在 ${CSAT_COMMENT_MAX} 字以内后再提交。`
          : '请选择 1 到 5 分中的一项后再提交。';
        return sendPage(reply, 400, { kind: 'form', action: surveyPath(token), error, score: Number.isInteger(score) ? score : undefined, comment });
      }
      const outcome = await db.write((tx) => answerSurvey(tx, token, parsed.data));
      if (outcome === 'not_found') return sendPage(reply, 404, { kind: 'not_found' });
      if (outcome === 'already_answered') return sendPage(reply, 409, { kind: 'already_answered' });
      return sendPage(reply, 200, { kind: 'thanks', score: parsed.data.score });
    });

    if (config.pipeline.process && config.pipeline.sweepMs > 0) {
      const worker = new SurveyWorker(db, publicUrl, config.pipeline.sweepMs, app.log);
      app.addHook('onReady', () => worker.start());
      app.addHook('onClose', () => worker.stop());
    }
  };
}
