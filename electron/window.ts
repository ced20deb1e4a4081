import { BrowserWindow } from 'electron';
import type { WindowState } from './window-state';
import { mainWindowOptions } from './window-options';

export function createMainWindow(
  preloadPath: string,
  url: string,
  placement: WindowState,
  log: (message: string) => void,
): BrowserWindow {
  const window = new BrowserWindow({ ...mainWindowOptions(preloadPath), ...placement.bounds });
  window.once('ready-to-show', () => {
    if (placement.maximized) window.maximize();
    window.show();
  });
  window.loadURL(url).catch((error: unknown) => {
    log(`Could not load ${url}: ${error instanceof Error ? error.message : String(error)}`);
  });
  return window;
}
