import type { WindowState } from '../core/window-state/window-state';
import type { Rect } from '../core/window-state/window-state';

/** The parts of a BrowserWindow whose place and size are remembered. */
export interface TrackedWindow {
  on(event: 'move' | 'resize' | 'maximize' | 'unmaximize' | 'close', listener: () => void): unknown;
  getNormalBounds(): Rect;
  isMaximized(): boolean;
  isDestroyed(): boolean;
}

/** Dragging fires dozens of move events a second; one write after the window settles is enough. */
export const SAVE_DELAY_MS = 500;

const snapshot = (window: TrackedWindow): WindowState => {
  const bounds = window.getNormalBounds();
  return {
    // Fractional DIPs appear on scaled displays; the file holds whole pixels.
    bounds: { x: Math.round(bounds.x), y: Math.round(bounds.y), width: Math.round(bounds.width), height: Math.round(bounds.height) },
    maximized: window.isMaximized(),
  };
};

/**
 * Saves the window's normal bounds and maximised flag after moves and resizes (debounced) and at
 * once when it closes. The normal bounds are kept while maximised, so un-maximising next session
 * returns the window to where the agent left it.
 */
export const trackWindowState = (window: TrackedWindow, save: (state: WindowState) => Promise<void>, delayMs = SAVE_DELAY_MS): void => {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const flush = (): void => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    if (window.isDestroyed()) return;
    void save(snapshot(window));
  };
  const later = (): void => {
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(flush, delayMs);
  };
  window.on('move', later);
  window.on('resize', later);
  window.on('maximize', flush);
  window.on('unmaximize', flush);
  window.on('close', flush);
};
