import fastifyCors from '@fastify/cors';
import type { ServerConfig } from './config';
import { appWide } from './http/app-wide';

/**
 * The packaged desktop app loads its pages from app://kadesk and calls the API on this server,
 * so /api answers those origins; pages and widget assets stay same-origin only.
 */
export function apiCors(config: ServerConfig) {
  const apiOptions = {
    origin: config.corsOrigins,
    methods: ['GET', 'HEAD', 'POST', 'PATCH', 'PUT', 'DELETE'],
    allowedHeaders: ['Authorization', 'Content-Type'],
    maxAge: 600,
  };
  return appWide(async (app) => {
    await app.register(fastifyCors, {
      delegator: (req, done) => done(null, req.url.startsWith('/api/') ? apiOptions : { origin: false }),
    });
  });
}
