import { z } from 'zod';

// Security actions on a customer account (账户安全): freeze, unfreeze and the transaction flow.
// Supervisors, admins and members of a security team only; every use is recorded.

const id = z.string().min(1).max(64);

// POST /api/customers/:id/freeze and /unfreeze
export const FreezeRequest = z.object({
  reason: z.string().trim().min(1).max(500),
  /** The ticket to record it on as well. */
  conversationId: id.optional(),
});
export type FreezeRequest = z.infer<typeof FreezeRequest>;

export const FreezeResponse = z.object({
  customerId: z.string(),
  frozen: z.boolean(),
  /** False when the account already was in that state; nothing was recorded. */
  changed: z.boolean(),
});
export type FreezeResponse = z.infer<typeof FreezeResponse>;

export const TRANSACTION_TYPES = ['purchase', 'refund', 'coupon', 'credit', 'reissue'] as const;
export const TransactionType = z.enum(TRANSACTION_TYPES);

export const Transaction = z.object({
  at: z.string(),
  type: TransactionType,
  /** Money direction from the customer's side; reissues move goods, not money. */
  direction: z.enum(['out', 'in', 'none']),
  amountCents: z.number().int().nonnegative(),
  orderId: z.string().nullable(),
  /** The order's current state, for purchases. */
  orderState: z.string().nullable(),
  /** The compensation record, for everything but purchases. */
  compensationId: z.string().nullable(),
  description: z.string(),
});
export type Transaction = z.infer<typeof Transaction>;

// GET /api/customers/:id/transactions — oldest first. The look itself is recorded too, on
// the ticket as well when one is named.
export const TransactionFlowQuery = z.object({ conversationId: id.optional() });

export const TransactionFlowResponse = z.object({
  customer: z.object({ id: z.string(), name: z.string(), frozen: z.boolean() }),
  transactions: z.array(Transaction),
  totals: z.object({ paidCents: z.number().int(), refundedCents: z.number().int(), compensatedCents: z.number().int() }),
});
export type TransactionFlowResponse = z.infer<typeof TransactionFlowResponse>;
