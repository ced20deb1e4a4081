import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrderSupplierResponse, SandboxScenariosResponse, SupplierConfig } from '../../../../protocol/suppliers';
import { createTestServer, type TestServer } from '../../testing/test-server';
import { DEMO_CONGESTED } from '../demo';

describe('the sandbox supplier inside the demo server', () => {
  let s: TestServer;
  let admin: string;
  let lead: string;
  beforeAll(async () => {
    s = await createTestServer({ demo: true, config: { supplierSandbox: { port: 0, scenario: null } } });
    admin = await s.login('admin', 'kadesk-admin');
    lead = await s.login('lead', 'kadesk-lead');
  });
  afterAll(() => s.close());

  const get = async <T>(token: string, url: string) => {
    const res = await s.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
    return { status: res.statusCode, body: res.json() as T };
  };

  it('connects every demo supplier to the sandbox, the story-1 ones congested with a 15 minute ETA', async () => {
    const { body } = await get<{ suppliers: SupplierConfig[] }>(admin, '/api/admin/suppliers');
    expect(body.suppliers.length).toBeGreaterThanOrEqual(5);
    expect(body.suppliers.every((x) => x.useSandbox && x.baseUrl === null && !x.hasApiKey)).toBe(true);

    const congested = DEMO_CONGESTED[0]!;
    const order = await s.db.query<{ id: string }>(`SELECT id FROM orders WHERE supplier = $1 LIMIT 1`, [congested]);
    const view = await get<OrderSupplierResponse>(lead, `/api/orders/${order.rows[0]!.id}/supplier`);
    expect(view.status).toBe(200);
    expect(view.body.health).toMatchObject({ ok: true, data: { state: 'congested', etaMinutes: 15 } });
    expect(view.body.cardKeys.ok).toBe(true);

    const healthy = body.suppliers.find((x) => !DEMO_CONGESTED.includes(x.name))!;
    const other = await s.db.query<{ id: string }>(`SELECT id FROM orders WHERE supplier = $1 LIMIT 1`, [healthy.name]);
    const calm = await get<OrderSupplierResponse>(lead, `/api/orders/${other.rows[0]!.id}/supplier`);
    expect(calm.body.health).toMatchObject({ ok: true, data: { state: 'healthy' } });
  });

  it('lets an admin script the scenario', async () => {
    const put = await s.app.inject({
      method: 'PUT',
      url: '/api/admin/supplier-sandbox/scenario',
      headers: { authorization: `Bearer ${admin}` },
      payload: { scenario: 'down' },
    });
    expect(put.statusCode).toBe(200);
    expect((put.json() as SandboxScenariosResponse).default).toMatchObject({ channel: 'down', etaMinutes: 60 });
    const order = await s.db.query<{ id: string }>(`SELECT id FROM orders WHERE supplier = $1 LIMIT 1`, [DEMO_CONGESTED[0]!]);
    const view = await get<OrderSupplierResponse>(lead, `/api/orders/${order.rows[0]!.id}/supplier`);
    expect(view.body.health).toMatchObject({ ok: true, data: { state: 'down' } });
    expect((await get(lead, '/api/admin/supplier-sandbox')).status).toBe(403);
  });
});
