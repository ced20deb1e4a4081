import { z } from 'zod';
import { RequestId } from './suppliers';

// 先行赔付: the platform compensates the customer first and records who is liable, so that
// what a supplier owes is settled with it later.

export const COMPENSATION_KINDS = ['refund', 'reissue', 'coupon', 'credit'] as const;
export const CompensationKind = z.enum(COMPENSATION_KINDS);
export type CompensationKind = z.infer<typeof CompensationKind>;

export const COMPENSATION_KIND_NAMES_ZH: Record<CompensationKind, string> = {
  refund: '退款',
  reissue: '补发',
  coupon: '优惠券',
  credit: '余额补偿',
};

export const LIABLE_PARTIES = ['platform', 'supplier', 'customer'] as const;
export const LiableParty = z.enum(LIABLE_PARTIES);
export type LiableParty = z.infer<typeof LiableParty>;

/** Only supplier-liable records are settled; the others are the platform's or nobody's cost. */
export const SETTLEMENT_STATUSES = ['pending', 'settled', 'not_applicable'] as const;
export const SettlementStatus = z.enum(SETTLEMENT_STATUSES);
export type SettlementStatus = z.infer<typeof SettlementStatus>;

const id = z.string().min(1).max(64);
const cents = z.number().int().positive().max(100_000_000);
const common = {
  requestId: RequestId,
  conversationId: id,
  /** Defaults to the conversation's order. */
  orderId: id.optional(),
  /** Why, in words the settlement and the audit trail keep (e.g. 上游通道拥堵导致到账延迟). */
  cause: z.string().trim().min(1).max(200),
  /** Defaults to the order's supplier, or the platform when there is no order. */
  liable: LiableParty.optional(),
  note: z.string().max(1000).default(''),
};

// POST /api/compensations
export const CreateCompensationRequest = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('refund'),
    ...common,
    /** Omit for a full refund of what has not been refunded yet. */
    amountCents: cents.optional(),
  }),
  z.object({
    kind: z.literal('reissue'),
    ...common,
    /** Masked keys to replace; all of the order's keys when omitted. */
    cardKeys: z.array(z.string().min(1).max(64)).min(1).max(100).optional(),
  }),
  z.object({ kind: z.literal('coupon'), ...common, amountCents: cents }),
  /** A credit of this percentage of the order amount to the customer's balance. */
  z.object({ kind: z.literal('credit'), ...common, percent: z.number().int().min(1).max(100) }),
]);
export type CreateCompensationRequest = z.infer<typeof CreateCompensationRequest>;

export const Compensation = z.object({
  id: z.string(),
  requestId: z.string(),
  kind: CompensationKind,
  conversationId: z.string(),
  orderId: z.string().nullable(),
  customerId: z.string(),
  amountCents: z.number().int().nonnegative(),
  percent: z.number().int().nullable(),
  cause: z.string(),
  note: z.string(),
  supplier: z.string().nullable(),
  liable: LiableParty,
  settlementStatus: SettlementStatus,
  couponCode: z.string().nullable(),
  /** Masked replacement keys, for reissues. */
  reissuedKeys: z.array(z.string()),
  createdBy: z.object({ id: z.string().nullable(), name: z.string() }),
  createdAt: z.string(),
});
export type Compensation = z.infer<typeof Compensation>;

export const CompensationResponse = z.object({
  compensation: Compensation,
  /** True when this request id had been handled before and nothing new happened. */
  replayed: z.boolean(),
});
export type CompensationResponse = z.infer<typeof CompensationResponse>;

export const CompensationListQuery = z.object({ conversationId: id });
export const CompensationListResponse = z.object({ compensations: z.array(Compensation) });
export type CompensationListResponse = z.infer<typeof CompensationListResponse>;

/** Per role, the most one ticket may receive of each kind; null means no limit. */
export const RoleLimits = z.object({
  refundCents: z.number().int().nonnegative().nullable(),
  couponCents: z.number().int().nonnegative().nullable(),
  creditCents: z.number().int().nonnegative().nullable(),
  creditPercent: z.number().int().min(0).max(100).nullable(),
  reissueCents: z.number().int().nonnegative().nullable(),
});
export type RoleLimits = z.infer<typeof RoleLimits>;

/** `system` covers what Kadesk grants by itself (the coupon of the automatic supplier check). */
export const CompensationPolicy = z.object({
  agent: RoleLimits,
  supervisor: RoleLimits,
  admin: RoleLimits,
  system: RoleLimits,
});
export type CompensationPolicy = z.infer<typeof CompensationPolicy>;

// GET /api/compensations/limits — the caller's own limits, so the UI can say them up front.
export const CompensationLimitsResponse = z.object({ role: z.string(), limits: RoleLimits });

// GET /api/compensations/settlement?supplier=…&month=YYYY-MM (supervisor+); months run in China time.
export const SettlementQuery = z.object({
  supplier: z.string().min(1).max(100).optional(),
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'month 格式为 YYYY-MM (month must be YYYY-MM)'),
});
export type SettlementQuery = z.infer<typeof SettlementQuery>;

export const SupplierSettlement = z.object({
  supplier: z.string(),
  count: z.number().int(),
  amountCents: z.number().int(),
  pendingCents: z.number().int(),
  settledCents: z.number().int(),
  byKind: z.record(CompensationKind, z.number().int()),
});
export type SupplierSettlement = z.infer<typeof SupplierSettlement>;

export const SettlementResponse = z.object({
  month: z.string(),
  timeZone: z.literal('Asia/Shanghai'),
  suppliers: z.array(SupplierSettlement),
  /** The supplier-liable records behind the totals, when one supplier was asked for. */
  records: z.array(Compensation),
});
export type SettlementResponse = z.infer<typeof SettlementResponse>;
