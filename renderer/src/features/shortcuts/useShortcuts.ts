import { useEffect, useRef } from 'react';
import type { Command } from '../commands/command';
import { keyTargetOf, shortcutFor } from './keymap';

/** Runs `onCommand` for workstation shortcuts pressed anywhere in the window. */
export function useShortcuts(onCommand: (command: Command) => void): void {
  const latest = useRef(onCommand);
  useEffect(() => {
    latest.current = onCommand;
  });
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing) return;
      const command = shortcutFor({
        key: e.key,
        ctrlKey: e.ctrlKey,
        metaKey: e.metaKey,
        altKey: e.altKey,
        target: keyTargetOf(e.target instanceof Element ? e.target : null),
      });
      if (!command) return;
      e.preventDefault();
      latest.current(command);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
