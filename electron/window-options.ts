/**
 * Options for the workstation window. The renderer gets no Node.js and runs in Chromium's
 * sandbox; the preload is its only door to the host, and that door is contextBridge.
 */
export function mainWindowOptions(preloadPath: string) {
  return {
    width: 1440,
    height: 900,
    minWidth: 1024,
    minHeight: 640,
    title: 'Kadesk',
    backgroundColor: '#f6f7f9',
    // Shown on ready-to-show, so the agent never sees an empty white frame.
    show: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
    },
  };
}
