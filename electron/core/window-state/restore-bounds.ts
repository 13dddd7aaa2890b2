import { WindowState, type Rect } from './window-state';

export interface WindowSize {
  readonly width: number;
  readonly height: number;
}

export interface RestoreDefaults extends WindowSize {
  readonly minWidth: number;
  readonly minHeight: number;
}

export type RestoreReason = 'restored' | 'missing' | 'garbage' | 'off-screen' | 'resized-to-fit';

export interface RestoredWindow {
  /** x and y are absent when there is no display to place on: Electron centres the window then. */
  readonly bounds: { readonly x?: number; readonly y?: number; readonly width: number; readonly height: number };
  readonly maximized: boolean;
  readonly reason: RestoreReason;
}

/** How much of the title-bar strip must lie on a display for the agent to grab and move it. */
const GRAB_STRIP_HEIGHT = 32;
const MIN_GRAB_WIDTH = 120;

const intersection = (a: Rect, b: Rect): Rect | null => {
  const x = Math.max(a.x, b.x);
  const y = Math.max(a.y, b.y);
  const right = Math.min(a.x + a.width, b.x + b.width);
  const bottom = Math.min(a.y + a.height, b.y + b.height);
  return right > x && bottom > y ? { x, y, width: right - x, height: bottom - y } : null;
};

const area = (rect: Rect | null): number => (rect ? rect.width * rect.height : 0);

const isUsableArea = (rect: Rect): boolean =>
  [rect.x, rect.y, rect.width, rect.height].every(Number.isFinite) && rect.width > 0 && rect.height > 0;

/** Default size, shrunk to the display, centred on it. */
const centred = (display: Rect, size: WindowSize): Rect => {
  const width = Math.min(size.width, display.width);
  const height = Math.min(size.height, display.height);
  return {
    x: display.x + Math.round((display.width - width) / 2),
    y: display.y + Math.round((display.height - height) / 2),
    width,
    height,
  };
};

const clampSize = (size: WindowSize, display: Rect, defaults: RestoreDefaults): WindowSize => ({
  width: Math.min(Math.max(size.width, Math.min(defaults.minWidth, display.width)), display.width),
  height: Math.min(Math.max(size.height, Math.min(defaults.minHeight, display.height)), display.height),
});

/**
 * Where the console opens, given what was saved last time and the displays now attached (their work
 * areas, the primary first). A docking station unplugged overnight, a lower resolution, a file
 * edited by hand: in every case the agent gets a window on screen that can be grabbed and used.
 */
export const restoreBounds = (saved: unknown, displays: readonly Rect[], defaults: RestoreDefaults): RestoredWindow => {
  const usable = displays.filter(isUsableArea);
  const primary = usable[0];
  const fallback = (reason: RestoreReason): RestoredWindow => ({
    bounds: primary ? centred(primary, defaults) : { width: defaults.width, height: defaults.height },
    maximized: false,
    reason,
  });

  if (saved === null || saved === undefined) return fallback('missing');
  const parsed = WindowState.safeParse(saved);
  if (!parsed.success) return fallback('garbage');
  const { bounds, maximized } = parsed.data;
  if (!primary) return { bounds: { width: bounds.width, height: bounds.height }, maximized, reason: 'restored' };

  // The display the window mostly sits on; none means its monitor is gone or it was pushed off-screen.
  let home: Rect | null = null;
  for (const display of usable) {
    if (area(intersection(bounds, display)) > area(home ? intersection(bounds, home) : null)) home = display;
  }
  const strip: Rect = { x: bounds.x, y: bounds.y, width: bounds.width, height: Math.min(GRAB_STRIP_HEIGHT, bounds.height) };
  const grabbable = usable.some((display) => (intersection(strip, display)?.width ?? 0) >= Math.min(MIN_GRAB_WIDTH, bounds.width));
  if (!home || !grabbable) return { ...fallback('off-screen'), maximized };

  const size = clampSize(bounds, home, defaults);
  if (size.width === bounds.width && size.height === bounds.height) return { bounds, maximized, reason: 'restored' };
  // Too big for its display (resolution lowered since): shrink to fit and pull fully onto it.
  const x = Math.min(Math.max(bounds.x, home.x), home.x + home.width - size.width);
  const y = Math.min(Math.max(bounds.y, home.y), home.y + home.height - size.height);
  return { bounds: { x, y, ...size }, maximized, reason: 'resized-to-fit' };
};
