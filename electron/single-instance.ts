/** The window calls the second-instance handler needs; BrowserWindow provides them. */
export interface RevealableWindow {
  isDestroyed(): boolean;
  isMinimized(): boolean;
  restore(): void;
  show(): void;
  focus(): void;
}

/**
 * A second launch (desktop icon clicked again) brings the running workstation forward
 * instead of starting another one with its own sync and token state. Returns false when
 * there is no live window to show, so the caller opens one.
 */
export function revealExistingWindow(window: RevealableWindow | null): boolean {
  if (window === null || window.isDestroyed()) return false;
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
  return true;
}
