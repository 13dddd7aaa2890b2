// The checks scripts/package-check.mjs applies to a packed app (app.asar listing, fuse wire, bundle
// requires), on hand-made inputs so that each failure mode is seen to fail.
import { describe, expect, it } from 'vitest';
import {
  MAIN_BUNDLE_MAX_BYTES,
  checkAsarEntries,
  checkBundleCode,
  checkBundleInputs,
  checkBundleRequires,
  checkFuseWire,
  requiredModules,
} from '../../../scripts/lib/package-rules.mjs';

const GOOD = [
  '/dist-electron',
  '/dist-electron/main.cjs',
  '/dist-electron/preload.cjs',
  '/dist-electron/training-backend.cjs',
  '/dist-electron/updater.cjs',
  '/dist',
  '/dist/renderer',
  '/dist/renderer/assets',
  '/dist/renderer/assets/index-CO5_6NV8.css',
  '/dist/renderer/assets/index-ExSN8ygz.js',
  '/dist/renderer/index.html',
  '/package.json',
];
const DIRS = new Set(['/dist-electron', '/dist', '/dist/renderer', '/dist/renderer/assets', '/node_modules', '/node_modules/pino']);
const isDirectory = (p: string) => DIRS.has(p);

describe('checkAsarEntries', () => {
  it('accepts the bundles and package.json', () => {
    expect(checkAsarEntries(GOOD, isDirectory)).toEqual([]);
  });

  it.each([
    ['/dist/renderer/assets/index-ExSN8ygz.js.map', /source map/],
    ['/dist-electron/main.ts', /TypeScript source/],
    ['/dist/renderer/assets/a.test.js', /test file/],
    ['/node_modules/pino/index.js', /node_modules/],
    ['/dist/renderer/.env', /environment file/],
    ['/dist-electron/dev-bridge.cjs', /dev bridge/],
    ['/sandbox/server.js', /training backend/],
    ['/tests/unit/a.js', /tests/],
    ['/dist-electron/signing.pem', /key material/],
    ['/dist-electron/faults.cjs', /fault injection/],
    ['/dist-electron/with-fault-injection.cjs', /fault injection/],
    ['/.env', /environment file/],
    ['/README.md', /outside/],
  ])('refuses %s', (entry, why) => {
    const problems = checkAsarEntries([...GOOD, entry], isDirectory);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(why);
  });

  it('reports a missing bundle', () => {
    expect(checkAsarEntries(GOOD.filter((e) => e !== '/dist-electron/preload.cjs'), isDirectory)).toEqual([
      'missing /dist-electron/preload.cjs',
    ]);
    expect(checkAsarEntries(GOOD.filter((e) => e !== '/dist-electron/updater.cjs'), isDirectory)).toEqual([
      'missing /dist-electron/updater.cjs',
    ]);
  });
});

describe('checkFuseWire', () => {
  const config = {
    runAsNode: false,
    enableCookieEncryption: true,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
    loadBrowserProcessSpecificV8Snapshot: false,
    grantFileProtocolExtraPrivileges: false,
  };
  // As read back from a stub flipped by electron-builder 26.17 with that configuration: "01001100".
  const flipped = { '0': 48, '1': 49, '2': 48, '3': 48, '4': 49, '5': 49, '6': 48, '7': 48, version: '1' };

  it('accepts a wire flipped as configured', () => {
    expect(checkFuseWire(flipped, config)).toEqual([]);
  });

  it("reports Electron's shipped wire (fuses not flipped)", () => {
    const shipped = { '0': 49, '1': 48, '2': 49, '3': 49, '4': 48, '5': 48, '6': 48, '7': 49, version: '1' };
    expect(checkFuseWire(shipped, config)).toEqual([
      'fuse runAsNode is on, configured off',
      'fuse enableCookieEncryption is off, configured on',
      'fuse enableNodeOptionsEnvironmentVariable is on, configured off',
      'fuse enableNodeCliInspectArguments is on, configured off',
      'fuse enableEmbeddedAsarIntegrityValidation is off, configured on',
      'fuse onlyLoadAppFromAsar is off, configured on',
      'fuse grantFileProtocolExtraPrivileges is on, configured off',
    ]);
  });

  it('reports a fuse the binary lacks and a name it does not know', () => {
    const { '7': _removed, ...short } = flipped;
    expect(checkFuseWire(short, { grantFileProtocolExtraPrivileges: false, runAsNod: false })).toEqual([
      'fuse grantFileProtocolExtraPrivileges (#7) is missing from the binary',
      'unknown fuse runAsNod',
    ]);
  });
});

describe('bundle requires', () => {
  const main = 'const e = require("electron"); const p = require("node:path"); const fs = require("fs"); require.resolve("x");';

  it('lists the literal requires of a bundle', () => {
    expect(requiredModules(main)).toEqual(['electron', 'fs', 'node:path']);
  });

  it('does not count a require that only appears inside a string (generated standalone code)', () => {
    const generated = `${main} equal.code = 'require("ajv/dist/runtime/equal").default'; const standalone = \`const S = require('fast-json-stringify/lib/serializer')\`;`;
    expect(requiredModules(generated)).toEqual(['electron', 'fs', 'node:path']);
    expect(checkBundleRequires('main', generated)).toEqual([]);
  });

  it('lets main require electron and Node built-ins only', () => {
    expect(checkBundleRequires('main', main)).toEqual([]);
    expect(checkBundleRequires('main', `${main} require('pino-pretty');`)).toEqual([
      "main bundle requires 'pino-pretty', which is not in the package",
    ]);
  });

  it('lets the updater require electron and Node built-ins only', () => {
    expect(checkBundleRequires('updater', 'require("electron"); require("fs"); require("node:crypto");')).toEqual([]);
    expect(checkBundleRequires('updater', 'require("electron"); require("js-yaml");')).toEqual([
      "updater bundle requires 'js-yaml', which is not in the package",
    ]);
  });

  it('lets the sandboxed preload require electron, events, timers and url only', () => {
    expect(checkBundleRequires('preload', 'require("electron"); require("events");')).toEqual([]);
    expect(checkBundleRequires('preload', 'require("electron"); require("node:fs"); require("zod");')).toEqual([
      "preload bundle requires 'node:fs', which is not in the package",
      "preload bundle requires 'zod', which is not in the package",
    ]);
  });
});

describe('bundle sources', () => {
  const MAIN = ['electron/main/index.ts', 'electron/core/app-core.ts', 'shared/contract/index.ts', 'node_modules/zod/v4/classic/schemas.js'];
  const TRAINING = ['sandbox/packaged-entry.ts', 'sandbox/server.ts', 'sandbox/routes/training.ts', 'node_modules/fastify/fastify.js'];
  const UPDATER = [
    'electron/main/adapters/updater-bundle-entry.ts',
    'electron/main/adapters/electron-update-feed.ts',
    'node_modules/electron-updater/out/main.js',
    'node_modules/builder-util-runtime/out/index.js',
    'node_modules/js-yaml/dist/js-yaml.mjs',
  ];

  it('accepts main, preload and the training backend as built', () => {
    expect(checkBundleInputs('main', MAIN)).toEqual([]);
    expect(checkBundleInputs('preload', ['electron/preload/index.ts', 'shared/contract/call-names.ts'])).toEqual([]);
    expect(checkBundleInputs('training', TRAINING)).toEqual([]);
    expect(checkBundleInputs('updater', UPDATER)).toEqual([]);
  });

  it('keeps electron-updater out of main: it is loaded from its own bundle at the first update check', () => {
    expect(checkBundleInputs('main', [...MAIN, 'node_modules/electron-updater/out/main.js', 'node_modules/builder-util-runtime/out/index.js'])).toEqual([
      'main bundle contains node_modules/electron-updater/out/main.js: electron-updater loads from its own bundle, at the first update check',
      'main bundle contains node_modules/builder-util-runtime/out/index.js: electron-updater loads from its own bundle, at the first update check',
    ]);
  });

  it('wants the updater bundle built from its entry and holding electron-updater', () => {
    expect(checkBundleInputs('updater', ['electron/main/adapters/electron-update-feed.ts', 'node_modules/electron-updater/out/main.js'])).toEqual([
      'updater bundle is not built from electron/main/adapters/updater-bundle-entry.ts',
    ]);
    expect(checkBundleInputs('updater', ['electron/main/adapters/updater-bundle-entry.ts'])).toEqual(['updater bundle does not hold electron-updater']);
  });

  it.each([
    ['sandbox/server.ts', /training backend/],
    ['sandbox/http/faults.ts', /fault injection/],
    ['electron/dev-bridge/server.ts', /dev bridge/],
    ['tests/support/chromium.ts', /tests/],
  ])('refuses %s in the updater', (input, why) => {
    const problems = checkBundleInputs('updater', [...UPDATER, input]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(why);
  });

  it('keeps the training backend out of main: it is loaded from its own bundle', () => {
    expect(checkBundleInputs('main', [...MAIN, 'sandbox/server.ts'])).toEqual([
      'main bundle contains sandbox/server.ts: the training backend loads from its own bundle, only in training mode',
    ]);
  });

  it.each([
    ['sandbox/http/faults.ts', /fault injection/],
    ['sandbox/with-fault-injection.ts', /fault injection/],
    ['sandbox/index.ts', /test and CLI entry/],
    ['electron/dev-bridge/server.ts', /dev bridge/],
    ['tests/support/chromium.ts', /tests/],
  ])('refuses %s in the training backend', (input, why) => {
    const problems = checkBundleInputs('training', [...TRAINING, input]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(why);
  });

  it('wants the training bundle built from the packaged entry', () => {
    expect(checkBundleInputs('training', ['sandbox/index.ts', 'sandbox/server.ts'])).toContain('training bundle is not built from sandbox/packaged-entry.ts');
  });
});

describe('bundle text', () => {
  it('passes clean code', () => {
    expect(checkBundleCode('main', 'var a=require("electron");')).toEqual([]);
  });

  it.each([
    ['class FaultInjector{}', /fault injector/],
    ['fetch("/__bridge/training")', /dev bridge/],
    ['x()\n//# sourceMappingURL=main.cjs.map', /source map/],
  ])('finds %s', (code, why) => {
    expect(checkBundleCode('training', code)).toEqual([expect.stringMatching(why)]);
  });

  it.each(['class AppImageUpdater extends BaseUpdater{}', 'var NsisUpdater=class{}'])('finds electron-updater in main: %s', (code) => {
    expect(checkBundleCode('main', code)).toEqual(['main bundle carries electron-updater, which loads from its own bundle at the first update check']);
    expect(checkBundleCode('updater', code)).toEqual([]);
  });

  it('holds main under its size limit', () => {
    expect(checkBundleCode('main', 'x'.repeat(MAIN_BUNDLE_MAX_BYTES - 1))).toEqual([]);
    expect(checkBundleCode('main', 'x'.repeat(MAIN_BUNDLE_MAX_BYTES))).toEqual([`main bundle is ${MAIN_BUNDLE_MAX_BYTES} bytes, over the ${MAIN_BUNDLE_MAX_BYTES} allowed`]);
    // The training backend is big by nature and loads only in training mode.
    expect(checkBundleCode('training', 'x'.repeat(MAIN_BUNDLE_MAX_BYTES))).toEqual([]);
  });

  it('lets the training backend require Node built-ins only, not even electron', () => {
    expect(checkBundleRequires('training', 'require("node:http"); require("crypto");')).toEqual([]);
    expect(checkBundleRequires('training', 'require("electron"); require("fastify");')).toEqual([
      "training bundle requires 'electron', which is not in the package",
      "training bundle requires 'fastify', which is not in the package",
    ]);
  });
});
