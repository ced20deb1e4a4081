import { describe, expect, it } from 'vitest';
import { revealExistingWindow, type RevealableWindow } from './single-instance';

function fakeWindow(state: { destroyed?: boolean; minimized?: boolean }) {
  const calls: string[] = [];
  const window: RevealableWindow = {
    isDestroyed: () => state.destroyed ?? false,
    isMinimized: () => state.minimized ?? false,
    restore: () => calls.push('restore'),
    show: () => calls.push('show'),
    focus: () => calls.push('focus'),
  };
  return { window, calls };
}

describe('revealExistingWindow', () => {
  it('restores a minimised window and focuses it', () => {
    const { window, calls } = fakeWindow({ minimized: true });
    expect(revealExistingWindow(window)).toBe(true);
    expect(calls).toEqual(['restore', 'show', 'focus']);
  });

  it('shows and focuses a window hidden behind others', () => {
    const { window, calls } = fakeWindow({});
    expect(revealExistingWindow(window)).toBe(true);
    expect(calls).toEqual(['show', 'focus']);
  });

  it('asks for a new window when there is none or it was destroyed', () => {
    expect(revealExistingWindow(null)).toBe(false);
    const { window, calls } = fakeWindow({ destroyed: true });
    expect(revealExistingWindow(window)).toBe(false);
    expect(calls).toEqual([]);
  });
});
