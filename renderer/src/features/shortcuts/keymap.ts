import type { ParseKeys } from 'i18next';
import { FIXED_VIEWS } from '../../data';
import type { Command } from '../commands/command';

/** Where the key was pressed: text entry, another control (button, link), or elsewhere. */
export type KeyTarget = 'editable' | 'control' | 'other';

export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  target: KeyTarget;
}

export interface Binding {
  /** KeyboardEvent.key values; an upper-case letter is that letter with Shift. */
  keys: string[];
  command: Command;
  /** Translation key of what it does, for the help overlay and the palette. */
  label: ParseKeys;
}

/** The single-key shortcuts, in the order the help overlay lists them. */
export const BINDINGS: readonly Binding[] = [
  { keys: ['j', 'ArrowDown'], command: { type: 'next' }, label: 'commands.next' },
  { keys: ['k', 'ArrowUp'], command: { type: 'prev' }, label: 'commands.prev' },
  { keys: ['Enter'], command: { type: 'open' }, label: 'commands.open' },
  { keys: ['r'], command: { type: 'reply' }, label: 'commands.reply' },
  { keys: ['e'], command: { type: 'act', action: { type: 'resolve' } }, label: 'commands.resolve' },
  { keys: ['a'], command: { type: 'assignToMe' }, label: 'commands.assignToMe' },
  { keys: ['A'], command: { type: 'overlay', overlay: 'assign' }, label: 'commands.assign' },
  { keys: ['s'], command: { type: 'overlay', overlay: 'status' }, label: 'commands.status' },
  { keys: ['m'], command: { type: 'act', action: { type: 'markRead' } }, label: 'commands.markRead' },
  { keys: ['l'], command: { type: 'overlay', overlay: 'tags' }, label: 'tags.command' },
  // Shift+m: plain m already marks read.
  { keys: ['M'], command: { type: 'macros', action: { do: 'pick' } }, label: 'macros.command' },
  { keys: ['x'], command: { type: 'toggleChecked' }, label: 'commands.toggleChecked' },
  { keys: ['J'], command: { type: 'extendNext' }, label: 'commands.extendNext' },
  { keys: ['K'], command: { type: 'extendPrev' }, label: 'commands.extendPrev' },
  { keys: ['*'], command: { type: 'checkAll' }, label: 'commands.checkAll' },
  { keys: ['/'], command: { type: 'search' }, label: 'commands.search' },
  { keys: ['v'], command: { type: 'overlay', overlay: 'views' }, label: 'commands.views' },
  ...FIXED_VIEWS.map((view, i): Binding => ({ keys: [String(i + 1)], command: { type: 'view', view }, label: `views.${view}` })),
  { keys: ['h'], command: { type: 'olderHistory' }, label: 'commands.olderHistory' },
  { keys: ['i'], command: { type: 'knowledge', action: 'checklist' }, label: 'knowledge.commands.checklist' },
  { keys: ['t'], command: { type: 'knowledge', action: 'template' }, label: 'knowledge.commands.template' },
  { keys: ['o'], command: { type: 'case', action: { do: 'supplier' } }, label: 'suppliers.command' },
  { keys: ['O'], command: { type: 'case', action: { do: 'reissue' } }, label: 'suppliers.reissueCommand' },
  { keys: ['c'], command: { type: 'case', action: { do: 'compensate', kind: null } }, label: 'compensation.command' },
  { keys: ['D'], command: { type: 'case', action: { do: 'dispute' } }, label: 'disputes.command' },
  { keys: ['F'], command: { type: 'case', action: { do: 'freeze' } }, label: 'security.freezeCommand' },
  { keys: ['T'], command: { type: 'case', action: { do: 'transactions' } }, label: 'security.transactionsCommand' },
  { keys: ['b'], command: { type: 'supervisor' }, label: 'supervisor.open' },
  { keys: ['R'], command: { type: 'overlay', overlay: 'reports' }, label: 'reports.command' },
  { keys: ['?'], command: { type: 'overlay', overlay: 'help' }, label: 'commands.help' },
];

const byKey = new Map(BINDINGS.flatMap((b) => b.keys.map((k) => [k, b.command] as const)));

/** How keys read in help and the palette. */
export function keyLabel(key: string): string {
  if (key === 'ArrowDown') return '↓';
  if (key === 'ArrowUp') return '↑';
  if (/^[A-Z]$/.test(key)) return `Shift+${key.toLowerCase()}`;
  return key;
}

/** The palette opens from anywhere, typing included, like Escape. */
export const PALETTE_KEYS = 'Ctrl/⌘+K';

/**
 * The workstation's shortcuts. Escape and Ctrl/⌘-K work everywhere (Escape leaves the
 * reply box); other keys never fire while typing, and Enter on a button stays the button's.
 */
export function shortcutFor(press: KeyPress): Command | null {
  if (press.key === 'Escape') return { type: 'leave' };
  if ((press.ctrlKey || press.metaKey) && !press.altKey && press.key.toLowerCase() === 'k') return { type: 'overlay', overlay: 'palette' };
  if (press.target === 'editable' || press.ctrlKey || press.metaKey || press.altKey) return null;
  if (press.key === 'Enter' && press.target === 'control') return null;
  return byKey.get(press.key) ?? null;
}

export function keyTargetOf(element: Element | null): KeyTarget {
  if (!element) return 'other';
  if (element instanceof HTMLElement && element.isContentEditable) return 'editable';
  const tag = element.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT' || tag === 'INPUT') return 'editable';
  if (tag === 'BUTTON' || tag === 'A' || tag === 'SUMMARY') return 'control';
  return 'other';
}
