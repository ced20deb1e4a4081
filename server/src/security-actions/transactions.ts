import { COMPENSATION_KIND_NAMES_ZH, type Compensation } from '../../../protocol/compensation';
import type { Order } from '../../../protocol/entities';
import type { Transaction, TransactionFlowResponse } from '../../../protocol/security';
import { yuan } from '../casework/money';

export interface FlowOrder {
  id: string;
  product: string;
  amountCents: number;
  state: Order['state'];
  createdAt: string;
}

/** A customer's money and goods movements, oldest first: purchases and what was paid back. */
export function transactionFlow(orders: readonly FlowOrder[], compensations: readonly Compensation[]): Pick<TransactionFlowResponse, 'transactions' | 'totals'> {
  const purchases: Transaction[] = orders.map((o) => ({
    at: o.createdAt,
    type: 'purchase',
    direction: 'out',
    amountCents: o.amountCents,
    orderId: o.id,
    orderState: o.state,
    compensationId: null,
    description: `购买 ${o.product}`,
  }));
  const paidBack: Transaction[] = compensations.map((c) => ({
    at: c.createdAt,
    type: c.kind,
    direction: c.kind === 'reissue' ? 'none' : 'in',
    amountCents: c.amountCents,
    orderId: c.orderId,
    orderState: null,
    compensationId: c.id,
    description: `${COMPENSATION_KIND_NAMES_ZH[c.kind]} ${yuan(c.amountCents)}：${c.cause}`,
  }));
  const transactions = [...purchases, ...paidBack].sort((a, b) => a.at.localeCompare(b.at));
  const sum = (pick: (t: Transaction) => boolean) => transactions.filter(pick).reduce((n, t) => n + t.amountCents, 0);
  return {
    transactions,
    totals: {
      paidCents: sum((t) => t.type === 'purchase'),
      refundedCents: sum((t) => t.type === 'refund'),
      compensatedCents: sum((t) => t.type === 'coupon' || t.type === 'credit'),
    },
  };
}
