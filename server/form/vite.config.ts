import { resolve } from 'node:path';
import { defineConfig } from 'vite';

// The customer-facing ticket form (工单), served by the Kadesk server under /support/.
export default defineConfig({
  root: resolve(import.meta.dirname),
  base: '/support/',
  build: {
    outDir: resolve(import.meta.dirname, '../../out/form'),
    emptyOutDir: true,
  },
});
