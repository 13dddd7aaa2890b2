import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';

/** Where the window goes; x and y are left out to let Electron centre it. */
export interface WindowBounds {
  readonly x?: number;
  readonly y?: number;
  readonly width: number;
  readonly height: number;
}

export interface WindowOptionsInput {
  readonly isDev: boolean;
  readonly preloadPath: string;
  readonly bounds: WindowBounds;
  /** Cosmetic changes for special windows; the security preferences always win over these. */
  readonly overrides?: BrowserWindowConstructorOptions;
}

/** Below this a dense token table with its detail pane stops being usable. */
export const MIN_WINDOW_WIDTH = 1024;
export const MIN_WINDOW_HEIGHT = 640;
export const DEFAULT_WINDOW_WIDTH = 1440;
export const DEFAULT_WINDOW_HEIGHT = 900;
export const WINDOW_TITLE = 'Token Desk';
/** Painted before the first frame, so a slow start shows a calm blank instead of a white flash. */
const WINDOW_BACKGROUND = '#f5f6f8';

/**
 * The preferences no caller may relax. Applied after any override (as VS Code forces `sandbox`), so
 * a later feature that needs a special window cannot quietly reopen Node or the web's escape hatches.
 */
export const LOCKED_WEB_PREFERENCES = Object.freeze({
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  webviewTag: false,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  spellcheck: false,
  navigateOnDragDrop: false,
  safeDialogs: true,
} satisfies WebPreferences);

/** Preferences that would widen what the page can do; dropped from overrides rather than trusted. */
const DROPPED_OVERRIDE_PREFERENCES = ['enableBlinkFeatures', 'additionalArguments', 'preload', 'session', 'partition'] as const;

const withoutDropped = (preferences: WebPreferences | undefined): WebPreferences => {
  const copy: WebPreferences = { ...preferences };
  for (const key of DROPPED_OVERRIDE_PREFERENCES) delete copy[key];
  return copy;
};

export const buildWindowOptions = ({ isDev, preloadPath, bounds, overrides }: WindowOptionsInput): BrowserWindowConstructorOptions => ({
  title: WINDOW_TITLE,
  backgroundColor: WINDOW_BACKGROUND,
  minWidth: MIN_WINDOW_WIDTH,
  minHeight: MIN_WINDOW_HEIGHT,
  ...overrides,
  ...bounds,
  // Shown on ready-to-show, so the agent never sees a half-painted console.
  show: false,
  webPreferences: {
    ...withoutDropped(overrides?.webPreferences),
    preload: preloadPath,
    ...LOCKED_WEB_PREFERENCES,
    // DevTools would let anyone at the desk read IPC traffic: development builds only.
    devTools: isDev,
  },
});
