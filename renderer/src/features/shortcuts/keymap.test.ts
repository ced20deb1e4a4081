import { describe, expect, it } from 'vitest';
import { BINDINGS, keyLabel, shortcutFor, type KeyPress } from './keymap';

const press = (key: string, patch: Partial<KeyPress> = {}): KeyPress => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  target: 'other',
  ...patch,
});

describe('shortcuts', () => {
  it('maps the single keys', () => {
    expect(shortcutFor(press('j'))).toEqual({ type: 'next' });
    expect(shortcutFor(press('ArrowUp'))).toEqual({ type: 'prev' });
    expect(shortcutFor(press('Enter'))).toEqual({ type: 'open' });
    expect(shortcutFor(press('r'))).toEqual({ type: 'reply' });
    expect(shortcutFor(press('e'))).toEqual({ type: 'act', action: { type: 'resolve' } });
    expect(shortcutFor(press('a'))).toEqual({ type: 'assignToMe' });
    expect(shortcutFor(press('A'))).toEqual({ type: 'overlay', overlay: 'assign' });
    expect(shortcutFor(press('s'))).toEqual({ type: 'overlay', overlay: 'status' });
    expect(shortcutFor(press('/'))).toEqual({ type: 'search' });
    expect(shortcutFor(press('?'))).toEqual({ type: 'overlay', overlay: 'help' });
    expect(shortcutFor(press('2'))).toEqual({ type: 'view', view: 'unassigned' });
    expect(shortcutFor(press('9'))).toBeNull();
    expect(shortcutFor(press('q'))).toBeNull();
  });

  it('leaves typing alone except Escape and the palette', () => {
    expect(shortcutFor(press('j', { target: 'editable' }))).toBeNull();
    expect(shortcutFor(press('e', { target: 'editable' }))).toBeNull();
    expect(shortcutFor(press('Escape', { target: 'editable' }))).toEqual({ type: 'leave' });
    expect(shortcutFor(press('k', { target: 'editable', ctrlKey: true }))).toEqual({ type: 'overlay', overlay: 'palette' });
    expect(shortcutFor(press('K', { metaKey: true }))).toEqual({ type: 'overlay', overlay: 'palette' });
  });

  it('leaves other modified keys to the browser and Enter on buttons to the button', () => {
    expect(shortcutFor(press('r', { ctrlKey: true }))).toBeNull();
    expect(shortcutFor(press('e', { metaKey: true }))).toBeNull();
    expect(shortcutFor(press('Enter', { target: 'control' }))).toBeNull();
    expect(shortcutFor(press('j', { target: 'control' }))).toEqual({ type: 'next' });
  });

  it('binds each key once and shows Shift for capitals', () => {
    const keys = BINDINGS.flatMap((b) => b.keys);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keyLabel('A')).toBe('Shift+a');
    expect(keyLabel('ArrowDown')).toBe('↓');
  });
});
