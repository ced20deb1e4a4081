import { shortcutFor, type KeyPress } from '../shortcuts/keymap';
import type { BoardZone } from './board-store';

export type BoardAction =
  | { type: 'move'; delta: number }
  | { type: 'switchZone'; zone: BoardZone }
  | { type: 'reassign' }
  | { type: 'openTicket' }
  | { type: 'status' }
  | { type: 'capacity' }
  | { type: 'capacityStep'; delta: number }
  | { type: 'close' };

const other = (zone: BoardZone): BoardZone => (zone === 'tickets' ? 'agents' : 'tickets');

const INBOX_OVERLAYS: readonly string[] = ['assign', 'status', 'views'];

/**
 * What a key does on the board, with `zone` the list in use. 'block' marks a workstation
 * shortcut that must not reach the inbox hidden under the board (resolving a conversation
 * nobody sees); null leaves the key alone (typing, the palette, the help list).
 */
export function boardKeyAction(press: KeyPress & { shiftKey: boolean }, zone: BoardZone): BoardAction | 'block' | null {
  if (press.key === 'Escape') return { type: 'close' };
  if (press.target === 'editable' || press.ctrlKey || press.metaKey || press.altKey) return null;
  switch (press.key) {
    case 'j':
    case 'ArrowDown':
      return { type: 'move', delta: 1 };
    case 'k':
    case 'ArrowUp':
      return { type: 'move', delta: -1 };
    case 'Tab':
      return { type: 'switchZone', zone: other(zone) };
    case 'ArrowLeft':
      return { type: 'switchZone', zone: 'tickets' };
    case 'ArrowRight':
      return { type: 'switchZone', zone: 'agents' };
    case 'b':
      return { type: 'close' };
    case 'o':
      return { type: 'openTicket' };
  }
  if (zone === 'tickets' && (press.key === 'A' || (press.key === 'Enter' && press.target !== 'control'))) return { type: 'reassign' };
  if (zone === 'agents') {
    if (press.key === 's') return { type: 'status' };
    if (press.key === 'c' || (press.key === 'Enter' && press.target !== 'control')) return { type: 'capacity' };
    if (press.key === '+' || press.key === '=') return { type: 'capacityStep', delta: 1 };
    if (press.key === '-') return { type: 'capacityStep', delta: -1 };
  }
  const command = shortcutFor(press);
  // Workspace dialogs (help, palette, reports) open over the board; the ones that act on
  // the inbox's selection do not, nor does any other inbox shortcut.
  if (!command || (command.type === 'overlay' && !INBOX_OVERLAYS.includes(command.overlay))) return null;
  return 'block';
}
