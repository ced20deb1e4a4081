import type { CreateSupplierRequest, SupplierConfig, UpdateSupplierRequest } from '../../../protocol/suppliers';
import { newId } from '../../../protocol/ids';
import type { Sql } from '../db/db';

/** A supplier connection as stored, API key included: server-side only. */
export interface SupplierRecord {
  id: string;
  name: string;
  baseUrl: string | null;
  useSandbox: boolean;
  apiKeyHeader: string;
  apiKey: string | null;
  timeoutMs: number;
  retries: number;
  enabled: boolean;
  createdAt: string;
  updatedAt: string;
}

const COLUMNS = 'id, name, base_url, use_sandbox, api_key_header, api_key, timeout_ms, retries, enabled, created_at, updated_at';

interface Row {
  id: string;
  name: string;
  base_url: string | null;
  use_sandbox: boolean;
  api_key_header: string;
  api_key: string | null;
  timeout_ms: number;
  retries: number;
  enabled: boolean;
  created_at: Date | string;
  updated_at: Date | string;
}

const fromRow = (r: Row): SupplierRecord => ({
  id: r.id,
  name: r.name,
  baseUrl: r.base_url,
  useSandbox: r.use_sandbox,
  apiKeyHeader: r.api_key_header,
  apiKey: r.api_key,
  timeoutMs: r.timeout_ms,
  retries: r.retries,
  enabled: r.enabled,
  createdAt: new Date(r.created_at).toISOString(),
  updatedAt: new Date(r.updated_at).toISOString(),
});

/** The admin view: everything but the key itself. */
export function supplierConfig(s: SupplierRecord, breaker: SupplierConfig['breaker']): SupplierConfig {
  return {
    id: s.id,
    name: s.name,
    baseUrl: s.baseUrl,
    useSandbox: s.useSandbox,
    apiKeyHeader: s.apiKeyHeader,
    hasApiKey: s.apiKey !== null,
    timeoutMs: s.timeoutMs,
    retries: s.retries,
    enabled: s.enabled,
    breaker,
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
  };
}

export async function listSuppliers(sql: Sql): Promise<SupplierRecord[]> {
  const { rows } = await sql.query<Row>(`SELECT ${COLUMNS} FROM suppliers ORDER BY name`);
  return rows.map(fromRow);
}

export async function getSupplier(sql: Sql, id: string): Promise<SupplierRecord | null> {
  const { rows } = await sql.query<Row>(`SELECT ${COLUMNS} FROM suppliers WHERE id = $1`, [id]);
  return rows[0] ? fromRow(rows[0]) : null;
}

/** The enabled connection for the supplier an order names, or null. */
export async function supplierNamed(sql: Sql, name: string): Promise<SupplierRecord | null> {
  const { rows } = await sql.query<Row>(`SELECT ${COLUMNS} FROM suppliers WHERE name = $1 AND enabled`, [name]);
  return rows[0] ? fromRow(rows[0]) : null;
}

/** Null when the name is taken. */
export async function insertSupplier(tx: Sql, s: CreateSupplierRequest): Promise<SupplierRecord | null> {
  const { rows } = await tx.query<Row>(
    `INSERT INTO suppliers (id, name, base_url, use_sandbox, api_key_header, api_key, timeout_ms, retries, enabled)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (name) DO NOTHING RETURNING ${COLUMNS}`,
    [newId(), s.name, s.baseUrl, s.useSandbox, s.apiKeyHeader, s.apiKey, s.timeoutMs, s.retries, s.enabled],
  );
  return rows[0] ? fromRow(rows[0]) : null;
}

const UPDATABLE: Record<keyof UpdateSupplierRequest, string> = {
  name: 'name',
  baseUrl: 'base_url',
  useSandbox: 'use_sandbox',
  apiKeyHeader: 'api_key_header',
  apiKey: 'api_key',
  timeoutMs: 'timeout_ms',
  retries: 'retries',
  enabled: 'enabled',
};

/** Sets the fields given (null clears a nullable one); null when there is no such supplier. */
export async function updateSupplier(tx: Sql, id: string, patch: UpdateSupplierRequest): Promise<SupplierRecord | null> {
  const params: unknown[] = [id];
  const sets = (Object.keys(UPDATABLE) as Array<keyof UpdateSupplierRequest>)
    .filter((k) => patch[k] !== undefined)
    .map((k) => `${UPDATABLE[k]} = $${params.push(patch[k])}`);
  const { rows } = await tx.query<Row>(
    `UPDATE suppliers SET ${[...sets, 'updated_at = now()'].join(', ')} WHERE id = $1 RETURNING ${COLUMNS}`,
    params,
  );
  return rows[0] ? fromRow(rows[0]) : null;
}

export async function deleteSupplier(tx: Sql, id: string): Promise<boolean> {
  const { rowCount } = await tx.query('DELETE FROM suppliers WHERE id = $1', [id]);
  return rowCount > 0;
}
