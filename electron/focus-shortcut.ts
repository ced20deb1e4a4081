import type { ShortcutStatus } from '../protocol/bridge';

export const DEFAULT_FOCUS_SHORTCUT = 'CommandOrControl+Shift+K';

const MODIFIERS = new Set([
  'command', 'cmd', 'control', 'ctrl', 'commandorcontrol', 'cmdorctrl', 'alt', 'option', 'altgr', 'shift', 'super', 'meta',
]);
const NAMED_KEYS = new Set([
  'plus', 'space', 'tab', 'capslock', 'numlock', 'scrolllock', 'backspace', 'delete', 'insert', 'return', 'enter',
  'up', 'down', 'left', 'right', 'home', 'end', 'pageup', 'pagedown', 'escape', 'esc', 'printscreen',
  'num0', 'num1', 'num2', 'num3', 'num4', 'num5', 'num6', 'num7', 'num8', 'num9',
  'numdec', 'numadd', 'numsub', 'nummult', 'numdiv',
]);

function isKey(token: string): boolean {
  const lower = token.toLowerCase();
  return (
    /^[a-z0-9]$/.test(lower) ||
    /^f([1-9]|1\d|2[0-4])$/.test(lower) ||
    /^[)!@#$%^&*(:;"'<=>,_\-.?/~`{}[\]|\\]$/.test(token) ||
    NAMED_KEYS.has(lower)
  );
}

/**
 * Whether `accelerator` is an Electron accelerator fit for a system-wide shortcut: one key and
 * at least one modifier (a bare key would be taken from every other application).
 */
export function isGlobalAccelerator(accelerator: string): boolean {
  if (accelerator.length > 64) return false;
  const tokens = accelerator.split('+');
  const key = tokens.pop();
  if (key === undefined || tokens.length === 0 || !isKey(key)) return false;
  const seen = new Set<string>();
  for (const token of tokens) {
    const lower = token.toLowerCase();
    if (!MODIFIERS.has(lower) || seen.has(lower)) return false;
    seen.add(lower);
  }
  return true;
}

/** Electron's globalShortcut, as far as Kadesk uses it. */
export interface GlobalShortcuts {
  register(accelerator: string, callback: () => void): boolean;
  unregister(accelerator: string): void;
}

/**
 * Registers the shortcut that brings Kadesk forward. Another application may own the same
 * keys, in which case the OS refuses it: that is reported (the status bar shows it), never
 * fatal. `null` turns the shortcut off.
 */
export function registerFocusShortcut(
  shortcuts: GlobalShortcuts,
  accelerator: string | null,
  onPressed: () => void,
): ShortcutStatus {
  if (accelerator === null) return { accelerator: null, registered: false, failure: null };
  if (!isGlobalAccelerator(accelerator)) return { accelerator, registered: false, failure: 'invalid' };
  let registered: boolean;
  try {
    registered = shortcuts.register(accelerator, onPressed);
  } catch {
    // Electron throws for accelerators it cannot parse on this platform.
    return { accelerator, registered: false, failure: 'invalid' };
  }
  return { accelerator, registered, failure: registered ? null : 'taken' };
}
