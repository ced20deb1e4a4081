import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAtomicFile } from './atomic-file';
import {
  createWindowStateKeeper,
  loadWindowState,
  parseWindowState,
  placeWindow,
  type Rect,
  type TrackedWindow,
} from './window-state';

const SIZING = { width: 1440, height: 900, minWidth: 1024, minHeight: 640 };
const PRIMARY: Rect = { x: 0, y: 25, width: 1920, height: 1055 };
const RIGHT: Rect = { x: 1920, y: 0, width: 2560, height: 1440 };

describe('parseWindowState', () => {
  it('reads a saved state', () => {
    const text = JSON.stringify({ bounds: { x: 10, y: 20, width: 1200, height: 800 }, maximized: true });
    expect(parseWindowState(text)).toEqual({ bounds: { x: 10, y: 20, width: 1200, height: 800 }, maximized: true });
  });

  it.each([
    ['missing file', null],
    ['truncated JSON', '{"bounds":{"x":1'],
    ['empty file', ''],
    ['wrong shape', '{"x":1}'],
    ['zero size', '{"bounds":{"x":0,"y":0,"width":0,"height":600},"maximized":false}'],
    ['fractions', '{"bounds":{"x":0.5,"y":0,"width":800,"height":600},"maximized":false}'],
    ['absurd coordinates', '{"bounds":{"x":1e12,"y":0,"width":800,"height":600},"maximized":false}'],
  ])('tolerates %s', (_label, text) => {
    expect(parseWindowState(text)).toBeNull();
  });
});

describe('placeWindow', () => {
  it('opens centred on the primary display at the default size when nothing is saved', () => {
    expect(placeWindow(null, [PRIMARY, RIGHT], SIZING)).toEqual({
      bounds: { x: 240, y: 25 + 78, width: 1440, height: 900 },
      maximized: false,
    });
  });

  it('keeps saved bounds that are fully on a display, on a secondary display too', () => {
    const saved = { bounds: { x: 2100, y: 100, width: 1600, height: 1000 }, maximized: true };
    expect(placeWindow(saved, [PRIMARY, RIGHT], SIZING)).toEqual(saved);
  });

  it('pulls a window that hangs over an edge fully onto its display', () => {
    const saved = { bounds: { x: 1000, y: -50, width: 1200, height: 800 }, maximized: false };
    // Mostly on the primary display: moved left and down into its work area.
    expect(placeWindow(saved, [PRIMARY, RIGHT], SIZING).bounds).toEqual({ x: 720, y: 25, width: 1200, height: 800 });
  });

  it('recentres on the primary display when the saved display is gone', () => {
    const saved = { bounds: { x: 2100, y: 100, width: 1600, height: 1000 }, maximized: true };
    const placed = placeWindow(saved, [PRIMARY], SIZING);
    expect(placed.bounds).toEqual({ x: 240, y: 25 + 78, width: 1440, height: 900 });
    expect(placed.maximized).toBe(true);
  });

  it('treats a sliver of window on a display as off-screen', () => {
    const saved = { bounds: { x: 1900, y: 100, width: 1200, height: 800 }, maximized: false };
    // 20 px show on the primary display: not enough to grab it.
    expect(placeWindow(saved, [PRIMARY], SIZING).bounds.x).toBe(240);
  });

  it('shrinks a window larger than a small display to fit it, not below the minimum otherwise', () => {
    const laptop: Rect = { x: 0, y: 0, width: 1280, height: 720 };
    const saved = { bounds: { x: 0, y: 0, width: 2400, height: 1400 }, maximized: false };
    expect(placeWindow(saved, [laptop], SIZING).bounds).toEqual({ x: 0, y: 0, width: 1280, height: 720 });
    const tiny = { bounds: { x: 10, y: 10, width: 300, height: 200 }, maximized: false };
    expect(placeWindow(tiny, [laptop], SIZING).bounds).toEqual({ x: 10, y: 10, width: 1024, height: 640 });
  });

  it('handles displays at negative coordinates', () => {
    const left: Rect = { x: -1920, y: 0, width: 1920, height: 1080 };
    const saved = { bounds: { x: -1800, y: 50, width: 1300, height: 900 }, maximized: false };
    expect(placeWindow(saved, [PRIMARY, left], SIZING).bounds).toEqual(saved.bounds);
  });
});

type WindowEvent = 'change' | 'close';

function fakeWindow(bounds: Rect) {
  const listeners = new Map<WindowEvent, Array<() => void>>();
  const add = (event: WindowEvent, listener: () => void) => listeners.set(event, [...(listeners.get(event) ?? []), listener]);
  const state = { bounds, maximized: false };
  const window: TrackedWindow = {
    getNormalBounds: () => ({ ...state.bounds }),
    isMaximized: () => state.maximized,
    onChange: (listener) => add('change', listener),
    onClose: (listener) => add('close', listener),
  };
  const emit = (event: WindowEvent) => listeners.get(event)?.forEach((l) => l());
  return { window, state, emit };
}

describe('createWindowStateKeeper', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('writes once after a burst of moves settles, then only on change', async () => {
    vi.useFakeTimers();
    const write = vi.fn(async (_text: string | Uint8Array) => {});
    const keeper = createWindowStateKeeper({ write }, () => {}, undefined, 500);
    const { window, state, emit } = fakeWindow({ x: 0, y: 0, width: 1200, height: 800 });
    keeper.track(window);
    for (let i = 0; i < 20; i++) {
      state.bounds = { ...state.bounds, x: i * 10 };
      emit('change');
      await vi.advanceTimersByTimeAsync(100);
    }
    expect(write).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(500);
    expect(write).toHaveBeenCalledTimes(1);
    expect(parseWindowState(String(write.mock.calls[0]?.[0]))).toEqual({
      bounds: { x: 190, y: 0, width: 1200, height: 800 },
      maximized: false,
    });
    emit('change');
    await vi.advanceTimersByTimeAsync(600);
    expect(write).toHaveBeenCalledTimes(1);
    state.maximized = true;
    emit('change');
    await vi.advanceTimersByTimeAsync(600);
    expect(write).toHaveBeenCalledTimes(2);
  });

  it('saves at once when the window closes', async () => {
    vi.useFakeTimers();
    const write = vi.fn(async (_text: string | Uint8Array) => {});
    const keeper = createWindowStateKeeper({ write }, () => {}, undefined, 500);
    const { window, emit } = fakeWindow({ x: 5, y: 6, width: 1100, height: 700 });
    keeper.track(window);
    emit('change');
    emit('close');
    await keeper.flush();
    expect(write).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1000);
    expect(write).toHaveBeenCalledTimes(1);
  });

  it('never touches a closed (destroyed) window again', async () => {
    const write = vi.fn(async (_text: string | Uint8Array) => {});
    const keeper = createWindowStateKeeper({ write }, () => {});
    const { window, emit } = fakeWindow({ x: 5, y: 6, width: 1100, height: 700 });
    keeper.track(window);
    emit('close');
    window.getNormalBounds = () => {
      throw new Error('Object has been destroyed');
    };
    await expect(keeper.flush()).resolves.toBeUndefined();
    expect(write).toHaveBeenCalledTimes(1);
  });

  it('reports a failed write and tries again on the next change', async () => {
    const log = vi.fn();
    const write = vi.fn(async (_text: string | Uint8Array) => {});
    write.mockRejectedValueOnce(new Error('disk full'));
    const keeper = createWindowStateKeeper({ write }, log);
    const { window } = fakeWindow({ x: 1, y: 2, width: 1100, height: 700 });
    keeper.track(window);
    await keeper.flush();
    expect(log).toHaveBeenCalledWith(expect.stringContaining('disk full'));
    await keeper.flush();
    expect(write).toHaveBeenCalledTimes(2);
  });
});

describe('window state on disk', () => {
  it('round-trips through the file and shrugs off a corrupted one', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kadesk-window-'));
    try {
      const path = join(dir, 'window-state.json');
      const file = createAtomicFile(path);
      const log = vi.fn();
      expect(await loadWindowState(file, log)).toBeNull();
      expect(log).not.toHaveBeenCalled();

      const keeper = createWindowStateKeeper(file, log);
      keeper.track(fakeWindow({ x: 30, y: 40, width: 1300, height: 850 }).window);
      await keeper.flush();
      expect(await loadWindowState(file, log)).toEqual({ bounds: { x: 30, y: 40, width: 1300, height: 850 }, maximized: false });

      await writeFile(path, '{"bounds": {"x": 30, "y"');
      expect(await loadWindowState(file, log)).toBeNull();
      expect(log).toHaveBeenCalledWith(expect.stringContaining('not a valid window state'));
      expect(await readFile(path, 'utf8')).toContain('bounds');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
