import { setTimeout as sleep } from 'node:timers/promises';
import Fastify from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { SandboxPreset, SandboxScenario, SandboxScenariosResponse } from '../../../../protocol/suppliers';
import {
  CONTRACT_PATHS,
  WireCardKeys,
  WireDistributions,
  WireError,
  WireHealth,
  WireInventory,
  WireReissueRequest,
  WireReissueResult,
} from '../contract';
import type { SandboxCatalog } from './catalog';
import { type CatalogKey, inventoryOf, replacementCode, wireDistribution, wireKey } from './data';
import { healthOf, scenarioOf, step } from './scenarios';

/**
 * A supplier for the demo and the tests: a real HTTP server on loopback implementing the
 * supplier contract (../contract.ts), one tenant per supplier at `/<supplier id>/v1/…`,
 * answering from the workspace's own orders, with a scripted scenario per supplier.
 */
export interface SupplierSandbox {
  /** http://127.0.0.1:<port>; a supplier's base URL is this plus `/<supplier id>`. */
  url: string;
  /** Sets one supplier's scenario, or without an id every supplier's (dropping per-supplier ones). */
  setScenario(scenario: SandboxPreset | SandboxScenario, supplierId?: string): void;
  scenarios(): SandboxScenariosResponse;
  /** Every request received, for tests that count attempts. */
  requests: Array<{ supplierId: string; method: string; path: string }>;
  close(): Promise<void>;
}

export interface SandboxOptions {
  catalog: SandboxCatalog;
  /** 0 (default) picks a free port. */
  port?: number;
  /** When set, a request without this key in this header is refused with 401. */
  apiKey?: { header: string; value: string };
  scenario?: SandboxPreset | SandboxScenario;
}

const Tenant = z.object({ supplierId: z.string().min(1).max(64) });
const unknownOrder = { error: 'unknown order or card key' };

export async function startSupplierSandbox(opts: SandboxOptions): Promise<SupplierSandbox> {
  const { catalog } = opts;
  const app = Fastify({ logger: false, forceCloseConnections: true });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  const closing = new AbortController();
  let shared = scenarioOf(opts.scenario ?? 'healthy');
  const own = new Map<string, SandboxScenario>();
  const reissues = new Map<string, WireReissueResult>();
  const requests: SupplierSandbox['requests'] = [];
  const scenarioFor = (supplierId: string) => own.get(supplierId) ?? shared;

  app.addHook('onRequest', async (req, reply) => {
    const { supplierId } = req.params as { supplierId?: string };
    if (supplierId === undefined) return;
    requests.push({ supplierId, method: req.method, path: req.url.split('?')[0]!.slice(supplierId.length + 1) });
    if (opts.apiKey && req.headers[opts.apiKey.header.toLowerCase()] !== opts.apiKey.value) {
      return reply.code(401).send({ error: 'invalid api key' });
    }
    const { fail, delayMs, next } = step(scenarioFor(supplierId));
    if (own.has(supplierId)) own.set(supplierId, next);
    else shared = next;
    // Closing the sandbox cuts a slow answer short instead of waiting it out.
    if (delayMs > 0) await sleep(delayMs, undefined, { signal: closing.signal }).catch(() => undefined);
    if (fail) return reply.code(503).send({ error: 'upstream busy' });
  });

  const r = app.withTypeProvider<ZodTypeProvider>();
  const at = (path: string) => `/:supplierId${path}`;

  r.get(at(CONTRACT_PATHS.health), { schema: { params: Tenant, response: { 200: WireHealth } } }, async (req) =>
    healthOf(scenarioFor(req.params.supplierId)),
  );

  const KeyQuery = z
    .object({ orderId: z.string().min(1).optional(), code: z.string().min(1).optional() })
    .refine((q) => (q.orderId === undefined) !== (q.code === undefined), { message: 'give orderId or code' });
  r.get(
    at(CONTRACT_PATHS.cardKeys),
    { schema: { params: Tenant, querystring: KeyQuery, response: { 200: WireCardKeys, 404: WireError } } },
    async (req, reply) => {
      const { orderId, code } = req.query;
      const keys: CatalogKey[] | null =
        orderId !== undefined ? await catalog.keysOfOrder(orderId) : await catalog.keyByCode(code!).then((k) => k && [k]);
      if (!keys) return reply.code(404).send(unknownOrder);
      return { keys: keys.map(wireKey) };
    },
  );

  r.get(
    at(CONTRACT_PATHS.inventory),
    { schema: { params: Tenant, querystring: z.object({ product: z.string().min(1) }), response: { 200: WireInventory } } },
    async (req) => inventoryOf(req.query.product, scenarioFor(req.params.supplierId)),
  );

  r.get(
    at(CONTRACT_PATHS.distribution),
    { schema: { params: Tenant, querystring: z.object({ orderId: z.string().min(1) }), response: { 200: WireDistributions, 404: WireError } } },
    async (req, reply) => {
      const keys = await catalog.keysOfOrder(req.query.orderId);
      if (!keys) return reply.code(404).send(unknownOrder);
      return { records: keys.flatMap((k) => wireDistribution(k) ?? []) };
    },
  );

  r.post(
    at(CONTRACT_PATHS.reissues),
    { schema: { params: Tenant, body: WireReissueRequest, response: { 200: WireReissueResult, 404: WireError } } },
    async (req, reply) => {
      const { supplierId } = req.params;
      const { requestId, orderId, codes } = req.body;
      // The contract's idempotency: a request id seen before gets its first answer.
      const key = `${supplierId}\n${requestId}`;
      const earlier = reissues.get(key);
      if (earlier) return earlier;
      if (!(await catalog.keysOfOrder(orderId))) return reply.code(404).send(unknownOrder);
      const { channel } = scenarioFor(supplierId);
      const result: WireReissueResult =
        channel === 'healthy'
          ? {
              requestId,
              status: 'issued',
              codes: codes.map((c, i) => ({ replaces: c, code: replacementCode(requestId, i, c) })),
              message: null,
            }
          : {
              requestId,
              status: 'rejected',
              codes: [],
              message: channel === 'congested' ? '通道拥堵，暂无法补发，请在通道恢复后重试' : '通道维护中，暂停补发',
            };
      reissues.set(key, result);
      return result;
    },
  );

  // Loopback only, whatever the Kadesk server itself listens on.
  await app.listen({ host: '127.0.0.1', port: opts.port ?? 0 });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('sandbox supplier has no port');
  return {
    url: `http://127.0.0.1:${address.port}`,
    setScenario(scenario, supplierId) {
      if (supplierId !== undefined) {
        own.set(supplierId, scenarioOf(scenario));
        return;
      }
      shared = scenarioOf(scenario);
      own.clear();
    },
    scenarios: () => ({ default: shared, suppliers: Object.fromEntries(own) }),
    requests,
    async close() {
      closing.abort();
      await app.close();
    },
  };
}
