import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CATEGORIES } from '../../../protocol/entities';
import type { RouteDecision } from '../routing/rules';
import { type ContactTicket, detectRepeat, escalateRepeat } from './detect';

const DAY = 24 * 3_600_000;
const NOW = Date.parse('2026-11-23T02:00:00Z');

const ticket = (id: string, daysAgo: number, over: Partial<ContactTicket> = {}): ContactTicket => ({
  id,
  createdAt: NOW - daysAgo * DAY,
  category: 'delivery_delayed',
  orderIds: [],
  ...over,
});
const incoming = (over: Partial<ContactTicket> = {}) => ticket('new', 0, over);

describe('repeat-contact detection', () => {
  it('flags the third contact about the same category within 7 days', () => {
    expect(detectRepeat([ticket('a', 5), ticket('b', 1)], incoming())).toEqual({
      repeat: true,
      earlier: ['a', 'b'],
      sameCategory: true,
      sameOrders: [],
    });
  });

  it('does not flag a second contact, but still names the earlier one', () => {
    expect(detectRepeat([ticket('a', 2)], incoming())).toEqual({ repeat: false, earlier: ['a'] });
  });

  it('matches on a shared order number across categories', () => {
    const prior = [
      ticket('a', 3, { category: 'invalid_card_key', orderIds: ['DD202611220001'] }),
      ticket('b', 1, { category: 'refund_dispute', orderIds: ['DD202611220001', 'DD202611200007'] }),
    ];
    expect(detectRepeat(prior, incoming({ category: 'topup_failed', orderIds: ['DD202611220001'] }))).toEqual({
      repeat: true,
      earlier: ['a', 'b'],
      sameCategory: false,
      sameOrders: ['DD202611220001'],
    });
  });

  it('counts one prior by category and another by order as the same problem', () => {
    const prior = [ticket('a', 4), ticket('b', 2, { category: 'how_to', orderIds: ['DD1'] })];
    expect(detectRepeat(prior, incoming({ orderIds: ['DD1'] }))).toMatchObject({ repeat: true, sameCategory: true, sameOrders: ['DD1'] });
  });

  it('looks back 7 days only, exclusive of the exact boundary', () => {
    expect(detectRepeat([ticket('a', 8), ticket('b', 1)], incoming()).repeat).toBe(false);
    expect(detectRepeat([ticket('a', 7), ticket('b', 1)], incoming()).repeat).toBe(false);
    expect(detectRepeat([ticket('a', 6.99), ticket('b', 1)], incoming()).repeat).toBe(true);
  });

  it('ignores different problems, unclassified tickets, later tickets and the ticket itself', () => {
    const prior = [
      ticket('other', 1, { category: 'how_to' }),
      ticket('unknown', 1, { category: null }),
      ticket('later', -1),
      ticket('new', 0),
      ticket('same', 2),
    ];
    expect(detectRepeat(prior, incoming())).toEqual({ repeat: false, earlier: ['same'] });
    // An unclassified ticket without order numbers cannot be matched to anything.
    expect(detectRepeat([ticket('u1', 1, { category: null }), ticket('u2', 2, { category: null })], incoming({ category: null })).repeat).toBe(false);
  });

  it('takes a custom threshold and window', () => {
    expect(detectRepeat([ticket('a', 0.5)], incoming(), { threshold: 2, windowMs: DAY }).repeat).toBe(true);
    expect(detectRepeat([ticket('a', 1.5)], incoming(), { threshold: 2, windowMs: DAY }).repeat).toBe(false);
  });

  it('never un-flags a repeat when more history is known', () => {
    const arb = fc.record({
      id: fc.string({ minLength: 1, maxLength: 3 }),
      createdAt: fc.integer({ min: NOW - 10 * DAY, max: NOW + DAY }),
      category: fc.option(fc.constantFrom(...CATEGORIES.slice(0, 3))),
      orderIds: fc.subarray(['DD1', 'DD2', 'DD3'], { maxLength: 2 }),
    });
    fc.assert(
      fc.property(fc.array(arb, { maxLength: 8 }), fc.array(arb, { maxLength: 4 }), arb, (prior, more, next) => {
        const before = detectRepeat(prior, next);
        const after = detectRepeat([...prior, ...more], next);
        if (before.repeat) expect(after.repeat).toBe(true);
        expect(after.earlier.length).toBeGreaterThanOrEqual(before.earlier.length);
      }),
    );
  });
});

describe('repeat escalation', () => {
  const routed = (priority: RouteDecision['priority']): RouteDecision => ({ team: 'supplier', priority, reasons: ['supplier'] });

  it('moves the ticket to the senior team one priority step up, at least high', () => {
    expect(escalateRepeat(routed('normal'))).toEqual({ team: 'senior', priority: 'high', reasons: ['supplier', 'repeat-contact'] });
    expect(escalateRepeat(routed('low')).priority).toBe('high');
    expect(escalateRepeat(routed('high')).priority).toBe('urgent');
    expect(escalateRepeat(routed('urgent')).priority).toBe('urgent');
  });
});
