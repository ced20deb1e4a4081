import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadOrder } from '../casework/access';
import { addOrder, addSupplier, KEY, MASKED_KEY } from '../casework/testing';
import { addCustomer } from '../testing/fixtures';
import { createTestDb, type TestDb } from '../testing/test-db';
import { type GatewayOptions, SupplierGateway } from './gateway';
import { healthQuestion, lookupOrder } from './lookup';
import { databaseCatalog } from './sandbox/catalog';
import { PRESETS } from './sandbox/scenarios';
import { startSupplierSandbox, type SupplierSandbox } from './sandbox/server';
import { getSupplier, type SupplierRecord } from './store';

describe('supplier gateway against the sandbox supplier', () => {
  let t: TestDb;
  let sandbox: SupplierSandbox;
  let orderId: string;
  let clock = Date.parse('2026-11-22T08:00:00.000Z');
  const slept: number[] = [];
  const gatewayOpts = (more: Partial<GatewayOptions> = {}): Partial<GatewayOptions> => ({
    now: () => clock,
    client: {
      backoffBaseMs: 10,
      backoffMaxMs: 40,
      sleep: async (ms) => {
        slept.push(ms);
      },
    },
    ...more,
  });
  let n = 0;
  async function supplier(s: { timeoutMs?: number; retries?: number; apiKey?: string; at?: SupplierSandbox } = {}): Promise<SupplierRecord> {
    const base = (s.at ?? sandbox).url;
    const id = await addSupplier(t.db, { name: `测试供应商${++n}`, baseUrl: (sid) => `${base}/${sid}`, ...s });
    return (await getSupplier(t.db, id))!;
  }
  const requestsOf = (sb: SupplierSandbox, id: string) => sb.requests.filter((r) => r.supplierId === id);

  beforeAll(async () => {
    t = await createTestDb();
    sandbox = await startSupplierSandbox({ catalog: databaseCatalog(t.db) });
    const customerId = await addCustomer(t.db);
    orderId = await addOrder(t.db, { customerId, supplier: '任意', keys: [KEY] });
  });
  afterAll(async () => {
    await sandbox.close();
    await t.dispose();
  });

  it('answers fresh and masks card keys in what it returns and keeps', async () => {
    const s = await supplier();
    const order = (await loadOrder(t.db, orderId))!;
    const view = await lookupOrder(t.db, new SupplierGateway(t.db, gatewayOpts()), { ...order, supplier: s.name });
    expect(view.health).toMatchObject({ ok: true, stale: false, data: { state: 'healthy', etaMinutes: null } });
    expect(view.cardKeys).toMatchObject({ ok: true, data: [{ masked: MASKED_KEY, state: 'redeemed' }] });
    expect(view.inventory).toMatchObject({ ok: true, data: { product: order.product } });
    expect(view.distribution).toMatchObject({ ok: true, data: [{ masked: MASKED_KEY }] });
    const kept = await t.db.query<{ data: string }>(`SELECT data::text AS data FROM supplier_snapshots WHERE supplier_id = $1`, [s.id]);
    expect(kept.rows).toHaveLength(4);
    for (const r of kept.rows) expect(r.data).not.toContain(KEY);
  });

  it('retries an error burst with backoff and gets the answer within its retries', async () => {
    const s = await supplier({ retries: 2 });
    sandbox.setScenario({ ...PRESETS.healthy, failNext: 2 }, s.id);
    slept.length = 0;
    const part = await new SupplierGateway(t.db, gatewayOpts()).read(s, healthQuestion, (c) => c.health());
    expect(part).toMatchObject({ ok: true, stale: false });
    expect(requestsOf(sandbox, s.id)).toHaveLength(3);
    expect(slept).toHaveLength(2);
    expect(slept[1]!).toBeGreaterThanOrEqual(slept[0]!);
  });

  it('after its retries falls back to the last answer, marked stale with its age and the error', async () => {
    const s = await supplier({ retries: 1 });
    const gateway = new SupplierGateway(t.db, gatewayOpts());
    sandbox.setScenario('congested', s.id);
    expect(await gateway.read(s, healthQuestion, (c) => c.health())).toMatchObject({ ok: true, data: { state: 'congested', etaMinutes: 15 } });
    sandbox.setScenario({ ...PRESETS.healthy, failNext: 10 }, s.id);
    clock += 90_000;
    const part = await gateway.read(s, healthQuestion, (c) => c.health());
    expect(part).toMatchObject({
      ok: true,
      stale: true,
      ageSeconds: 90,
      data: { state: 'congested', etaMinutes: 15 },
      error: { code: 'supplier_error' },
    });
    // The first call plus the failing attempt and its one retry.
    expect(requestsOf(sandbox, s.id)).toHaveLength(3);
  });

  it('cuts a slow supplier off at its per-call timeout, each attempt', async () => {
    const s = await supplier({ timeoutMs: 150, retries: 1 });
    sandbox.setScenario({ ...PRESETS.healthy, delayMs: 2_000 }, s.id);
    const started = Date.now();
    const part = await new SupplierGateway(t.db, gatewayOpts()).read(s, healthQuestion, (c) => c.health());
    expect(part).toMatchObject({ ok: false, error: { code: 'timeout' } });
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(requestsOf(sandbox, s.id)).toHaveLength(2);
  });

  it('serves the cached state while the supplier is stopped', async () => {
    const own = await startSupplierSandbox({ catalog: databaseCatalog(t.db), scenario: 'down' });
    const s = await supplier({ at: own, retries: 0 });
    const gateway = new SupplierGateway(t.db, gatewayOpts());
    const fresh = await gateway.read(s, healthQuestion, (c) => c.health());
    expect(fresh).toMatchObject({ ok: true, stale: false, data: { state: 'down', etaMinutes: 60 } });
    await own.close();
    clock += 5 * 60_000;
    const stale = await gateway.read(s, healthQuestion, (c) => c.health());
    expect(stale).toMatchObject({ ok: true, stale: true, ageSeconds: 300, data: { state: 'down' }, error: { code: 'unreachable' } });
    // A question never answered before has nothing to fall back on.
    const none = await gateway.read(s, { ...healthQuestion, kind: 'other' }, (c) => c.health());
    expect(none).toMatchObject({ ok: false, error: { code: 'unreachable' } });
  });

  it('opens the breaker after repeated failures, stops calling, and closes after a good probe', async () => {
    const s = await supplier({ retries: 0 });
    const gateway = new SupplierGateway(t.db, gatewayOpts({ breaker: { failureThreshold: 2, openMs: 10_000 } }));
    const ask = () => gateway.read(s, healthQuestion, (c) => c.health());
    sandbox.setScenario({ ...PRESETS.healthy, failNext: 100 }, s.id);
    await ask();
    await ask();
    expect(gateway.breakerState(s.id)).toBe('open');
    const paused = await ask();
    expect(paused).toMatchObject({ ok: false, error: { code: 'circuit_open' } });
    expect(requestsOf(sandbox, s.id)).toHaveLength(2);

    sandbox.setScenario('healthy', s.id);
    clock += 10_000;
    expect(await ask()).toMatchObject({ ok: true, stale: false });
    expect(gateway.breakerState(s.id)).toBe('closed');
    expect(requestsOf(sandbox, s.id)).toHaveLength(3);
  });

  it('takes "not found" as an answer: no stale data, no breaker failure', async () => {
    const s = await supplier({ retries: 2 });
    const gateway = new SupplierGateway(t.db, gatewayOpts({ breaker: { failureThreshold: 1, openMs: 10_000 } }));
    const part = await gateway.read(s, { kind: 'card_keys', key: 'x', schema: healthQuestion.schema }, async (c) => {
      await c.cardKeys({ orderId: 'DD-NOBODY' });
      return { state: 'healthy' as const, etaMinutes: null, message: null };
    });
    expect(part).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(gateway.breakerState(s.id)).toBe('closed');
    expect(requestsOf(sandbox, s.id)).toHaveLength(1);
  });

  it('sends the API key in its header and never repeats it in an error', async () => {
    const secret = 'sk-sandbox-0123456789';
    const guarded = await startSupplierSandbox({ catalog: databaseCatalog(t.db), apiKey: { header: 'X-Api-Key', value: secret } });
    try {
      const gateway = new SupplierGateway(t.db, gatewayOpts());
      const wrong = await supplier({ at: guarded, apiKey: 'sk-wrong-key-000' });
      const refused = await gateway.read(wrong, healthQuestion, (c) => c.health());
      expect(refused).toMatchObject({ ok: false, error: { code: 'supplier_error' } });
      expect(JSON.stringify(refused)).not.toContain('sk-wrong-key-000');
      const right = await supplier({ at: guarded, apiKey: secret });
      expect(await gateway.read(right, healthQuestion, (c) => c.health())).toMatchObject({ ok: true });
    } finally {
      await guarded.close();
    }
  });
});
