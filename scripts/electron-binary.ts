import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export type ElectronBinary = { found: true; path: string } | { found: false; reason: string };

/**
 * Finds the Electron binary without importing `electron`, whose index downloads the binary on
 * first import and throws where the network is closed. Mirrors what electron/index.js resolves.
 */
export const findElectronBinary = (): ElectronBinary => {
  const require = createRequire(import.meta.url);
  let packageJson: string;
  try {
    packageJson = require.resolve('electron/package.json');
  } catch {
    return { found: false, reason: 'the electron package is not installed (run npm ci)' };
  }
  const pathFile = join(dirname(packageJson), 'path.txt');
  if (!existsSync(pathFile)) {
    return { found: false, reason: 'no Electron binary on this machine (electron/path.txt is missing: the binary was never downloaded)' };
  }
  const relative = readFileSync(pathFile, 'utf8').trim();
  const distDir = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? join(dirname(packageJson), 'dist');
  const binary = join(distDir, relative);
  return existsSync(binary)
    ? { found: true, path: binary }
    : { found: false, reason: `no Electron binary on this machine (${binary} does not exist)` };
};
