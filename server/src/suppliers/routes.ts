import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  CreateSupplierRequest,
  OrderSupplierResponse,
  ReissueRequest,
  ReissueResponse,
  SandboxScenariosResponse,
  SetSandboxScenarioRequest,
  SupplierListResponse,
  SupplierResponse,
  UpdateSupplierRequest,
} from '../../../protocol/suppliers';
import type { ServerDeps } from '../app';
import { requireRole } from '../auth/guard';
import { anyRole, IdParams } from '../casework/http';
import { conversationForCase, orderForCase } from '../casework/access';
import { agentActor } from '../casework/actor';
import { conflict, unprocessable } from '../casework/errors';
import { hasDemoWorkspace } from '../demo/seed';
import { notFound } from '../http/errors';
import { applyDemoScenarios, ensureDemoSuppliers } from './demo';
import { SupplierGateway } from './gateway';
import { lookupOrder } from './lookup';
import { reissueOrder } from './reissue';
import { installRuntime } from './runtime';
import { databaseCatalog } from './sandbox/catalog';
import { startSupplierSandbox, type SupplierSandbox } from './sandbox/server';
import {
  deleteSupplier,
  getSupplier,
  insertSupplier,
  listSuppliers,
  type SupplierRecord,
  supplierConfig,
  updateSupplier,
} from './store';

/**
 * Supplier lookups and reissues for agents, supplier connections for admins, and — when
 * configured — the sandbox supplier on its own loopback port for as long as the app runs.
 */
export function supplierRoutes({ db, config }: ServerDeps) {
  return async (app: FastifyInstance) => {
    const gateway = new SupplierGateway(db);
    installRuntime(db, { gateway, policy: config.compensationPolicy });
    const sandbox = config.supplierSandbox ? await startSandbox(app) : null;

    async function startSandbox(app: FastifyInstance): Promise<SupplierSandbox> {
      const s = await startSupplierSandbox({
        catalog: databaseCatalog(db),
        port: config.supplierSandbox!.port,
        scenario: config.supplierSandbox!.scenario ?? 'healthy',
      });
      app.addHook('onClose', () => s.close());
      gateway.sandboxUrl = s.url;
      if (await hasDemoWorkspace(db)) {
        const suppliers = await ensureDemoSuppliers(db);
        if (config.supplierSandbox!.scenario === null) applyDemoScenarios(s, suppliers);
      }
      app.log.info({ url: s.url }, 'sandbox supplier listening');
      return s;
    }

    const r = app.withTypeProvider<ZodTypeProvider>();
    const admin = requireRole('admin');
    const tags = ['suppliers'];
    const view = (s: SupplierRecord) => supplierConfig(s, gateway.breakerState(s.id));

    r.get(
      '/api/orders/:id/supplier',
      { preHandler: anyRole, schema: { tags, params: IdParams, response: { 200: OrderSupplierResponse } } },
      async (req) => lookupOrder(db, gateway, await orderForCase(db, req.auth!, req.params.id)),
    );

    r.post(
      '/api/orders/:id/reissue',
      { preHandler: anyRole, schema: { tags, params: IdParams, body: ReissueRequest, response: { 200: ReissueResponse } } },
      async (req) => {
        const auth = req.auth!;
        const order = await orderForCase(db, auth, req.params.id);
        const { conversationId } = req.body;
        if (conversationId !== undefined && (await conversationForCase(db, auth, conversationId)).customerId !== order.customerId) {
          throw unprocessable('conversation_not_of_order', '该会话不属于此订单的客户 (the conversation is not with this order\'s customer)');
        }
        return reissueOrder(db, gateway, {
          requestId: req.body.requestId,
          orderId: order.id,
          masked: req.body.cardKeys ?? null,
          reason: req.body.reason,
          conversationId: conversationId ?? null,
          actor: agentActor(auth),
          announce: true,
        });
      },
    );

    r.get('/api/admin/suppliers', { preHandler: admin, schema: { tags, response: { 200: SupplierListResponse } } }, async () => ({
      suppliers: (await listSuppliers(db)).map(view),
    }));

    r.post(
      '/api/admin/suppliers',
      { preHandler: admin, schema: { tags, body: CreateSupplierRequest, response: { 201: SupplierResponse } } },
      async (req, reply) => {
        const created = await db.write((tx) => insertSupplier(tx, req.body));
        if (!created) throw nameTaken();
        return reply.code(201).send({ supplier: view(created) });
      },
    );

    r.patch(
      '/api/admin/suppliers/:id',
      { preHandler: admin, schema: { tags, params: IdParams, body: UpdateSupplierRequest, response: { 200: SupplierResponse } } },
      async (req) => {
        const updated = await db.write(async (tx) => {
          const current = await getSupplier(tx, req.params.id);
          if (!current) return null;
          const next = { ...current, ...req.body };
          if (!next.useSandbox && next.baseUrl === null) throw unprocessable('base_url_required', '请填写 baseUrl 或启用沙箱 (give a baseUrl or use the sandbox)');
          if (next.name !== current.name && (await tx.query('SELECT 1 FROM suppliers WHERE name = $1', [next.name])).rows.length > 0) {
            throw nameTaken();
          }
          return updateSupplier(tx, req.params.id, req.body);
        });
        if (!updated) throw notFound('找不到该供应商 (no such supplier)');
        // A changed connection deserves a fresh start, not the old one's open breaker.
        gateway.forget(updated.id);
        return { supplier: view(updated) };
      },
    );

    r.delete('/api/admin/suppliers/:id', { preHandler: admin, schema: { tags, params: IdParams } }, async (req, reply) => {
      if (!(await db.write((tx) => deleteSupplier(tx, req.params.id)))) throw notFound('找不到该供应商 (no such supplier)');
      gateway.forget(req.params.id);
      return reply.code(204).send();
    });

    const running = () => {
      if (!sandbox) throw notFound('沙箱供应商未启用 (the sandbox supplier is off; set KADESK_SUPPLIER_SANDBOX=1)');
      return sandbox;
    };

    r.get('/api/admin/supplier-sandbox', { preHandler: admin, schema: { tags, response: { 200: SandboxScenariosResponse } } }, async () =>
      running().scenarios(),
    );

    r.put(
      '/api/admin/supplier-sandbox/scenario',
      { preHandler: admin, schema: { tags, body: SetSandboxScenarioRequest, response: { 200: SandboxScenariosResponse } } },
      async (req) => {
        const s = running();
        s.setScenario(req.body.scenario, req.body.supplierId);
        return s.scenarios();
      },
    );
  };
}

const nameTaken = () => conflict('supplier_name_taken', '已有同名供应商 (a supplier with this name exists)');
