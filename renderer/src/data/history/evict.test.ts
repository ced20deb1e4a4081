import { describe, expect, it } from 'vitest';
import type { HistoryCacheEntry } from './cache-entry';
import { planEviction, type EvictionInput } from './evict';

const entry = (customerId: string, lastAccessedAt: number, conversations: Array<[string, number]>): HistoryCacheEntry => ({
  customerId,
  lastAccessedAt,
  conversations: conversations.map(([id, bytes]) => ({ id, bytes })),
  before: '2026-10-01T00:00:00.000Z',
  complete: true,
});

const none = new Set<string>();
const input = (patch: Partial<EvictionInput>): EvictionInput => ({
  entries: [],
  budgetBytes: 100,
  pinnedCustomers: none,
  live: none,
  pending: none,
  ...patch,
});

describe('history eviction', () => {
  const entries = [
    entry('recent', 300, [['r1', 40]]),
    entry('oldest', 100, [
      ['o1', 30],
      ['o2', 30],
    ]),
    entry('middle', 200, [['m1', 50]]),
  ];

  it('does nothing within the budget', () => {
    expect(planEviction(input({ entries, budgetBytes: 150 }))).toEqual({ evict: [], put: [], remove: [] });
  });

  it('evicts the least recently used customers first, only as far as needed', () => {
    expect(planEviction(input({ entries, budgetBytes: 100 }))).toEqual({ evict: ['o1', 'o2'], put: [], remove: ['oldest'] });
    expect(planEviction(input({ entries, budgetBytes: 40 }))).toEqual({ evict: ['o1', 'o2', 'm1'], put: [], remove: ['oldest', 'middle'] });
  });

  it('never evicts the customer on screen', () => {
    const plan = planEviction(input({ entries, budgetBytes: 100, pinnedCustomers: new Set(['oldest']) }));
    expect(plan.evict).toEqual(['m1']);
    expect(plan.remove).toEqual(['middle']);
  });

  it('keeps conversations with unconfirmed actions, and lets the customer be fetched again', () => {
    const plan = planEviction(input({ entries, budgetBytes: 100, pending: new Set(['o2']) }));
    expect(plan.evict).toEqual(['o1', 'm1']);
    expect(plan.put).toEqual([{ ...entries[1], conversations: [{ id: 'o2', bytes: 30 }], before: null, complete: false }]);
    expect(plan.remove).toEqual(['middle']);
  });

  it('stops counting conversations that came into the sync scope and never deletes them', () => {
    const plan = planEviction(input({ entries, budgetBytes: 100, live: new Set(['o1', 'm1']) }));
    expect(plan.evict).toEqual([]);
    expect(plan.put.map((e) => [e.customerId, e.conversations.map((c) => c.id)])).toEqual([
      ['oldest', ['o2']],
      ['middle', []],
    ]);
    expect(plan.remove).toEqual([]);
  });
});
