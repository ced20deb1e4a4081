import Fastify, { type FastifyInstance } from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  isResponseSerializationError,
  serializerCompiler,
  validatorCompiler,
} from 'fastify-type-provider-zod';
import type { ServerConfig } from './config';
import type { Db } from './db/db';
import { HttpError } from './http/errors';
import type { Pipeline } from './pipeline/service';

export interface ServerDeps {
  db: Db;
  config: ServerConfig;
  pipeline: Pipeline;
}

/** Request bodies above this are refused with 413 before they are parsed. */
export const BODY_LIMIT_BYTES = 1024 * 1024;

export async function buildApp(deps: ServerDeps, plugins: Array<(app: FastifyInstance) => Promise<void>>) {
  const app = Fastify({
    bodyLimit: BODY_LIMIT_BYTES,
    logger: {
      level: deps.config.logLevel,
      // Tokens and passwords must never reach the logs.
      redact: ['req.headers.authorization', 'req.headers.cookie', '*.password', '*.token', '*.apiKey', '*.secret'],
    },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorateRequest('auth', null);

  app.setErrorHandler((err, req, reply) => {
    if (hasZodFastifySchemaValidationErrors(err)) {
      return reply.code(400).send({
        error: {
          code: 'invalid_request',
          message: `请求内容不符合要求 (request does not match the schema): ${err.validation
            .map((v) => `${v.instancePath || '/'} ${v.message ?? ''}`.trim())
            .join('; ')}`,
          details: err.validation,
        },
      });
    }
    if (isResponseSerializationError(err)) {
      req.log.error({ err }, 'response failed its schema');
      return reply.code(500).send({ error: { code: 'internal', message: '服务器内部错误 (internal error)' } });
    }
    if (err instanceof HttpError) {
      return reply
        .code(err.statusCode)
        .send({ error: { code: err.code, message: err.message, details: err.details } });
    }
    const e = err as { statusCode?: number; code?: string; message?: string };
    const status = typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500 ? e.statusCode : 500;
    if (status === 500) {
      req.log.error({ err }, 'unhandled error');
      return reply.code(500).send({ error: { code: 'internal', message: '服务器内部错误，请稍后重试 (internal error, try again later)' } });
    }
    // Fastify's own 4xx: malformed JSON, oversized body, wrong content type.
    const code =
      e.code === 'FST_ERR_CTP_BODY_TOO_LARGE'
        ? 'body_too_large'
        : e.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE'
          ? 'unsupported_media_type'
          : 'bad_request';
    return reply.code(status).send({ error: { code, message: e.message ?? 'bad request' } });
  });

  app.setNotFoundHandler((req, reply) =>
    reply.code(404).send({ error: { code: 'not_found', message: `没有这个接口 (no route): ${req.method} ${req.url.split('?')[0]}` } }),
  );

  for (const plugin of plugins) await app.register(plugin);
  return app;
}
