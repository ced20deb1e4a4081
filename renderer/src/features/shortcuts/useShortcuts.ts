import { useEffect, useRef } from 'react';
import { refusal } from '../commands/access';
import type { Command } from '../commands/command';
import { refusedStore } from '../commands/refused';
import { useViewer } from '../commands/viewer';
import { keyTargetOf, shortcutFor } from './keymap';

/**
 * Runs `onCommand` for workstation shortcuts pressed anywhere in the window. The key of a
 * command the signed-in role may not run does nothing but show who it is for.
 */
export function useShortcuts(onCommand: (command: Command) => void): void {
  const viewer = useViewer();
  const latest = useRef({ onCommand, viewer });
  useEffect(() => {
    latest.current = { onCommand, viewer };
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
      const notice = refusal(command, latest.current.viewer);
      if (notice === null) latest.current.onCommand(command);
      else refusedStore.getState().refuse(notice);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
