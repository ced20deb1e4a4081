// Runs in the sandboxed preload context (CommonJS, Electron's limited require).
import { contextBridge, ipcRenderer } from 'electron';
import { createBridgeClient } from './bridge-client';

contextBridge.exposeInMainWorld(
  'kadesk',
  createBridgeClient((channel, ...args) => ipcRenderer.invoke(channel, ...args)),
);
