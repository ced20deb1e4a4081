import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from '@playwright/test';
import { chromiumLaunch } from '../playwright.config';

// Chromium for the browser benchmarks: Debian's build, headless, on a persistent profile
// so that IndexedDB lives on disk with a disk-sized quota (as the workstation's does).

export interface Profile {
  dir: string;
  remove(): void;
}

/** A fresh, empty profile folder. */
export function tempProfile(name: string): Profile {
  const dir = mkdtempSync(join(tmpdir(), `kadesk-${name}-`));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface BenchBrowser {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/**
 * Launches Chromium on `profile`. The page's `window.benchProgress(line)` and its uncaught
 * errors are written to stderr under `label`.
 */
export async function openBrowser(profile: Profile, label: string): Promise<BenchBrowser> {
  const context = await chromium.launchPersistentContext(profile.dir, { ...chromiumLaunch, headless: true });
  const page = context.pages()[0] ?? (await context.newPage());
  await page.exposeFunction('benchProgress', (line: string) => process.stderr.write(`${label}: ${line}\n`));
  page.on('pageerror', (err) => process.stderr.write(`${label} page error: ${err.message}\n`));
  return { context, page, close: () => context.close() };
}

/** Progress on stderr, prefixed. */
export const progressTo = (label: string) => (line: string) => process.stderr.write(`${label}: ${line}\n`);
