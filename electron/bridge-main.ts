import { ipcMain } from 'electron';
import type { BridgeRoute } from './bridge-ipc';

/** Registers the bridge routes with ipcMain, passing along who sent each call. */
export function registerBridgeRoutes(routes: BridgeRoute[], log: (message: string) => void): void {
  for (const route of routes) {
    ipcMain.handle(route.channel, async (event, ...args) => {
      const frame = event.senderFrame;
      const sender = frame ? { url: frame.url, isMainFrame: frame.parent === null } : null;
      try {
        return await route.handle(sender, args);
      } catch (error) {
        log(`IPC ${route.channel} failed: ${error instanceof Error ? error.message : String(error)}`);
        throw error;
      }
    });
  }
}
