import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from '@playwright/test';
import { createServer } from 'vite';
import { chromiumLaunch } from '../playwright.config';

/**
 * Local search benchmark: Chromium (the same IndexedDB the workstation uses) fills a cache
 * of `messages` synthetic Chinese messages through the real pull path, indexes it, and
 * times about fifty searches twice (cold, then warm). The harness page is served by Vite
 * from bench/search-harness/; progress goes to stderr.
 */
export interface SearchBenchOptions {
  messages: number;
}

const HARNESS = resolve(import.meta.dirname, 'search-harness');

export async function benchSearch({ messages }: SearchBenchOptions): Promise<unknown> {
  const vite = await createServer({
    root: HARNESS,
    configFile: false,
    logLevel: 'error',
    // No watcher, no HMR: editing the sources during a long run must not reload the page.
    server: { host: '127.0.0.1', port: 0, hmr: false, watch: null, fs: { allow: [resolve(import.meta.dirname, '..')] } },
  });
  await vite.listen();
  const url = vite.resolvedUrls?.local[0];
  // A persistent profile keeps IndexedDB on disk with a disk-sized quota; a fresh one per run.
  const profile = mkdtempSync(join(tmpdir(), 'kadesk-search-bench-'));
  const context = await chromium.launchPersistentContext(profile, { ...chromiumLaunch, headless: true });
  try {
    if (!url) throw new Error('vite did not report a local URL');
    const page = context.pages()[0] ?? (await context.newPage());
    await page.exposeFunction('benchProgress', (line: string) => process.stderr.write(`search bench: ${line}\n`));
    page.on('pageerror', (err) => process.stderr.write(`search bench page error: ${err.message}\n`));
    await page.goto(url);
    await page.waitForFunction('typeof window.kadeskSearchBench === "function"');
    const options = { messages, pageConversations: 1000, stepMessages: 50_000 };
    // A string, so the function is not rewritten by the TypeScript loader on its way to the page.
    return await page.evaluate(`window.kadeskSearchBench(${JSON.stringify(options)})`);
  } finally {
    await context.close();
    await vite.close();
    rmSync(profile, { recursive: true, force: true });
  }
}
