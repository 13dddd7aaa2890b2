import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { restoreBounds, type RestoreDefaults } from '../../../electron/core/window-state/restore-bounds';
import type { Rect, WindowState } from '../../../electron/core/window-state/window-state';
import { WINDOW_STATE_FILE, createWindowStateStore } from '../../../electron/core/window-state/window-state-store';
import { SAVE_DELAY_MS, trackWindowState, type TrackedWindow } from '../../../electron/main/window-state-tracker';
import { memoryLogger } from './helpers/memory-logger';

const defaults: RestoreDefaults = { width: 1440, height: 900, minWidth: 1024, minHeight: 640 };
// Work areas: a laptop (primary, taskbar at the bottom) and an external monitor to its right.
const laptop: Rect = { x: 0, y: 0, width: 1920, height: 1040 };
const monitor: Rect = { x: 1920, y: 0, width: 2560, height: 1400 };
const centredOnLaptop = { x: 240, y: 70, width: 1440, height: 900 };

describe('restoreBounds', () => {
  it('restores a window that is fully on a display', () => {
    const saved: WindowState = { bounds: { x: 100, y: 50, width: 1300, height: 800 }, maximized: false };
    expect(restoreBounds(saved, [laptop, monitor], defaults)).toEqual({ bounds: saved.bounds, maximized: false, reason: 'restored' });
  });

  it('restores a window on the second monitor, maximised', () => {
    const saved: WindowState = { bounds: { x: 2100, y: 100, width: 1600, height: 1000 }, maximized: true };
    expect(restoreBounds(saved, [laptop, monitor], defaults)).toEqual({ bounds: saved.bounds, maximized: true, reason: 'restored' });
  });

  it('centres on the primary display when nothing was saved', () => {
    expect(restoreBounds(null, [laptop, monitor], defaults)).toEqual({ bounds: centredOnLaptop, maximized: false, reason: 'missing' });
  });

  it('moves the window back when its monitor was unplugged, keeping the maximised flag', () => {
    const saved: WindowState = { bounds: { x: 2100, y: 100, width: 1600, height: 1000 }, maximized: true };
    expect(restoreBounds(saved, [laptop], defaults)).toEqual({ bounds: centredOnLaptop, maximized: true, reason: 'off-screen' });
  });

  it.each([
    ['far off to the left', { x: -5000, y: 100, width: 1200, height: 800 }],
    ['below every display', { x: 100, y: 3000, width: 1200, height: 800 }],
    ['with its title bar above the top edge', { x: 100, y: -700, width: 1200, height: 800 }],
    ['with only a sliver showing at the right edge', { x: 1900, y: 100, width: 1200, height: 800 }],
  ])('moves a window %s back onto the primary display', (_label, bounds) => {
    expect(restoreBounds({ bounds, maximized: false }, [laptop], defaults)).toEqual({ bounds: centredOnLaptop, maximized: false, reason: 'off-screen' });
  });

  it('shrinks a window bigger than its display and pulls it fully onto it', () => {
    const saved: WindowState = { bounds: { x: 2000, y: 20, width: 3000, height: 1600 }, maximized: false };
    expect(restoreBounds(saved, [laptop, monitor], defaults)).toEqual({ bounds: monitor, maximized: false, reason: 'resized-to-fit' });
  });

  it('shrinks to a display smaller than the minimum size rather than overflow it', () => {
    const small: Rect = { x: 0, y: 0, width: 800, height: 560 };
    const saved: WindowState = { bounds: { x: 0, y: 0, width: 1300, height: 800 }, maximized: false };
    expect(restoreBounds(saved, [small], defaults)).toEqual({ bounds: small, maximized: false, reason: 'resized-to-fit' });
    expect(restoreBounds(null, [small], defaults).bounds).toEqual(small);
  });

  it('grows a window saved below the minimum size', () => {
    const saved: WindowState = { bounds: { x: 10, y: 10, width: 300, height: 200 }, maximized: false };
    expect(restoreBounds(saved, [laptop], defaults)).toEqual({
      bounds: { x: 10, y: 10, width: 1024, height: 640 },
      maximized: false,
      reason: 'resized-to-fit',
    });
  });

  it.each([
    ['a string', 'garbage'],
    ['a number', 42],
    ['an array', [1, 2, 3, 4]],
    ['missing bounds', { maximized: true }],
    ['negative width', { bounds: { x: 0, y: 0, width: -1, height: 800 }, maximized: false }],
    ['zero height', { bounds: { x: 0, y: 0, width: 800, height: 0 }, maximized: false }],
    ['fractional values', { bounds: { x: 0.5, y: 0, width: 800, height: 600 }, maximized: false }],
    ['absurd coordinates', { bounds: { x: 1e12, y: 0, width: 800, height: 600 }, maximized: false }],
    ['strings for numbers', { bounds: { x: '0', y: '0', width: '800', height: '600' }, maximized: false }],
    ['an extra field', { bounds: { x: 0, y: 0, width: 800, height: 600 }, maximized: false, fullscreen: true }],
    ['a non-boolean flag', { bounds: { x: 0, y: 0, width: 800, height: 600 }, maximized: 'yes' }],
  ])('falls back to defaults for %s', (_label, saved) => {
    expect(restoreBounds(saved, [laptop], defaults)).toEqual({ bounds: centredOnLaptop, maximized: false, reason: 'garbage' });
  });

  it('lets Electron centre the window when no display is reported', () => {
    expect(restoreBounds(null, [], defaults)).toEqual({ bounds: { width: 1440, height: 900 }, maximized: false, reason: 'missing' });
    expect(restoreBounds({ bounds: { x: 5, y: 5, width: 1200, height: 700 }, maximized: true }, [], defaults)).toEqual({
      bounds: { width: 1200, height: 700 },
      maximized: true,
      reason: 'restored',
    });
  });

  it('ignores a display with an unusable work area', () => {
    const broken: Rect = { x: 0, y: 0, width: 0, height: 0 };
    expect(restoreBounds(null, [broken, laptop], defaults).bounds).toEqual(centredOnLaptop);
  });
});

describe('the window state store', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'token-desk-window-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('loads nothing when there is no file', async () => {
    await expect(createWindowStateStore(dir, memoryLogger().logger).load()).resolves.toBeNull();
  });

  it('saves atomically and loads what it saved', async () => {
    const store = createWindowStateStore(dir, memoryLogger().logger);
    const state: WindowState = { bounds: { x: 1, y: 2, width: 1300, height: 800 }, maximized: true };
    await store.save(state);
    expect(await readdir(dir)).toEqual([WINDOW_STATE_FILE]);
    await expect(createWindowStateStore(dir, memoryLogger().logger).load()).resolves.toEqual(state);
  });

  it('keeps the order of queued writes: the last one wins', async () => {
    const store = createWindowStateStore(dir, memoryLogger().logger);
    for (let i = 0; i < 10; i += 1) void store.save({ bounds: { x: i, y: 0, width: 1300, height: 800 }, maximized: false });
    await store.idle();
    expect(JSON.parse(await readFile(join(dir, WINDOW_STATE_FILE), 'utf8'))).toMatchObject({ bounds: { x: 9 } });
  });

  it('loads nothing from a garbage file, logs it, and leaves the file alone', async () => {
    await writeFile(join(dir, WINDOW_STATE_FILE), '{"bounds": 7}');
    const memory = memoryLogger();
    await expect(createWindowStateStore(dir, memory.logger).load()).resolves.toBeNull();
    expect(memory.text()).toContain('window state unreadable');
    expect(await readFile(join(dir, WINDOW_STATE_FILE), 'utf8')).toBe('{"bounds": 7}');
  });

  it('does not write a state that is out of range', async () => {
    const memory = memoryLogger();
    const store = createWindowStateStore(dir, memory.logger);
    await store.save({ bounds: { x: 0, y: 0, width: 0, height: 800 }, maximized: false });
    expect(await readdir(dir)).toEqual([]);
    expect(memory.text()).toContain('out of range');
  });

  it('logs a failed write instead of throwing', async () => {
    const memory = memoryLogger();
    // A file where the profile folder should be makes the write fail.
    const store = createWindowStateStore(join(dir, 'blocked'), memory.logger);
    await writeFile(join(dir, 'blocked'), 'a file, not a folder');
    await expect(store.save({ bounds: { x: 0, y: 0, width: 1300, height: 800 }, maximized: false })).resolves.toBeUndefined();
    expect(memory.text()).toContain('window state not saved');
  });
});

describe('trackWindowState', () => {
  const fakeWindow = () => {
    const listeners = new Map<string, () => void>();
    let bounds: Rect = { x: 10, y: 20, width: 1300, height: 800 };
    let maximized = false;
    let destroyed = false;
    const window: TrackedWindow = {
      on: (event, listener) => void listeners.set(event, listener),
      getNormalBounds: () => bounds,
      isMaximized: () => maximized,
      isDestroyed: () => destroyed,
    };
    return {
      window,
      fire: (event: string) => listeners.get(event)?.(),
      move: (next: Rect) => {
        bounds = next;
      },
      maximize: (value: boolean) => {
        maximized = value;
      },
      destroy: () => {
        destroyed = true;
      },
    };
  };

  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('saves once after a burst of moves and resizes settles', () => {
    const fake = fakeWindow();
    const save = vi.fn(async (_state: WindowState) => undefined);
    trackWindowState(fake.window, save);
    for (let i = 0; i < 30; i += 1) {
      fake.move({ x: 10 + i, y: 20, width: 1300, height: 800 });
      fake.fire(i % 2 ? 'move' : 'resize');
      vi.advanceTimersByTime(SAVE_DELAY_MS / 10);
    }
    expect(save).not.toHaveBeenCalled();
    vi.advanceTimersByTime(SAVE_DELAY_MS);
    expect(save).toHaveBeenCalledExactlyOnceWith({ bounds: { x: 39, y: 20, width: 1300, height: 800 }, maximized: false });
  });

  it('saves at once on maximise and on close, with whole-pixel normal bounds', () => {
    const fake = fakeWindow();
    const save = vi.fn(async (_state: WindowState) => undefined);
    trackWindowState(fake.window, save);
    fake.maximize(true);
    fake.move({ x: 10.4, y: 20.6, width: 1300.5, height: 800 });
    fake.fire('maximize');
    expect(save).toHaveBeenLastCalledWith({ bounds: { x: 10, y: 21, width: 1301, height: 800 }, maximized: true });
    fake.fire('move');
    fake.fire('close');
    expect(save).toHaveBeenCalledTimes(2);
    // The pending debounced save was folded into the close.
    vi.advanceTimersByTime(SAVE_DELAY_MS * 2);
    expect(save).toHaveBeenCalledTimes(2);
  });

  it('does not touch a destroyed window', () => {
    const fake = fakeWindow();
    const save = vi.fn(async (_state: WindowState) => undefined);
    trackWindowState(fake.window, save);
    fake.fire('resize');
    fake.destroy();
    vi.advanceTimersByTime(SAVE_DELAY_MS);
    expect(save).not.toHaveBeenCalled();
  });
});
