// Runs in the sandboxed preload context (CommonJS, Electron's limited require).
import { contextBridge, ipcRenderer } from 'electron';
import { createBridgeClient } from './bridge-client';

contextBridge.exposeInMainWorld(
  'kadesk',
  createBridgeClient(
    (channel, ...args) => ipcRenderer.invoke(channel, ...args),
    (channel, listener) => {
      const handler = (_event: unknown, payload: unknown) => listener(payload);
      ipcRenderer.on(channel, handler);
      return () => void ipcRenderer.removeListener(channel, handler);
    },
  ),
);
