import { z } from 'zod';
import { ChannelHealth, Inventory, SupplierKeyState } from '../../../protocol/suppliers';

// The HTTP JSON contract Kadesk speaks with every supplier (and the sandbox implements).
// Paths are relative to the supplier's base URL; every request carries the supplier's API
// key in its configured header. GETs are safe to retry; a reissue carries the caller's
// request id and the supplier answers a repeated id with the first outcome.
//
//   GET  /v1/health                      → ChannelHealth
//   GET  /v1/card-keys?orderId=|code=    → { keys: WireCardKey[] }        404 unknown order/key
//   GET  /v1/inventory?product=          → Inventory
//   GET  /v1/distribution?orderId=       → { records: WireDistribution[] } 404 unknown order
//   POST /v1/reissues  WireReissueRequest → WireReissueResult              404 unknown order

export const CONTRACT_PATHS = {
  health: '/v1/health',
  cardKeys: '/v1/card-keys',
  inventory: '/v1/inventory',
  distribution: '/v1/distribution',
  reissues: '/v1/reissues',
} as const;

export const WireHealth = ChannelHealth;
export const WireInventory = Inventory;

export const WireCardKey = z.object({
  code: z.string().min(1),
  orderId: z.string(),
  state: SupplierKeyState,
  issuedAt: z.iso.datetime().nullable(),
  redeemedAt: z.iso.datetime().nullable(),
  batch: z.string(),
});
export type WireCardKey = z.infer<typeof WireCardKey>;
export const WireCardKeys = z.object({ keys: z.array(WireCardKey) });

export const WireDistribution = z.object({
  code: z.string().min(1),
  recipient: z.string(),
  distributedAt: z.iso.datetime(),
  via: z.string(),
});
export const WireDistributions = z.object({ records: z.array(WireDistribution) });

export const WireReissueRequest = z.object({
  requestId: z.string().min(1).max(64),
  orderId: z.string().min(1),
  /** Keys to replace; empty for a direct top-up, which is done again. */
  codes: z.array(z.string().min(1)).max(100),
  reason: z.string().max(500),
});
export type WireReissueRequest = z.infer<typeof WireReissueRequest>;

export const WireReissueResult = z.object({
  requestId: z.string(),
  status: z.enum(['issued', 'rejected']),
  codes: z.array(z.object({ replaces: z.string().nullable(), code: z.string().min(1) })),
  message: z.string().nullable(),
});
export type WireReissueResult = z.infer<typeof WireReissueResult>;

/** What a supplier sends with a non-2xx answer; only `error` is read. */
export const WireError = z.object({ error: z.string() });
