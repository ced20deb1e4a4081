import type { FastifyInstance } from 'fastify';

type Plugin = (app: FastifyInstance) => Promise<void>;

/**
 * Lets a plugin's hooks and decorators reach the whole app instead of its own encapsulated
 * context (what fastify-plugin does, via the documented 'skip-override' property): CORS,
 * OpenAPI route collection and the session authenticator must see every other plugin's routes.
 */
export function appWide(plugin: Plugin): Plugin {
  return Object.assign(plugin, { [Symbol.for('skip-override')]: true });
}
