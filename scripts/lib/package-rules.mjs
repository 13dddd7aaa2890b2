// What a packaged Token Desk must and must not contain: pure checks used by scripts/package-check.mjs
// and unit-tested in tests/unit/tooling/package-rules.test.ts.
import { builtinModules } from 'node:module';
import { buildSync } from 'esbuild';

/** Every file in app.asar must sit under one of these (asar paths start with '/'). */
const ASAR_ALLOWED_ROOTS = ['/dist-electron/', '/dist/renderer/'];
const ASAR_ALLOWED_FILES = ['/package.json'];
const ASAR_REQUIRED = [
  '/package.json',
  '/dist-electron/main.cjs',
  '/dist-electron/preload.cjs',
  '/dist-electron/training-backend.cjs',
  '/dist-electron/updater.cjs',
  '/dist/renderer/index.html',
];

/**
 * The bundles in dist-electron/: main and preload always run, the training backend only in training
 * mode, the updater (electron-updater) from the first update check on, where updates are in-app.
 */
export const BUNDLE_KINDS = /** @type {const} */ (['main', 'preload', 'training', 'updater']);
export const BUNDLE_FILES = { main: 'main.cjs', preload: 'preload.cjs', training: 'training-backend.cjs', updater: 'updater.cjs' };

/**
 * main.cjs is parsed on every start and holds what runs on every seat; the training backend, with
 * its web server and seed data, and the updater, with electron-updater's tree, are bundles of their
 * own. Crossing this means something big slipped in.
 */
export const MAIN_BUNDLE_MAX_BYTES = 1_000_000;

/** Reasons a path must not ship, checked in order; the first that matches is reported. */
const FORBIDDEN = [
  { test: /\.map$/i, why: 'source map' },
  { test: /\.(ts|tsx|mts|cts)$/i, why: 'TypeScript source' },
  { test: /\.(test|spec)\.[cm]?[jt]sx?$/i, why: 'test file' },
  { test: /(^|\/)node_modules\//, why: 'node_modules (main and preload are bundled)' },
  { test: /(^|\/)\.env(\.|$)/, why: 'environment file' },
  { test: /dev-bridge/i, why: 'the test-only dev bridge' },
  { test: /(^|\/)sandbox(\/|\.|$)/i, why: 'the training backend sources' },
  { test: /(^|\/)(with-)?faults?([-.]|\/|$)/i, why: 'fault injection (test-only)' },
  { test: /(^|\/)tests?\//, why: 'tests' },
  { test: /\.(pem|key|p12|pfx)$/i, why: 'key material' },
];

/**
 * @param {string[]} entries paths as listed by @electron/asar listPackage (leading '/')
 * @param {(path: string) => boolean} isDirectory
 * @returns {string[]} problems, empty when the archive is fine
 */
export function checkAsarEntries(entries, isDirectory) {
  const problems = [];
  const normalised = entries.map((e) => e.replace(/\\/g, '/'));
  for (const required of ASAR_REQUIRED) {
    if (!normalised.includes(required)) problems.push(`missing ${required}`);
  }
  for (const entry of normalised) {
    if (isDirectory(entry)) continue;
    const forbidden = FORBIDDEN.find(({ test }) => test.test(entry));
    if (forbidden) {
      problems.push(`${entry}: ${forbidden.why} must not ship`);
    } else if (!ASAR_ALLOWED_FILES.includes(entry) && !ASAR_ALLOWED_ROOTS.some((root) => entry.startsWith(root))) {
      problems.push(`${entry}: outside ${[...ASAR_ALLOWED_ROOTS, ...ASAR_ALLOWED_FILES].join(', ')}`);
    }
  }
  return problems;
}

/** electron-builder `electronFuses` key -> index in the V1 fuse wire (@electron/fuses FuseV1Options). */
const FUSE_INDEX = {
  runAsNode: 0,
  enableCookieEncryption: 1,
  enableNodeOptionsEnvironmentVariable: 2,
  enableNodeCliInspectArguments: 3,
  enableEmbeddedAsarIntegrityValidation: 4,
  onlyLoadAppFromAsar: 5,
  loadBrowserProcessSpecificV8Snapshot: 6,
  grantFileProtocolExtraPrivileges: 7,
};

/**
 * Compare a fuse wire read back from the packaged binary with the configuration.
 * @param {Record<string, number | string>} wire from @electron/fuses getCurrentFuseWire: index -> char code ('0' = 48 off, '1' = 49 on)
 * @param {Record<string, boolean>} config electron-builder `electronFuses`
 * @returns {string[]}
 */
export function checkFuseWire(wire, config) {
  const problems = [];
  for (const [name, wanted] of Object.entries(config)) {
    const index = /** @type {Record<string, number>} */ (FUSE_INDEX)[name];
    if (index === undefined) {
      problems.push(`unknown fuse ${name}`);
      continue;
    }
    const raw = wire[String(index)];
    const state = typeof raw === 'number' ? String.fromCharCode(raw) : raw;
    const actual = state === '1' ? true : state === '0' ? false : undefined;
    if (actual === undefined) problems.push(`fuse ${name} (#${index}) is missing from the binary`);
    else if (actual !== wanted) problems.push(`fuse ${name} is ${actual ? 'on' : 'off'}, configured ${wanted ? 'on' : 'off'}`);
  }
  return problems;
}

const BUILTINS = new Set(builtinModules);
const isBuiltin = (/** @type {string} */ id) => id.startsWith('node:') || BUILTINS.has(id);

/**
 * The module ids a CommonJS bundle requires with a string literal. esbuild parses the code, so a
 * `require("…")` that only appears inside a string (code that a library generates for its
 * standalone mode, as ajv and fast-json-stringify in the training backend do) is not counted.
 */
export function requiredModules(/** @type {string} */ code) {
  const { metafile } = buildSync({
    stdin: { contents: code, loader: 'js', sourcefile: 'bundle.cjs' },
    bundle: true,
    write: false,
    metafile: true,
    platform: 'node',
    format: 'cjs',
    logLevel: 'silent',
    // Resolve nothing: every import stays external and is listed, which is all that is wanted here.
    external: ['*'],
  });
  const ids = Object.values(metafile.outputs).flatMap((output) =>
    output.imports.filter((entry) => entry.kind === 'require-call').map((entry) => entry.path),
  );
  return [...new Set(ids)].sort();
}

/**
 * app.asar has no node_modules: main and the updater may require only electron and Node built-ins;
 * a sandboxed preload only electron, events, timers and url; the training backend only Node
 * built-ins (it knows nothing of Electron).
 * @param {'main' | 'preload' | 'training' | 'updater'} kind
 * @param {string} code the bundle's source
 * @returns {string[]}
 */
export function checkBundleRequires(kind, code) {
  const allowed =
    kind === 'main' || kind === 'updater'
      ? (/** @type {string} */ id) => id === 'electron' || isBuiltin(id)
      : kind === 'training'
        ? isBuiltin
        : (/** @type {string} */ id) => ['electron', 'events', 'timers', 'url'].includes(id);
  return requiredModules(code)
    .filter((id) => !allowed(id))
    .map((id) => `${kind} bundle requires '${id}', which is not in the package`);
}

/**
 * Source files that must never end up in a bundle, whichever: the test-only controls. The list of
 * a bundle's sources comes from esbuild's metafile (scripts/build-electron.mjs writes it).
 */
const NEVER_BUNDLED = [
  { test: /^tests\//, why: 'tests' },
  { test: /^electron\/dev-bridge\//, why: 'the test-only dev bridge' },
  { test: /^sandbox\/http\/faults\.ts$/, why: 'fault injection (test-only)' },
  { test: /^sandbox\/with-fault-injection\.ts$/, why: 'fault injection (test-only)' },
  { test: /^sandbox\/(index|cli)\.ts$/, why: "the sandbox's test and CLI entry (it adds fault injection)" },
  { test: /(^|\/)\.env(\.|$)/, why: 'an environment file' },
  { test: /\.(pem|key|p12|pfx)$/i, why: 'key material' },
];

/** electron-updater's own package and the runtime it shares with electron-builder: the updater bundle's, never main's. */
const UPDATER_PACKAGES = /^node_modules\/(electron-updater|builder-util-runtime)\//;
const UPDATER_ENTRY = 'electron/main/adapters/updater-bundle-entry.ts';

/**
 * @param {'main' | 'preload' | 'training' | 'updater'} kind
 * @param {string[]} inputs repository-relative source paths that put code into the bundle
 * @returns {string[]}
 */
export function checkBundleInputs(kind, inputs) {
  const problems = [];
  for (const input of inputs) {
    const never = NEVER_BUNDLED.find(({ test }) => test.test(input));
    if (never) problems.push(`${kind} bundle contains ${input}: ${never.why}`);
    else if (kind !== 'training' && input.startsWith('sandbox/')) {
      problems.push(`${kind} bundle contains ${input}: the training backend loads from its own bundle, only in training mode`);
    } else if (kind !== 'updater' && UPDATER_PACKAGES.test(input)) {
      problems.push(`${kind} bundle contains ${input}: electron-updater loads from its own bundle, at the first update check`);
    }
  }
  if (kind === 'training' && !inputs.includes('sandbox/packaged-entry.ts')) problems.push('training bundle is not built from sandbox/packaged-entry.ts');
  if (kind === 'updater' && !inputs.includes(UPDATER_ENTRY)) problems.push(`updater bundle is not built from ${UPDATER_ENTRY}`);
  if (kind === 'updater' && !inputs.some((input) => input.startsWith('node_modules/electron-updater/'))) problems.push('updater bundle does not hold electron-updater');
  return problems;
}

/** Traces of test-only code in a bundle's text, for the bundles as packed (names survive minification: keepNames). */
const TEST_ONLY_CODE = [
  { test: /\bFaultInjector\b/, why: 'the fault injector (test-only)' },
  { test: /\/__bridge\//, why: "the dev bridge's test controls" },
  { test: /sourceMappingURL=/, why: 'a source map reference (maps are kept by the release team, not shipped)' },
];

/**
 * @param {'main' | 'preload' | 'training' | 'updater'} kind
 * @param {string} code the bundle as packed
 * @returns {string[]}
 */
export function checkBundleCode(kind, code) {
  const problems = TEST_ONLY_CODE.filter(({ test }) => test.test(code)).map(({ why }) => `${kind} bundle carries ${why}`);
  // electron-updater's classes by name (kept by keepNames): main only requires the updater bundle.
  if (kind === 'main' && /\b(AppUpdater|BaseUpdater|NsisUpdater|AppImageUpdater)\b/.test(code)) {
    problems.push('main bundle carries electron-updater, which loads from its own bundle at the first update check');
  }
  if (kind === 'main' && Buffer.byteLength(code) >= MAIN_BUNDLE_MAX_BYTES) {
    problems.push(`main bundle is ${Buffer.byteLength(code)} bytes, over the ${MAIN_BUNDLE_MAX_BYTES} allowed`);
  }
  return problems;
}
