import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { build } from 'vite';
import { startBenchServer } from './bench-server';
import { type BenchBrowser, openBrowser, type Profile, tempProfile } from './browser';
import { BENCH_LOGIN, BENCH_PASSWORD, type LargeWorkspaceSizes, seedLargeWorkspace } from './large-workspace';
import { distribution, median, round1 } from './stats';

/**
 * The workstation with a large cache, in Chromium, against the real server:
 *
 * 1. The server (PGlite on disk) is seeded with `conversations` conversations; it serves the
 *    built workstation (out/renderer) at / as in browser mode, and the harness page at /bench/.
 * 2. The harness signs the agent in and runs the first sync with the workstation's own
 *    SyncEngine into the database the workstation opens (rows/s), then bulkPuts the same
 *    rows into a scratch database (rows/s), then builds the search index.
 * 3. `coldStarts` times: Chromium starts on that profile and loads the workstation, which
 *    restores the stored session; the time from navigation to the first inbox row on screen.
 * 4. After the last start, idle: heap in use (after a GC) and DOM size; then the inbox is
 *    scrolled by requestAnimationFrame at two speeds, recording every frame's duration.
 */
export interface WorkstationSizes extends LargeWorkspaceSizes {
  coldStarts: number;
  /** Milliseconds of scrolling at each speed. */
  scrollMs: number;
}

const ROOT = resolve(import.meta.dirname, '..');
const HARNESS = resolve(import.meta.dirname, 'workstation-harness');
const BUILT = join(ROOT, 'out', 'renderer');
/** Wheel scrolling, then a fling, in pixels per second (a row is 84 px). */
const SPEEDS = [3000, 15000];
const FIRST_ROW_TIMEOUT_MS = 120_000;

/** The built workstation and, beside it at bench/, the harness: the server's static folder. */
async function staticSite(): Promise<string> {
  if (!existsSync(join(BUILT, 'index.html'))) {
    throw new Error('the workstation is not built: run `npm run build` first');
  }
  const dir = mkdtempSync(join(tmpdir(), 'kadesk-bench-site-'));
  cpSync(BUILT, join(dir, 'renderer'), { recursive: true });
  await build({
    root: HARNESS,
    base: './',
    configFile: false,
    logLevel: 'warn',
    build: { outDir: join(dir, 'renderer', 'bench'), emptyOutDir: true, reportCompressedSize: false },
  });
  return dir;
}

// Installed before the workstation's own scripts: when the first inbox row enters the DOM,
// note the time, and the time of the next frame (when it is painted).
const FIRST_ROW_PROBE = `(() => {
  const seen = () => {
    if (!document.querySelector('[data-testid="inbox-item"]')) return;
    observer.disconnect();
    window.__benchFirstRow = performance.now();
    requestAnimationFrame(() => (window.__benchFirstRowPainted = performance.now()));
  };
  const observer = new MutationObserver(seen);
  document.addEventListener('DOMContentLoaded', () => observer.observe(document.body, { childList: true, subtree: true }));
})();`;

interface ColdStart {
  firstRowMs: number;
  paintedMs: number;
  domContentLoadedMs: number;
}

async function coldStart(browser: BenchBrowser, url: string): Promise<ColdStart> {
  const { page } = browser;
  await page.addInitScript(FIRST_ROW_PROBE);
  await page.goto(url);
  await page.waitForFunction('window.__benchFirstRowPainted !== undefined', undefined, { timeout: FIRST_ROW_TIMEOUT_MS });
  return (await page.evaluate(`({
    firstRowMs: window.__benchFirstRow,
    paintedMs: window.__benchFirstRowPainted,
    domContentLoadedMs: performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd,
  })`)) as ColdStart;
}

/** Heap in use after a full GC, and the size of the page, via the DevTools protocol. */
async function memory(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('Performance.enable');
  const { metrics } = await cdp.send('Performance.getMetrics');
  await cdp.detach();
  const metric = (name: string) => metrics.find((m) => m.name === name)?.value ?? Number.NaN;
  return {
    jsHeapUsedMb: round1(metric('JSHeapUsedSize') / 1e6),
    jsHeapTotalMb: round1(metric('JSHeapTotalSize') / 1e6),
    domNodes: metric('Nodes'),
  };
}

interface ScrollTrace {
  frames: number[];
  /** Long animation frames (over 50 ms) during the scroll: their total and the script time in them. */
  longFrames: { count: number; ms: number; scriptMs: number };
  /** Frames where a row on screen was still a loading placeholder. */
  placeholderFrames: number;
  rowsScrolled: number;
}

// Scrolls the inbox at `speed` px/s for `ms`, one step per animation frame, and records
// each frame's duration (the time between consecutive frames). Positions are read from the
// rows' own transforms and one scrollTop read a frame, so the probe forces no extra layout.
const SCROLL = `async ({ speed, ms }) => {
  const list = document.querySelector('[data-testid="inbox-list"]');
  const viewport = list.clientHeight;
  const frames = [];
  let placeholderFrames = 0;
  const placeholderOnScreen = (top) => [...list.querySelectorAll('.inbox-item.is-loading')].some((el) => {
    const y = parseFloat(el.style.transform.slice('translateY('.length));
    return y + 84 > top && y < top + viewport;
  });
  const start = list.scrollTop;
  let top = start;
  const longFrames = { count: 0, ms: 0, scriptMs: 0 };
  const observer = new PerformanceObserver((entries) => {
    for (const e of entries.getEntries()) {
      longFrames.count++;
      longFrames.ms += e.duration;
      longFrames.scriptMs += e.scripts.reduce((sum, s) => sum + s.duration, 0);
    }
  });
  observer.observe({ type: 'long-animation-frame' });
  await new Promise((done) => {
    let began = 0;
    let last = 0;
    const step = (now) => {
      top = list.scrollTop;
      if (placeholderOnScreen(top)) placeholderFrames++;
      if (began === 0) began = now;
      else frames.push(now - last);
      last = now;
      list.scrollTop = top + (speed * (frames.at(-1) ?? 16.7)) / 1000;
      if (now - began < ms) requestAnimationFrame(step);
      else done();
    };
    requestAnimationFrame(step);
  });
  observer.disconnect();
  return { frames, longFrames, placeholderFrames, rowsScrolled: Math.round((top - start) / 84) };
}`;

/** Two seconds of frames while nothing happens: the display's interval and the machine's own jitter. */
async function idleFrames(page: Page): Promise<number[]> {
  return (await page.evaluate(`new Promise((done) => {
    const out = []; let last = 0;
    const step = (now) => { if (last) out.push(now - last); last = now; out.length < 120 ? requestAnimationFrame(step) : done(out); };
    requestAnimationFrame(step);
  })`)) as number[];
}

async function scroll(page: Page, speed: number, ms: number, frameMs: number) {
  const trace = (await page.evaluate(`(${SCROLL})(${JSON.stringify({ speed, ms })})`)) as ScrollTrace;
  // A frame that took n display intervals (to the nearest) dropped n - 1.
  const dropped = trace.frames.reduce((sum, f) => sum + Math.max(0, Math.round(f / frameMs) - 1), 0);
  return {
    pixelsPerSecond: speed,
    rowsScrolled: trace.rowsScrolled,
    frameMs: distribution(trace.frames),
    droppedFrames: dropped,
    longFrames: { count: trace.longFrames.count, ms: Math.round(trace.longFrames.ms), scriptMs: Math.round(trace.longFrames.scriptMs) },
    placeholderFrames: trace.placeholderFrames,
  };
}

export async function benchWorkstation(sizes: WorkstationSizes, progress: (line: string) => void): Promise<unknown> {
  const site = await staticSite();
  const running = await startBenchServer('pglite', { staticDir: site });
  const profile: Profile = tempProfile('workstation-bench');
  let browser: BenchBrowser | null = null;
  try {
    const seeded = await seedLargeWorkspace(running.server.db, sizes, progress);
    progress(`server holds ${seeded.conversations} conversations, ${seeded.messages} messages; first sync in Chromium …`);

    browser = await openBrowser(profile, '  workstation');
    await browser.page.goto(`${running.url}/bench/index.html`);
    await browser.page.waitForFunction('typeof window.kadeskWorkstationBench === "function"');
    const options = { login: BENCH_LOGIN, password: BENCH_PASSWORD };
    const bootstrap = await browser.page.evaluate(`window.kadeskWorkstationBench(${JSON.stringify(options)})`);
    await browser.close();
    browser = null;

    const starts: ColdStart[] = [];
    for (let i = 0; i < sizes.coldStarts; i++) {
      browser = await openBrowser(profile, '  workstation');
      starts.push(await coldStart(browser, `${running.url}/`));
      progress(`cold start ${i + 1}: first inbox row painted at ${Math.round(starts.at(-1)!.paintedMs)} ms`);
      if (i < sizes.coldStarts - 1) {
        await browser.close();
        browser = null;
      }
    }

    const { page } = browser!;
    // Idle: the sync has checked in, the search document table is loaded.
    await page.getByTestId('connection-state').and(page.locator('[data-state="online"]')).waitFor();
    await page.waitForTimeout(5000);
    const idle = await memory(page);
    const idleFrameTimes = await idleFrames(page);
    const frameMs = median(idleFrameTimes);
    const scrolls = [];
    for (const speed of SPEEDS) {
      scrolls.push(await scroll(page, speed, sizes.scrollMs, frameMs));
      progress(`scroll at ${speed} px/s: p99 frame ${scrolls.at(-1)!.frameMs.p99} ms`);
    }
    const afterScroll = await memory(page);

    return {
      sizes: { conversations: seeded.conversations, messages: seeded.messages, customers: seeded.customers },
      bootstrap,
      coldStart: {
        runs: starts.length,
        medianFirstRowPaintedMs: Math.round(median(starts.map((s) => s.paintedMs))),
        medianFirstRowMs: Math.round(median(starts.map((s) => s.firstRowMs))),
        medianDomContentLoadedMs: Math.round(median(starts.map((s) => s.domContentLoadedMs))),
        firstRowPaintedMs: starts.map((s) => Math.round(s.paintedMs)),
      },
      memory: { idle, afterScroll },
      scroll: { displayFrameMs: round1(frameMs), idleFrameMs: distribution(idleFrameTimes), runs: scrolls },
    };
  } finally {
    await browser?.close();
    await running.dispose();
    profile.remove();
    rmSync(site, { recursive: true, force: true });
  }
}
