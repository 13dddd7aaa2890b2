// electron-builder.yml, Bitwarden-style: the security-relevant packaging values are asserted here so a
// config edit cannot quietly turn a fuse back on or let sources, maps or test code into app.asar.
// The files patterns are evaluated with electron-builder's own matcher (app-builder-lib FileMatcher).
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { readBuilderConfig } from '../../../scripts/lib/builder-config.mjs';

const ROOT = path.resolve(import.meta.dirname, '../../..');

interface BuilderConfig {
  appId: string;
  productName: string;
  electronVersion: string;
  asar: boolean;
  npmRebuild: boolean;
  files: string[];
  electronFuses: Record<string, boolean>;
  publish: { provider: string; url: string };
  deb: { depends: string[] };
  win: { target: { target: string; arch: string[] }[]; icon: string; verifyUpdateCodeSignature: boolean } & Record<string, unknown>;
  nsis: Record<string, boolean | string>;
  directories: { output: string; buildResources: string };
  linux: { target: string[]; category: string; maintainer: string; executableName: string; icon: string };
  mac?: { target: string[] };
  protocols?: { name: string; schemes: string[] }[];
}

const config = YAML.parse(readFileSync(path.join(ROOT, 'electron-builder.yml'), 'utf8')) as BuilderConfig;
const testBuild = readBuilderConfig(path.join(ROOT, 'electron-builder.test.yml')) as unknown as BuilderConfig;
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  main: string;
  productName: string;
  homepage?: string;
  dependencies?: Record<string, string>;
  devDependencies: Record<string, string>;
};

describe('electron-builder.yml', () => {
  it('identifies the product', () => {
    expect(config.appId).toMatch(/^[a-z][a-z0-9]*(\.[a-z][a-z0-9-]*){2,}$/);
    expect(config.productName).toBe('Token Desk');
    expect(pkg.productName).toBe(config.productName);
    expect(config.directories.output).toBe('release');
  });

  it('builds for the Electron version the project installs, pinned exactly', () => {
    // The newest patch of the 45 line; README "Releasing and updates" says how it is kept current.
    expect(config.electronVersion).toBe('45.6.1');
    expect(pkg.devDependencies.electron).toBe(config.electronVersion);
    const lock = JSON.parse(readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version: string }> };
    expect(lock.packages['node_modules/electron']?.version).toBe(config.electronVersion);
  });

  it('registers the token-desk:// scheme of the screen pop, once for every platform, and no file associations', () => {
    expect(config.protocols).toEqual([{ name: 'Token Desk screen pop', schemes: ['token-desk'] }]);
    for (const section of [config, config.win, config.linux] as Record<string, unknown>[]) expect(section).not.toHaveProperty('fileAssociations');
    // Not per platform: one declaration reaches the macOS Info.plist and the Linux .desktop file alike.
    for (const section of [config.win, config.linux] as Record<string, unknown>[]) expect(section).not.toHaveProperty('protocols');
  });

  it('keeps certificates out of the configuration: signing comes from the environment', () => {
    const text = readFileSync(path.join(ROOT, 'electron-builder.yml'), 'utf8');
    expect(text).not.toMatch(/^\s*(cscLink|cscKeyPassword|certificateFile|certificatePassword)\s*:/m);
    expect(config.win.verifyUpdateCodeSignature).toBe(true);
  });

  it('uses the icon set rendered from build/icon.svg', () => {
    expect(config.directories.buildResources).toBe('build');
    for (const file of ['build/icon.svg', 'build/icon.png', config.win.icon, String(config.nsis.installerIcon)]) expect(existsSync(path.join(ROOT, file)), file).toBe(true);
    for (const size of [16, 32, 48, 64, 128, 256, 512]) expect(existsSync(path.join(ROOT, config.linux.icon, `${size}x${size}.png`)), `${size}px`).toBe(true);
  });

  it('flips every security fuse to the hardened value', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
      loadBrowserProcessSpecificV8Snapshot: false,
    });
  });

  it('packs into an asar archive with nothing to rebuild', () => {
    expect(config.asar).toBe(true);
    expect(config.npmRebuild).toBe(false);
    // Runtime dependencies would be packed next to the bundles that already contain them.
    expect(pkg.dependencies ?? {}).toEqual({});
  });

  it('updates from the generic internal feed over https', () => {
    expect(config.publish.provider).toBe('generic');
    expect(new URL(config.publish.url).protocol).toBe('https:');
    expect(config.publish.url).toBe('https://updates.token-desk.invalid/stable');
  });

  it('targets AppImage and deb on Linux, with the keyring library safeStorage needs', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.linux.category).toBe('Office;Finance');
    expect(config.linux.maintainer).toMatch(/<[^@\s]+@[^>\s]+>/);
    expect(config.deb.depends).toContain('libsecret-1-0');
    // depends replaces the defaults; Electron still needs these at run time.
    expect(config.deb.depends).toEqual(expect.arrayContaining(['libgtk-3-0', 'libnss3', 'libnotify4', 'xdg-utils']));
    expect(pkg.homepage, 'the deb target needs homepage in package.json').toBeTruthy();
  });

  it('installs per machine on Windows with an assisted NSIS installer that a silent rollout does not start', () => {
    expect(config.win.target).toEqual([{ target: 'nsis', arch: ['x64'] }]);
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: true, allowToChangeInstallationDirectory: true, runAfterFinish: false });
  });

  describe('the test build (electron-builder.test.yml)', () => {
    it('differs from the release in one fuse: Playwright drives the app over the inspector', () => {
      expect(testBuild.electronFuses).toEqual({ ...config.electronFuses, enableNodeCliInspectArguments: true });
    });

    it('is otherwise the release build, written elsewhere', () => {
      expect(testBuild.files).toEqual(config.files);
      expect(testBuild.electronVersion).toBe(config.electronVersion);
      expect(testBuild.directories.output).not.toBe(config.directories.output);
    });
  });

  describe('files', () => {
    interface Minimatcher {
      createFilter(): (file: string, stat: { isDirectory(): boolean }) => boolean;
    }
    const { FileMatcher } = createRequire(import.meta.url)('app-builder-lib/out/fileMatcher.js') as {
      FileMatcher: new (from: string, to: string, expand: (s: string) => string, patterns: string[]) => Minimatcher;
    };
    const filter = new FileMatcher(ROOT, ROOT, (s) => s, config.files).createFilter();
    const packs = (file: string) => filter(path.join(ROOT, file), { isDirectory: () => false });

    it('names only the bundles and package.json', () => {
      expect(config.files.filter((p) => !p.startsWith('!')).sort()).toEqual(
        ['dist-electron/**', 'dist/renderer/**', 'package.json'].sort(),
      );
      expect(pkg.main.startsWith('dist-electron/')).toBe(true);
    });

    it.each([
      'package.json',
      'dist-electron/main.cjs',
      'dist-electron/preload.cjs',
      'dist-electron/training-backend.cjs',
      'dist-electron/updater.cjs',
      'dist/renderer/index.html',
      'dist/renderer/assets/index-abc123.js',
      'dist/renderer/assets/index-abc123.css',
    ])('packs %s', (file) => {
      expect(packs(file)).toBe(true);
    });

    it.each([
      'dist-electron/main.cjs.map',
      'dist/renderer/assets/index-abc123.js.map',
      'dist-electron/dev-bridge.cjs',
      'dist-electron/sandbox.cjs',
      'dist/renderer/assets/app.test.js',
      'electron/main/index.ts',
      'electron/dev-bridge/cli.ts',
      'electron/core/app-core.ts',
      'sandbox/server.ts',
      'renderer/main.tsx',
      'shared/contract/index.ts',
      'tests/unit/tooling/electron-builder-config.test.ts',
      'tests/e2e/console.spec.ts',
      'scripts/start.ts',
      'test-results/electronegativity.sarif',
      '.env',
      'dist-electron/.env',
      'dist-electron/training-backend.cjs.map',
      'dist-electron/updater.cjs.map',
      'sandbox/packaged-entry.ts',
      'sandbox/http/faults.ts',
      'electron-builder.yml',
      'tsconfig.json',
      'vite.config.ts',
    ])('leaves out %s', (file) => {
      expect(packs(file)).toBe(false);
    });
  });
});
