import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_FOCUS_SHORTCUT, isGlobalAccelerator, registerFocusShortcut, type GlobalShortcuts } from './focus-shortcut';

describe('isGlobalAccelerator', () => {
  it.each([DEFAULT_FOCUS_SHORTCUT, 'Alt+Space', 'Ctrl+Alt+F12', 'Super+Shift+Plus', 'CmdOrCtrl+/', 'Control+num5'])(
    'accepts %s',
    (accelerator) => {
      expect(isGlobalAccelerator(accelerator)).toBe(true);
    },
  );

  it.each(['K', 'Shift', 'Ctrl+Shift', 'Ctrl+Ctrl+K', 'Ctrl+Hyper+K', 'Ctrl+F25', 'Ctrl+KK', '', 'Ctrl+', `Ctrl+${'x'.repeat(80)}`])(
    'rejects %j',
    (accelerator) => {
      expect(isGlobalAccelerator(accelerator)).toBe(false);
    },
  );
});

function shortcuts(result: boolean | Error): GlobalShortcuts & { register: ReturnType<typeof vi.fn> } {
  return {
    register: vi.fn(() => {
      if (result instanceof Error) throw result;
      return result;
    }),
    unregister: vi.fn(),
  };
}

describe('registerFocusShortcut', () => {
  it('registers the accelerator with the focus action', () => {
    const gs = shortcuts(true);
    const focus = vi.fn();
    expect(registerFocusShortcut(gs, DEFAULT_FOCUS_SHORTCUT, focus)).toEqual({
      accelerator: DEFAULT_FOCUS_SHORTCUT,
      registered: true,
      failure: null,
    });
    (gs.register.mock.calls[0]?.[1] as () => void)();
    expect(focus).toHaveBeenCalled();
  });

  it('reports keys another application owns', () => {
    expect(registerFocusShortcut(shortcuts(false), 'Alt+Space', () => {})).toEqual({
      accelerator: 'Alt+Space',
      registered: false,
      failure: 'taken',
    });
  });

  it('reports an invalid accelerator without asking the OS, and one the OS cannot parse', () => {
    const gs = shortcuts(true);
    expect(registerFocusShortcut(gs, 'K', () => {}).failure).toBe('invalid');
    expect(gs.register).not.toHaveBeenCalled();
    expect(registerFocusShortcut(shortcuts(new Error('conversion failure')), 'Ctrl+K', () => {}).failure).toBe('invalid');
  });

  it('does nothing when turned off', () => {
    const gs = shortcuts(true);
    expect(registerFocusShortcut(gs, null, () => {})).toEqual({ accelerator: null, registered: false, failure: null });
    expect(gs.register).not.toHaveBeenCalled();
  });
});
