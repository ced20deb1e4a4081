import { describe, expect, it } from 'vitest';
import type { Compensation } from '../../../protocol/compensation';
import { monthRange, settlementTotals } from './settlement';

const record = (patch: Partial<Compensation>): Compensation => ({
  id: 'C',
  requestId: 'R',
  kind: 'refund',
  conversationId: 'T',
  orderId: 'O',
  customerId: 'CU',
  amountCents: 100,
  percent: null,
  cause: '测试',
  note: '',
  supplier: '乙',
  liable: 'supplier',
  settlementStatus: 'pending',
  couponCode: null,
  reissuedKeys: [],
  createdBy: { id: null, name: '系统' },
  createdAt: '2026-11-05T00:00:00.000Z',
  ...patch,
});

describe('settlement', () => {
  it('runs months in China time', () => {
    const { from, to } = monthRange('2026-11');
    expect(from.toISOString()).toBe('2026-10-31T16:00:00.000Z');
    expect(to.toISOString()).toBe('2026-11-30T16:00:00.000Z');
    expect(monthRange('2026-12').to.toISOString()).toBe('2026-12-31T16:00:00.000Z');
  });

  it('totals supplier-liable records per supplier and kind, pending and settled apart', () => {
    const totals = settlementTotals([
      record({ amountCents: 3000 }),
      record({ kind: 'coupon', amountCents: 500 }),
      record({ amountCents: 1000, settlementStatus: 'settled' }),
      record({ supplier: '甲', kind: 'reissue', amountCents: 6000 }),
      record({ supplier: '甲', liable: 'platform', settlementStatus: 'not_applicable', amountCents: 99_999 }),
    ]);
    expect(totals).toEqual([
      { supplier: '甲', count: 1, amountCents: 6000, pendingCents: 6000, settledCents: 0, byKind: { refund: 0, reissue: 6000, coupon: 0, credit: 0 } },
      { supplier: '乙', count: 3, amountCents: 4500, pendingCents: 3500, settledCents: 1000, byKind: { refund: 4000, reissue: 0, coupon: 500, credit: 0 } },
    ]);
  });
});
