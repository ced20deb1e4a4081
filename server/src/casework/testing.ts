import { newId } from '../../../protocol/ids';
import type { Db } from '../db/db';
import { databaseCatalog } from '../suppliers/sandbox/catalog';
import { startSupplierSandbox, type SupplierSandbox } from '../suppliers/sandbox/server';
import { addConversation, addCustomer, addTeam } from '../testing/fixtures';
import { createTestServer, type TestServer, type TestServerOptions } from '../testing/test-server';

// Test support for supplier, compensation, dispute and security-action tests: a server, a
// sandbox supplier, and a customer with an order, its card key and a ticket.

export async function addOrder(
  db: Db,
  o: { id?: string; customerId: string; supplier: string; product?: string; amountCents?: number; state?: string; keys?: string[] },
): Promise<string> {
  const id = o.id ?? `DD-${newId()}`;
  await db.write(async (tx) => {
    await tx.query(
      `INSERT INTO orders (id, customer_id, product, game, supplier, amount_cents, state) VALUES ($1, $2, $3, '王者荣耀', $4, $5, $6)`,
      [id, o.customerId, o.product ?? '王者荣耀 60元点券卡', o.supplier, o.amountCents ?? 6000, o.state ?? 'delivered'],
    );
    for (const code of o.keys ?? []) {
      await tx.query(`INSERT INTO card_keys (id, order_id, code, state) VALUES ($1, $2, $3, 'redeemed')`, [newId(), id, code]);
    }
  });
  return id;
}

export async function addSupplier(db: Db, s: { name: string; baseUrl: (id: string) => string; timeoutMs?: number; retries?: number; apiKey?: string }): Promise<string> {
  const id = newId();
  await db.write((tx) =>
    tx.query(`INSERT INTO suppliers (id, name, base_url, timeout_ms, retries, api_key) VALUES ($1, $2, $3, $4, $5, $6)`, [
      id,
      s.name,
      s.baseUrl(id),
      s.timeoutMs ?? 1000,
      s.retries ?? 1,
      s.apiKey ?? null,
    ]),
  );
  return id;
}

export const SUPPLIER = '测试供应商·华东';
export const KEY = 'ABCD-EFGH-JKLM-7Q2M';
export const MASKED_KEY = '****-****-****-7Q2M';

export interface ErrorBody {
  error: { code: string; message: string };
}
export interface Reply<T> {
  status: number;
  body: T;
}

export interface CaseWorld {
  s: TestServer;
  sandbox: SupplierSandbox;
  supplierId: string;
  /** Sign-in tokens: an agent of the supplier team, one of another team, a supervisor, an admin. */
  tokens: { agent: string; outsider: string; supervisor: string; admin: string };
  agentId: string;
  customerId: string;
  orderId: string;
  conversationId: string;
  /** An API call as `token`; the body is typed by the caller (errors by default). */
  call<T = ErrorBody>(token: string, method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: unknown): Promise<Reply<T>>;
  /** Another order of the customer (one card key, ¥60 from the test supplier) and a ticket about it in the supplier team. */
  addCase(o?: { amountCents?: number; keys?: string[] }): Promise<{ orderId: string; conversationId: string }>;
  close(): Promise<void>;
}

export async function caseWorld(opts: TestServerOptions = {}): Promise<CaseWorld> {
  const s = await createTestServer(opts);
  const sandbox = await startSupplierSandbox({ catalog: databaseCatalog(s.db) });
  await addTeam(s.db, 'SUP', 'supplier');
  await addTeam(s.db, 'OTH', 'general');
  const agent = await s.addAgent({ login: 'case-agent', password: 'case-pass-1', role: 'agent', teamIds: ['SUP'] });
  await s.addAgent({ login: 'case-outsider', password: 'case-pass-1', role: 'agent', teamIds: ['OTH'] });
  await s.addAgent({ login: 'case-lead', password: 'case-pass-1', role: 'supervisor' });
  await s.addAgent({ login: 'case-admin', password: 'case-pass-1', role: 'admin' });
  const tokens = {
    agent: await s.login('case-agent', 'case-pass-1'),
    outsider: await s.login('case-outsider', 'case-pass-1'),
    supervisor: await s.login('case-lead', 'case-pass-1'),
    admin: await s.login('case-admin', 'case-pass-1'),
  };
  const supplierId = await addSupplier(s.db, { name: SUPPLIER, baseUrl: (id) => `${sandbox.url}/${id}`, timeoutMs: 1000, retries: 1 });
  const customerId = await addCustomer(s.db);
  async function addCase(o: { id?: string; amountCents?: number; keys?: string[] } = {}) {
    const orderId = await addOrder(s.db, { id: o.id, customerId, supplier: SUPPLIER, amountCents: o.amountCents, keys: o.keys ?? [KEY] });
    const conversationId = await addConversation(s.db, { customerId, teamId: 'SUP' });
    await s.db.write((tx) =>
      tx.query(`UPDATE conversations SET order_id = $2, category = 'delivery_delayed' WHERE id = $1`, [conversationId, orderId]),
    );
    return { orderId, conversationId };
  }
  const { orderId, conversationId } = await addCase({ id: 'DD202611220001' });
  return {
    s,
    sandbox,
    supplierId,
    tokens,
    agentId: agent.id,
    customerId,
    orderId,
    conversationId,
    async call<T>(token: string, method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: unknown) {
      const res = await s.app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, payload: payload as object });
      return { status: res.statusCode, body: (res.body ? res.json() : null) as T };
    },
    addCase,
    async close() {
      await sandbox.close();
      await s.close();
    },
  };
}
