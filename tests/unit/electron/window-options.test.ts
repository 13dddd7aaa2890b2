import { describe, expect, it } from 'vitest';
import {
  LOCKED_WEB_PREFERENCES,
  MIN_WINDOW_HEIGHT,
  MIN_WINDOW_WIDTH,
  WINDOW_TITLE,
  buildWindowOptions,
} from '../../../electron/main/window-options';

const base = { preloadPath: '/app/dist-electron/preload.cjs', bounds: { x: 10, y: 20, width: 1400, height: 900 } };

describe('buildWindowOptions', () => {
  const options = buildWindowOptions({ ...base, isDev: false });
  const prefs = options.webPreferences ?? {};

  it.each([
    ['contextIsolation', true],
    ['sandbox', true],
    ['nodeIntegration', false],
    ['nodeIntegrationInWorker', false],
    ['nodeIntegrationInSubFrames', false],
    ['webSecurity', true],
    ['webviewTag', false],
    ['allowRunningInsecureContent', false],
    ['experimentalFeatures', false],
    ['spellcheck', false],
    ['navigateOnDragDrop', false],
    ['safeDialogs', true],
  ] as const)('sets %s to %s', (key, value) => {
    expect(prefs[key]).toBe(value);
  });

  it('loads the preload it was given', () => {
    expect(prefs.preload).toBe(base.preloadPath);
  });

  it('allows DevTools only in development', () => {
    expect(prefs.devTools).toBe(false);
    expect(buildWindowOptions({ ...base, isDev: true }).webPreferences?.devTools).toBe(true);
  });

  it('stays hidden until ready-to-show, titled, with a background and a console-sized minimum', () => {
    expect(options.show).toBe(false);
    expect(options.title).toBe(WINDOW_TITLE);
    expect(options.backgroundColor).toMatch(/^#[0-9a-f]{6}$/i);
    expect(options.minWidth).toBe(MIN_WINDOW_WIDTH);
    expect(options.minHeight).toBe(MIN_WINDOW_HEIGHT);
    expect(MIN_WINDOW_WIDTH).toBeGreaterThanOrEqual(1024);
    expect(MIN_WINDOW_HEIGHT).toBeGreaterThanOrEqual(640);
  });

  it('places the window at the bounds given', () => {
    expect(options).toMatchObject(base.bounds);
  });

  it('cannot be weakened by overrides', () => {
    const weakened = buildWindowOptions({
      ...base,
      isDev: false,
      overrides: {
        show: true,
        title: 'Special',
        webPreferences: {
          contextIsolation: false,
          sandbox: false,
          nodeIntegration: true,
          nodeIntegrationInWorker: true,
          nodeIntegrationInSubFrames: true,
          webSecurity: false,
          webviewTag: true,
          allowRunningInsecureContent: true,
          experimentalFeatures: true,
          spellcheck: true,
          navigateOnDragDrop: true,
          safeDialogs: false,
          devTools: true,
          preload: '/tmp/evil.js',
          enableBlinkFeatures: 'SomethingExperimental',
          additionalArguments: ['--inspect'],
          partition: 'persist:other',
          zoomFactor: 1.25,
        },
      },
    });
    const weakPrefs = weakened.webPreferences ?? {};
    for (const [key, value] of Object.entries(LOCKED_WEB_PREFERENCES)) {
      expect(weakPrefs[key as keyof typeof LOCKED_WEB_PREFERENCES], key).toBe(value);
    }
    expect(weakPrefs.devTools).toBe(false);
    expect(weakPrefs.preload).toBe(base.preloadPath);
    expect(weakPrefs).not.toHaveProperty('enableBlinkFeatures');
    expect(weakPrefs).not.toHaveProperty('additionalArguments');
    expect(weakPrefs).not.toHaveProperty('partition');
    expect(weakened.show).toBe(false);
    // Harmless preferences and cosmetic options still pass through.
    expect(weakPrefs.zoomFactor).toBe(1.25);
    expect(weakened.title).toBe('Special');
  });

  it('keeps the locked preferences frozen', () => {
    expect(Object.isFrozen(LOCKED_WEB_PREFERENCES)).toBe(true);
  });
});
