import { describe, expect, it } from 'vitest';
import { mainWindowOptions } from './window-options';

describe('mainWindowOptions', () => {
  const { webPreferences, show } = mainWindowOptions('/app/out/preload/index.cjs');

  it('isolates and sandboxes the renderer with no Node.js', () => {
    expect(webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
    });
  });

  it('keeps web security on and webviews off', () => {
    expect(webPreferences).toMatchObject({
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
    });
  });

  it('uses the CommonJS preload that a sandboxed renderer can load', () => {
    expect(webPreferences.preload).toBe('/app/out/preload/index.cjs');
  });

  it('stays hidden until the first paint', () => {
    expect(show).toBe(false);
  });
});
