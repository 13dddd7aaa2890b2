import { _electron, expect, test } from '@playwright/test';
import { findElectronBinary } from '../../scripts/electron-binary';

/**
 * Launches the real app where an Electron binary exists. Where none does (as on the development
 * machines), it says so in one line and is reported as skipped: never a silent pass.
 */
test('the packaged layout launches in Electron with a locked-down window', async () => {
  const electron = findElectronBinary();
  if (!electron.found) {
    console.log(`Electron launch test skipped: ${electron.reason}.`);
    test.skip(true, electron.reason);
    return;
  }
  // A leaked ELECTRON_RUN_AS_NODE starts Electron as plain Node and the launch hangs.
  const env = Object.fromEntries(
    Object.entries(process.env).filter((entry): entry is [string, string] => entry[0] !== 'ELECTRON_RUN_AS_NODE' && entry[1] !== undefined),
  );
  const app = await _electron.launch({ executablePath: electron.path, args: ['.'], env });
  try {
    const window = await app.firstWindow();
    await expect(window.locator('[data-app-ready="true"]')).toHaveCount(1);
    expect(new URL(window.url()).origin).toBe('app://token-desk');
    // The window options themselves are unit-tested; here the renderer must show their effect.
    const exposure = await window.evaluate(() => ({
      hasProcess: typeof (globalThis as { process?: unknown }).process !== 'undefined',
      hasRequire: typeof (globalThis as { require?: unknown }).require !== 'undefined',
      bridgeFrozen: Object.isFrozen((globalThis as { tokenDesk?: object }).tokenDesk),
    }));
    expect(exposure).toEqual({ hasProcess: false, hasRequire: false, bridgeFrozen: true });
  } finally {
    await app.close();
  }
});
