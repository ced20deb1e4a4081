import { describe, expect, it } from 'vitest';
import type { KeyPress } from '../shortcuts/keymap';
import { boardKeyAction } from './board-keys';
import { step } from './board-store';

const press = (key: string, patch: Partial<KeyPress & { shiftKey: boolean }> = {}) => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  target: 'other' as const,
  ...patch,
});

describe('board keys', () => {
  it('moves, switches lists and closes in either list', () => {
    for (const zone of ['tickets', 'agents'] as const) {
      expect(boardKeyAction(press('j'), zone)).toEqual({ type: 'move', delta: 1 });
      expect(boardKeyAction(press('ArrowUp'), zone)).toEqual({ type: 'move', delta: -1 });
      expect(boardKeyAction(press('Escape', { target: 'editable' }), zone)).toEqual({ type: 'close' });
      expect(boardKeyAction(press('b'), zone)).toEqual({ type: 'close' });
    }
    expect(boardKeyAction(press('Tab'), 'tickets')).toEqual({ type: 'switchZone', zone: 'agents' });
    expect(boardKeyAction(press('Tab'), 'agents')).toEqual({ type: 'switchZone', zone: 'tickets' });
    expect(boardKeyAction(press('ArrowRight'), 'tickets')).toEqual({ type: 'switchZone', zone: 'agents' });
  });

  it('reassigns tickets and edits agents, each in its own list', () => {
    expect(boardKeyAction(press('Enter'), 'tickets')).toEqual({ type: 'reassign' });
    expect(boardKeyAction(press('A', { shiftKey: true }), 'tickets')).toEqual({ type: 'reassign' });
    expect(boardKeyAction(press('s'), 'agents')).toEqual({ type: 'status' });
    expect(boardKeyAction(press('c'), 'agents')).toEqual({ type: 'capacity' });
    expect(boardKeyAction(press('+'), 'agents')).toEqual({ type: 'capacityStep', delta: 1 });
    expect(boardKeyAction(press('-'), 'agents')).toEqual({ type: 'capacityStep', delta: -1 });
    // s is the inbox's status picker: on the ticket list it must not reach the hidden inbox.
    expect(boardKeyAction(press('s'), 'tickets')).toBe('block');
    expect(boardKeyAction(press('-'), 'tickets')).toBeNull();
  });

  it('keeps inbox shortcuts off the hidden inbox but lets the palette, help and typing through', () => {
    expect(boardKeyAction(press('e'), 'tickets')).toBe('block');
    expect(boardKeyAction(press('a'), 'agents')).toBe('block');
    expect(boardKeyAction(press('v'), 'tickets')).toBe('block');
    expect(boardKeyAction(press('?'), 'tickets')).toBeNull();
    expect(boardKeyAction(press('k', { ctrlKey: true }), 'tickets')).toBeNull();
    expect(boardKeyAction(press('j', { target: 'editable' }), 'tickets')).toBeNull();
    expect(boardKeyAction(press('Enter', { target: 'control' }), 'tickets')).toBeNull();
  });

  it('steps through a list by id and stays within it', () => {
    expect(step([], null, 1)).toBeNull();
    expect(step(['a', 'b', 'c'], null, 1)).toBe('a');
    expect(step(['a', 'b', 'c'], 'a', 1)).toBe('b');
    expect(step(['a', 'b', 'c'], 'c', 1)).toBe('c');
    expect(step(['a', 'b', 'c'], 'a', -1)).toBe('a');
    // The highlighted row left the list (reassigned, resolved): start again at the top.
    expect(step(['b', 'c'], 'a', 1)).toBe('b');
  });
});
