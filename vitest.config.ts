import { defineConfig } from 'vitest/config';

// Database-backed tests (*.db.test.ts) run twice: on embedded PGlite and on the local
// PostgreSQL server, so the one SQL dialect is proven on both.
const dbTests = ['server/**/*.db.test.ts', 'test/integration/**/*.db.test.ts', 'renderer/**/*.db.test.ts'];

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          environment: 'node',
          include: ['{protocol,server,electron,preload,renderer,scripts,bench}/**/*.test.{ts,tsx}'],
          exclude: [...dbTests, '**/node_modules/**'],
        },
      },
      {
        test: {
          name: 'pglite',
          environment: 'node',
          include: dbTests,
          env: { KADESK_TEST_DB: 'pglite' },
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'postgres',
          environment: 'node',
          include: dbTests,
          env: { KADESK_TEST_DB: 'postgres' },
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
