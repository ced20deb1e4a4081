import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ServerConfig } from './config';

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>Kadesk</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 4rem auto; line-height: 1.6">
<h1>Kadesk 服务器已启动，但页面尚未构建</h1>
<p>The Kadesk server is running, but the workstation and widget pages have not been built.</p>
<p>请在项目目录运行 <code>npm run build</code>，然后重启服务器。<br>
Run <code>npm run build</code> in the project folder, then restart the server.</p>
<p>接口文档 (API docs): <a href="/api/docs">/api/docs</a></p>
</body></html>`;

const notBuilt = (_req: FastifyRequest, reply: FastifyReply) =>
  reply.code(503).type('text/html; charset=utf-8').send(NOT_BUILT_PAGE);

/** Customer-facing pages, each built into its own folder: the chat widget and the ticket form. */
const CUSTOMER_PAGES = [
  { prefix: '/widget/', folder: 'widget' },
  { prefix: '/support/', folder: 'form' },
];

/** Paths owned by the API or a customer page never fall back to the workstation's index.html. */
const isApiOrCustomerPage = (path: string) =>
  path.startsWith('/api/') || path === '/api' || CUSTOMER_PAGES.some((p) => path.startsWith(p.prefix));
// A last segment with an extension asks for a file (a stale hashed asset); it gets a 404, not the app shell.
const looksLikeFile = (path: string) => /\.[A-Za-z0-9]+$/.test(path);

/**
 * The built workstation (browser mode) at /, the customer widget at /widget/ and the ticket
 * form at /support/. Files are listed when the server starts (so restart after a build); any
 * other page path gets the workstation's index.html, since its router owns client-side paths.
 */
export function staticSite(config: ServerConfig) {
  const rendererDir = join(config.staticDir, 'renderer');
  return async (app: FastifyInstance) => {
    for (const { prefix, folder } of CUSTOMER_PAGES) {
      const root = join(config.staticDir, folder);
      app.get(prefix.slice(0, -1), { schema: { hide: true } }, (_req, reply) => reply.redirect(prefix));
      if (existsSync(join(root, 'index.html'))) {
        await app.register(fastifyStatic, { root, prefix, wildcard: false, decorateReply: false });
      } else {
        app.get(prefix, { schema: { hide: true } }, notBuilt);
      }
    }

    const hasRenderer = existsSync(join(rendererDir, 'index.html'));
    if (hasRenderer) await app.register(fastifyStatic, { root: rendererDir, prefix: '/', wildcard: false });
    else app.get('/', { schema: { hide: true } }, notBuilt);

    app.get('/*', { schema: { hide: true } }, (req, reply) => {
      const path = req.url.split('?')[0]!;
      if (isApiOrCustomerPage(path) || looksLikeFile(path)) return reply.callNotFound();
      return hasRenderer ? reply.sendFile('index.html') : notBuilt(req, reply);
    });
  };
}
