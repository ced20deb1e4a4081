import { describe, expect, it } from 'vitest';
import { type ItemState, sameItem } from './item-props';

type WithHandler = ItemState & { onOpen: () => void };

describe('sameItem', () => {
  const row = { conversation: { id: 'c1' } };
  const base: WithHandler = { row, top: 168, selected: false, open: false, checked: false, onOpen: () => undefined };

  it('skips the render when only the click handler is new (every scroll frame makes one)', () => {
    const next: WithHandler = { ...base, onOpen: () => undefined };
    expect(next.onOpen).not.toBe(base.onOpen);
    expect(sameItem(base, next)).toBe(true);
  });

  it('renders when the row was read again, moved, or changed state', () => {
    expect(sameItem(base, { ...base, row: { conversation: { id: 'c1' } } })).toBe(false);
    expect(sameItem(base, { ...base, top: 252 })).toBe(false);
    expect(sameItem(base, { ...base, selected: true })).toBe(false);
    expect(sameItem(base, { ...base, open: true })).toBe(false);
    expect(sameItem(base, { ...base, checked: true })).toBe(false);
  });
});
