import {
  COMPENSATION_KINDS,
  type Compensation,
  type SettlementQuery,
  type SettlementResponse,
  type SupplierSettlement,
} from '../../../protocol/compensation';
import { CHINA_OFFSET_MS } from '../casework/china-time';
import type { Sql } from '../db/db';
import { COMPENSATION_COLUMNS, compensationFromRow, type CompensationRow } from './store';

// Settlement with suppliers: what the platform paid out first on their account, per month.

/** The instants a YYYY-MM month starts and ends in China time (UTC+8, no daylight saving). */
export function monthRange(month: string): { from: Date; to: Date } {
  const [year, mon] = month.split('-').map(Number) as [number, number];
  return {
    from: new Date(Date.UTC(year, mon - 1, 1) - CHINA_OFFSET_MS),
    to: new Date(Date.UTC(year, mon, 1) - CHINA_OFFSET_MS),
  };
}

/** Totals per supplier over supplier-liable records, by name. */
export function settlementTotals(records: readonly Compensation[]): SupplierSettlement[] {
  const bySupplier = new Map<string, SupplierSettlement>();
  for (const r of records) {
    if (r.liable !== 'supplier' || r.supplier === null) continue;
    let t = bySupplier.get(r.supplier);
    if (!t) {
      const byKind = Object.fromEntries(COMPENSATION_KINDS.map((k) => [k, 0])) as SupplierSettlement['byKind'];
      t = { supplier: r.supplier, count: 0, amountCents: 0, pendingCents: 0, settledCents: 0, byKind };
      bySupplier.set(r.supplier, t);
    }
    t.count += 1;
    t.amountCents += r.amountCents;
    t.byKind[r.kind] += r.amountCents;
    if (r.settlementStatus === 'pending') t.pendingCents += r.amountCents;
    if (r.settlementStatus === 'settled') t.settledCents += r.amountCents;
  }
  return [...bySupplier.values()].sort((a, b) => a.supplier.localeCompare(b.supplier, 'zh-CN'));
}

export async function settlement(sql: Sql, q: SettlementQuery): Promise<SettlementResponse> {
  const { from, to } = monthRange(q.month);
  const { rows } = await sql.query<CompensationRow>(
    `SELECT ${COMPENSATION_COLUMNS} FROM compensations
      WHERE liable = 'supplier' AND created_at >= $1 AND created_at < $2 AND ($3::text IS NULL OR supplier = $3)
      ORDER BY created_at, id`,
    [from, to, q.supplier ?? null],
  );
  const records = rows.map(compensationFromRow);
  return {
    month: q.month,
    timeZone: 'Asia/Shanghai',
    suppliers: settlementTotals(records),
    records: q.supplier ? records : [],
  };
}
