import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

// electron-vite reads the installed Electron's version to pick build targets. Electron is an
// optional dependency that may be absent (its binary download can fail), so tell it the
// major version the project depends on instead.
function ensureElectronMajorVersion(): void {
  if (process.env.ELECTRON_MAJOR_VER) return;
  try {
    createRequire(import.meta.url).resolve('electron/package.json');
  } catch {
    const pkg = JSON.parse(readFileSync(resolve('package.json'), 'utf8')) as {
      optionalDependencies?: Record<string, string>;
    };
    const major = /\d+/.exec(pkg.optionalDependencies?.electron ?? '')?.[0];
    if (major) process.env.ELECTRON_MAJOR_VER = major;
  }
}
ensureElectronMajorVersion();

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: { input: { index: resolve('electron/main.ts') } },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve('preload/index.ts') },
        // Sandboxed preloads are run as classic scripts, so they must be CommonJS.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve('renderer'),
    plugins: [react()],
    build: {
      outDir: resolve('out/renderer'),
      rollupOptions: { input: { index: resolve('renderer/index.html') } },
    },
  },
});
