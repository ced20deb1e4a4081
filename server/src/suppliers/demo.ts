import { newId } from '../../../protocol/ids';
import type { Db } from '../db/db';
import { PRODUCTS } from '../demo/catalog';
import type { SupplierSandbox } from './sandbox/server';

// The demo's suppliers, all answered by the sandbox. The 王者荣耀 point-card suppliers start
// congested (about 15 minutes to recovery) so acceptance story 1 plays out as written.

const DEMO_SUPPLIERS = [...new Set(PRODUCTS.flatMap((p) => p.suppliers))];
export const DEMO_CONGESTED = PRODUCTS.find((p) => p.game === '王者荣耀' && p.delivery === 'card')?.suppliers ?? [];
const MARKER = 'demo_suppliers';

/**
 * Adds the demo suppliers once per workspace (an admin who later removes one keeps it
 * removed), set to use the sandbox; returns the sandbox suppliers by name.
 */
export async function ensureDemoSuppliers(db: Db): Promise<Map<string, string>> {
  await db.write(async (tx) => {
    const seeded = await tx.query(`INSERT INTO workspace_meta (key, value) VALUES ($1, '{}') ON CONFLICT (key) DO NOTHING`, [MARKER]);
    if (seeded.rowCount === 0) return;
    for (const name of DEMO_SUPPLIERS) {
      await tx.query(`INSERT INTO suppliers (id, name, use_sandbox) VALUES ($1, $2, true) ON CONFLICT (name) DO NOTHING`, [newId(), name]);
    }
  });
  const { rows } = await db.query<{ id: string; name: string }>('SELECT id, name FROM suppliers WHERE use_sandbox');
  return new Map(rows.map((r) => [r.name, r.id]));
}

export function applyDemoScenarios(sandbox: SupplierSandbox, suppliers: ReadonlyMap<string, string>): void {
  for (const name of DEMO_CONGESTED) {
    const id = suppliers.get(name);
    if (id) sandbox.setScenario('congested', id);
  }
}
