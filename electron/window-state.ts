import { z } from 'zod';
import type { AtomicFile } from './atomic-file';

export const WINDOW_STATE_FILE_NAME = 'window-state.json';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** What is kept between runs: the window's restored (not maximised) bounds, and whether it was maximised. */
export interface WindowState {
  bounds: Rect;
  maximized: boolean;
}

const coordinate = z.number().int().min(-100_000).max(100_000);
const extent = z.number().int().min(1).max(100_000);
const windowStateSchema = z.object({
  bounds: z.object({ x: coordinate, y: coordinate, width: extent, height: extent }),
  maximized: z.boolean(),
});

/** The saved state, or null when there is none or it is unreadable (the window then opens at its default). */
export function parseWindowState(text: string | null): WindowState | null {
  if (text === null) return null;
  try {
    const parsed = windowStateSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export interface WindowSizing {
  width: number;
  height: number;
  minWidth: number;
  minHeight: number;
}

// A window counts as on a display when at least this much of it shows there: enough of the
// title bar to grab it.
const MIN_VISIBLE_WIDTH = 120;
const MIN_VISIBLE_HEIGHT = 40;

function overlap(a: Rect, b: Rect): { width: number; height: number } {
  return {
    width: Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)),
    height: Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)),
  };
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), Math.max(min, max));
}

/**
 * Where the window opens. `workAreas` are the displays' usable areas, primary first. The saved
 * bounds are kept when the window still shows on some display (a monitor may have been
 * unplugged or rearranged since); the window is then resized to fit that display and moved
 * fully onto it. Otherwise it opens centred on the primary display.
 */
export function placeWindow(saved: WindowState | null, workAreas: readonly Rect[], sizing: WindowSizing): WindowState {
  const primary = workAreas[0];
  if (!primary) {
    return { bounds: { x: 0, y: 0, width: sizing.width, height: sizing.height }, maximized: saved?.maximized ?? false };
  }
  let area: Rect | null = null;
  let best = 0;
  if (saved) {
    for (const candidate of workAreas) {
      const seen = overlap(saved.bounds, candidate);
      const visible = seen.width >= MIN_VISIBLE_WIDTH && seen.height >= MIN_VISIBLE_HEIGHT;
      if (visible && seen.width * seen.height > best) {
        best = seen.width * seen.height;
        area = candidate;
      }
    }
  }
  const target = area ?? primary;
  const wanted = area && saved ? saved.bounds : { ...sizing, x: 0, y: 0 };
  const width = Math.min(Math.max(wanted.width, sizing.minWidth), target.width);
  const height = Math.min(Math.max(wanted.height, sizing.minHeight), target.height);
  const x = area ? wanted.x : target.x + Math.round((target.width - width) / 2);
  const y = area ? wanted.y : target.y + Math.round((target.height - height) / 2);
  return {
    bounds: {
      x: clamp(x, target.x, target.x + target.width - width),
      y: clamp(y, target.y, target.y + target.height - height),
      width,
      height,
    },
    maximized: saved?.maximized ?? false,
  };
}

/** The BrowserWindow calls the keeper uses. */
export interface TrackedWindow {
  getNormalBounds(): Rect;
  isMaximized(): boolean;
  /** Moved, resized, maximised or restored. */
  onChange(listener: () => void): void;
  onClose(listener: () => void): void;
}

export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface WindowStateKeeper {
  /** Saves the window's state after it stops moving or resizing, and at once when it closes. */
  track(window: TrackedWindow): void;
  /** Writes a pending change now. */
  flush(): Promise<void>;
}

export const WINDOW_STATE_SAVE_DELAY_MS = 500;

/**
 * Dragging a window fires move events many times a second; the file is written once things
 * settle, only when the state changed, and one write at a time so the last state wins.
 */
export function createWindowStateKeeper(
  file: Pick<AtomicFile, 'write'>,
  log: (message: string) => void,
  timers: Timers = { setTimeout: (cb, ms) => setTimeout(cb, ms), clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout) },
  delayMs = WINDOW_STATE_SAVE_DELAY_MS,
): WindowStateKeeper {
  let window: TrackedWindow | null = null;
  let timer: unknown = null;
  let lastWritten: string | null = null;
  let writing: Promise<void> = Promise.resolve();

  function snapshot(): string | null {
    if (!window) return null;
    const state: WindowState = { bounds: window.getNormalBounds(), maximized: window.isMaximized() };
    return JSON.stringify(state);
  }

  function flush(): Promise<void> {
    if (timer !== null) timers.clearTimeout(timer);
    timer = null;
    const text = snapshot();
    if (text === null || text === lastWritten) return writing;
    lastWritten = text;
    writing = writing
      .then(() => file.write(text))
      .catch((error: unknown) => {
        lastWritten = null;
        log(`Could not save the window position: ${error instanceof Error ? error.message : String(error)}`);
      });
    return writing;
  }

  function schedule(): void {
    if (timer !== null) timers.clearTimeout(timer);
    timer = timers.setTimeout(() => void flush(), delayMs);
  }

  return {
    track(tracked) {
      window = tracked;
      tracked.onChange(schedule);
      tracked.onClose(() => {
        // Read the bounds while the window still exists; afterwards it is destroyed and a
        // later flush (when the app quits) only waits for this write.
        void flush();
        if (window === tracked) window = null;
      });
    },
    flush,
  };
}

/** The saved state from disk; an unreadable or corrupted file is reported and ignored. */
export async function loadWindowState(
  file: Pick<AtomicFile, 'read'>,
  log: (message: string) => void,
): Promise<WindowState | null> {
  let data: Uint8Array | null;
  try {
    data = await file.read();
  } catch (error) {
    log(`Could not read the saved window position: ${error instanceof Error ? error.message : String(error)}`);
    return null;
  }
  if (data === null) return null;
  const state = parseWindowState(Buffer.from(data).toString('utf8'));
  if (state === null) log(`${WINDOW_STATE_FILE_NAME} is not a valid window state; using the default position`);
  return state;
}
