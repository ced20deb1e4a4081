import { resolve } from 'node:path';
import { defineConfig } from 'vite';

// The customer-facing chat page, served by the Kadesk server under /widget/.
export default defineConfig({
  root: resolve(import.meta.dirname),
  base: '/widget/',
  build: {
    outDir: resolve(import.meta.dirname, '../../out/widget'),
    emptyOutDir: true,
  },
});
