import { describe, expect, it } from 'vitest';
import type { Compensation } from '../../../protocol/compensation';
import type { AuthContext } from '../auth/context';
import { maySecure } from './access';
import { transactionFlow } from './transactions';

const comp = (patch: Partial<Compensation>): Compensation => ({
  id: 'C1',
  requestId: 'R1',
  kind: 'refund',
  conversationId: 'T',
  orderId: 'O1',
  customerId: 'CU',
  amountCents: 1000,
  percent: null,
  cause: '到账延迟',
  note: '',
  supplier: '甲',
  liable: 'supplier',
  settlementStatus: 'pending',
  couponCode: null,
  reissuedKeys: [],
  createdBy: { id: 'A', name: '客服' },
  createdAt: '2026-11-02T00:00:00.000Z',
  ...patch,
});

describe('transaction flow', () => {
  it('puts purchases and paybacks in time order with their directions and totals', () => {
    const flow = transactionFlow(
      [
        { id: 'O2', product: '原神 创世结晶', amountCents: 64800, state: 'delivered', createdAt: '2026-11-03T00:00:00.000Z' },
        { id: 'O1', product: '王者荣耀 点卡', amountCents: 6000, state: 'refunded', createdAt: '2026-11-01T00:00:00.000Z' },
      ],
      [comp({}), comp({ id: 'C2', kind: 'coupon', amountCents: 500, createdAt: '2026-11-04T00:00:00.000Z' }), comp({ id: 'C3', kind: 'reissue', amountCents: 6000, createdAt: '2026-11-05T00:00:00.000Z' })],
    );
    expect(flow.transactions.map((t) => [t.type, t.direction, t.orderId ?? t.compensationId])).toEqual([
      ['purchase', 'out', 'O1'],
      ['refund', 'in', 'O1'],
      ['purchase', 'out', 'O2'],
      ['coupon', 'in', 'O1'],
      ['reissue', 'none', 'O1'],
    ]);
    expect(flow.transactions[0]!.orderState).toBe('refunded');
    expect(flow.totals).toEqual({ paidCents: 70800, refundedCents: 1000, compensatedCents: 500 });
  });
});

describe('who may use security actions', () => {
  const auth = (role: AuthContext['role'], teamIds: string[]): AuthContext => ({ agentId: 'A', name: 'A', role, teamIds });

  it('supervisors, admins and security team members only', () => {
    expect(maySecure(auth('supervisor', []), ['SEC'])).toBe(true);
    expect(maySecure(auth('admin', []), [])).toBe(true);
    expect(maySecure(auth('agent', ['GEN', 'SEC']), ['SEC'])).toBe(true);
    expect(maySecure(auth('agent', ['GEN']), ['SEC'])).toBe(false);
  });
});
