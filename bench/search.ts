import { resolve } from 'node:path';
import { createServer } from 'vite';
import { openBrowser, tempProfile } from './browser';

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
  const profile = tempProfile('search-bench');
  const browser = await openBrowser(profile, 'search bench');
  try {
    if (!url) throw new Error('vite did not report a local URL');
    const { page } = browser;
    await page.goto(url);
    await page.waitForFunction('typeof window.kadeskSearchBench === "function"');
    const options = { messages, pageConversations: 1000, stepMessages: 50_000 };
    // A string, so the function is not rewritten by the TypeScript loader on its way to the page.
    return await page.evaluate(`window.kadeskSearchBench(${JSON.stringify(options)})`);
  } finally {
    await browser.close();
    await vite.close();
    profile.remove();
  }
}
