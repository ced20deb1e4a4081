import { describe, expect, it } from 'vitest';
import { checklistProgress } from './progress';

const items = [
  { id: 'order', text: '核对订单号' },
  { id: 'channel', text: '查询上游通道' },
  { id: 'eta', text: '告知预计恢复时间' },
];
const at = (s: number) => new Date(Date.UTC(2026, 10, 23, 9, 0, s)).toISOString();

describe('checklistProgress', () => {
  it('starts with nothing done and the first step next', () => {
    const p = checklistProgress(items, []);
    expect(p).toMatchObject({ done: 0, total: 3, nextId: 'order' });
    expect(p.rows.every((r) => !r.checked && !r.pending)).toBe(true);
  });

  it('counts ticked steps, points at the first unticked one and flags unsent ticks', () => {
    const p = checklistProgress(items, [
      { itemId: 'order', checked: true, at: at(1) },
      { itemId: 'eta', checked: true, at: at(2), pending: 1 },
    ]);
    expect(p).toMatchObject({ done: 2, total: 3, nextId: 'channel' });
    expect(p.rows.map((r) => [r.id, r.checked, r.pending])).toEqual([
      ['order', true, false],
      ['channel', false, false],
      ['eta', true, true],
    ]);
  });

  it('takes the latest tick of a step and ignores steps no longer in the SOP', () => {
    const p = checklistProgress(items, [
      { itemId: 'order', checked: true, at: at(5) },
      { itemId: 'order', checked: false, at: at(9), pending: 1 },
      { itemId: 'removed-step', checked: true, at: at(1) },
      { itemId: 'channel', checked: true, at: at(3) },
      { itemId: 'eta', checked: true, at: at(3) },
    ]);
    expect(p).toMatchObject({ done: 2, total: 3, nextId: 'order' });
  });

  it('has no next step when all are done', () => {
    const ticks = items.map((i) => ({ itemId: i.id, checked: true, at: at(1) }));
    expect(checklistProgress(items, ticks)).toMatchObject({ done: 3, nextId: null });
  });
});
