import { BrowserWindow } from 'electron';
import { mainWindowOptions } from './window-options';

export function createMainWindow(preloadPath: string, url: string, log: (message: string) => void): BrowserWindow {
  const window = new BrowserWindow(mainWindowOptions(preloadPath));
  window.once('ready-to-show', () => window.show());
  window.loadURL(url).catch((error: unknown) => {
    log(`Could not load ${url}: ${error instanceof Error ? error.message : String(error)}`);
  });
  return window;
}
