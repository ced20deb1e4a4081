import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import pkg from '../../package.json' with { type: 'json' };
import { appWide } from './http/app-wide';

export const DOCS_PREFIX = '/api/docs';

/** OpenAPI built from the routes' zod schemas, browsable at /api/docs (JSON at /api/docs/json). */
export function openApiDocs() {
  return appWide(async (app) => {
    await app.register(fastifySwagger, {
      openapi: {
        info: { title: 'Kadesk API', version: pkg.version },
        components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
        // Routes are signed-in unless they say `security: []`.
        security: [{ bearer: [] }],
      },
      transform: jsonSchemaTransform,
    });
    await app.register(fastifySwaggerUi, { routePrefix: DOCS_PREFIX });
  });
}
