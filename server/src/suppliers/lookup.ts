import { z } from 'zod';
import {
  ChannelHealth,
  DistributionRecord,
  Inventory,
  type OrderSupplierResponse,
  SupplierKeyStatus,
} from '../../../protocol/suppliers';
import type { CaseOrder } from '../casework/access';
import type { Db } from '../db/db';
import { maskCardKey } from '../sync/rows';
import { supplierNotConfigured } from './errors';
import type { Question, SupplierGateway } from './gateway';
import { supplierNamed } from './store';

// The one-click supplier check: channel health, the order's keys, stock and distribution,
// asked in parallel. Each part stands alone — one slow or failing question leaves the
// others' answers intact.

export const healthQuestion: Question<ChannelHealth> = { kind: 'health', key: '', schema: ChannelHealth };

export async function lookupOrder(db: Db, gateway: SupplierGateway, order: CaseOrder): Promise<OrderSupplierResponse> {
  const supplier = await supplierNamed(db, order.supplier);
  if (!supplier) throw supplierNotConfigured(order.supplier);
  const [health, cardKeys, inventory, distribution] = await Promise.all([
    gateway.read(supplier, healthQuestion, (c) => c.health()),
    gateway.read(supplier, { kind: 'card_keys', key: order.id, schema: z.array(SupplierKeyStatus) }, async (c) =>
      // Full keys stay on the server: only the masked form is kept or shown.
      (await c.cardKeys({ orderId: order.id })).map(({ code, state, issuedAt, redeemedAt, batch }) => ({
        masked: maskCardKey(code),
        state,
        issuedAt,
        redeemedAt,
        batch,
      })),
    ),
    gateway.read(supplier, { kind: 'inventory', key: order.product, schema: Inventory }, (c) => c.inventory(order.product)),
    gateway.read(supplier, { kind: 'distribution', key: order.id, schema: z.array(DistributionRecord) }, async (c) =>
      (await c.distribution(order.id)).map(({ code, recipient, distributedAt, via }) => ({
        masked: maskCardKey(code),
        recipient,
        distributedAt,
        via,
      })),
    ),
  ]);
  return { orderId: order.id, supplier: { id: supplier.id, name: supplier.name }, health, cardKeys, inventory, distribution };
}
