#!/usr/bin/env node
// npm run test:package — pack the built app offline with electron-builder and check what ships.
//
//   node scripts/package-check.mjs [--keep]
//
// Needs `npm run build` first (dist-electron/, dist/renderer/, dist/electron-bundles.json). There is
// no Electron binary here, so electron-builder packs `--dir --linux` against a stub `electron` file
// holding only the fuse wire (sentinel dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX, version 1, 8 fuses, all as
// Electron ships them); it flips the fuses in the stub as configured, which is then read back.
// It packs twice: with electron-builder.yml (the release) and electron-builder.test.yml (the build
// Playwright drives). Checks:
//   - app.asar holds exactly package.json, dist-electron/ and dist/renderer/: no maps, sources,
//     tests, dev bridge, sandbox sources, fault injection, node_modules, .env or key material;
//   - each bundle's sources (esbuild's metafile) hold no tests, dev bridge or fault injection, and
//     main, preload and the updater none of the training backend; its packed text carries none of
//     them either; main holds no electron-updater, which is the updater bundle's (updater.cjs);
//   - main.cjs stays under 1 MB without the training backend and the updater, each its own bundle;
//   - the bundles require nothing that is not in the package;
//   - every fuse of each config is set in its binary (the test build differs in one fuse only);
//   - app-update.yml points at the configured generic feed.
// Exit 0 when all hold, 1 when one fails, 2 when packaging could not run. About 15 s.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import YAML from 'yaml';
import { BUNDLE_FILES, BUNDLE_KINDS, MAIN_BUNDLE_MAX_BYTES, checkAsarEntries, checkBundleCode, checkBundleInputs, checkBundleRequires, checkFuseWire } from './lib/package-rules.mjs';
import { readBuilderConfig } from './lib/builder-config.mjs';

const ROOT = path.resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);
// Both come with electron-builder (its own fuse flipper and asar reader), pinned by the lockfile.
const asar = require('@electron/asar');
const fuses = require('@electron/fuses');

const BUNDLE_REPORT = path.join(ROOT, 'dist', 'electron-bundles.json');
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
// Electron's shipped defaults for the 8 V1 fuses (only EnableEmbeddedAsarIntegrityValidation,
// OnlyLoadAppFromAsar, LoadBrowserProcessSpecificV8Snapshot and GrantFileProtocolExtraPrivileges differ).
const SHIPPED_WIRE = '10110001';

function stubElectron(dir) {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'electron');
  writeFileSync(file, Buffer.concat([Buffer.from(SENTINEL, 'ascii'), Buffer.from([0x01, SHIPPED_WIRE.length]), Buffer.from(SHIPPED_WIRE, 'ascii')]));
  chmodSync(file, 0o755);
}

/**
 * Packs the app with one builder config and checks the result.
 * @returns {Promise<{ problems: string[], listing: string[] } | number>} a number when packaging could not run
 */
async function packAndCheck(configFile, work, { listFiles }) {
  const config = readBuilderConfig(path.join(ROOT, configFile));
  const electronDist = path.join(work, 'electron-dist');
  const output = path.join(work, 'release');
  stubElectron(electronDist);

  const started = Date.now();
  const builder = spawnSync(
    process.execPath,
    [
      require.resolve('electron-builder/cli.js'),
      '--dir',
      '--linux',
      '--x64',
      '--publish',
      'never',
      '--config',
      configFile,
      `-c.electronDist=${electronDist}`,
      `-c.directories.output=${output}`,
    ],
    { cwd: ROOT, encoding: 'utf8', env: { ...process.env, CI: 'true' } },
  );
  if (builder.status !== 0) {
    console.error(builder.stdout, builder.stderr);
    console.error(`package-check: electron-builder exited with ${builder.status} for ${configFile}`);
    return 2;
  }
  console.log(`${configFile}: electron-builder packed linux-unpacked in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  const unpacked = path.join(output, 'linux-unpacked');
  const archive = path.join(unpacked, 'resources', 'app.asar');
  const binary = path.join(unpacked, config.linux?.executableName ?? 'electron');
  const problems = [];

  const entries = asar.listPackage(archive, { isPack: false });
  const isDirectory = (entry) => {
    try {
      return 'files' in asar.statFile(archive, entry.replace(/^\//, ''), false);
    } catch {
      return false;
    }
  };
  problems.push(...checkAsarEntries(entries, isDirectory));
  const report = JSON.parse(readFileSync(BUNDLE_REPORT, 'utf8'));
  const bundleSizes = [];
  for (const kind of BUNDLE_KINDS) {
    const code = asar.extractFile(archive, `dist-electron/${BUNDLE_FILES[kind]}`).toString('utf8');
    const bytes = Buffer.byteLength(code);
    bundleSizes.push(`  ${BUNDLE_FILES[kind]}: ${bytes.toLocaleString('en-US')} bytes${kind === 'main' ? ` (under ${MAIN_BUNDLE_MAX_BYTES.toLocaleString('en-US')} allowed)` : ''}`);
    problems.push(...checkBundleRequires(kind, code));
    problems.push(...checkBundleCode(kind, code));
    problems.push(...checkBundleInputs(kind, report.inputs?.[kind] ?? []));
    if (!report.inputs?.[kind]?.length) problems.push(`${BUNDLE_REPORT} lists no sources for the ${kind} bundle; run npm run build`);
  }

  problems.push(...checkFuseWire(await fuses.getCurrentFuseWire(binary), config.electronFuses ?? {}).map((p) => `${configFile}: ${p}`));

  const update = YAML.parse(readFileSync(path.join(unpacked, 'resources', 'app-update.yml'), 'utf8'));
  if (update.provider !== config.publish?.provider || update.url !== config.publish?.url) {
    problems.push(`app-update.yml is ${JSON.stringify(update)}, expected the ${config.publish?.provider} feed ${config.publish?.url}`);
  }

  const listing = [];
  if (listFiles) {
    listing.push('bundles:', ...bundleSizes);
    listing.push(`app.asar: ${entries.filter((e) => !isDirectory(e)).length} files`);
    for (const entry of entries) if (!isDirectory(entry)) listing.push(`  ${entry}  (${statSizeKb(archive, entry)} KB)`);
  }
  return { problems, listing, unpacked };
}

async function main() {
  const { values } = parseArgs({ options: { keep: { type: 'boolean' } } });
  const missing = [...BUNDLE_KINDS.map((kind) => `dist-electron/${BUNDLE_FILES[kind]}`), 'dist/renderer/index.html', path.relative(ROOT, BUNDLE_REPORT)].filter(
    (f) => !existsSync(path.join(ROOT, f)),
  );
  if (missing.length > 0) {
    console.error(`package-check: ${missing.join(', ')} missing; run npm run build first`);
    return 2;
  }
  const problems = [];
  for (const [configFile, listFiles] of /** @type {const} */ ([['electron-builder.yml', true], ['electron-builder.test.yml', false]])) {
    const work = mkdtempSync(path.join(tmpdir(), 'token-desk-package-'));
    try {
      const result = await packAndCheck(configFile, work, { listFiles });
      if (typeof result === 'number') return result;
      for (const line of result.listing) console.log(line);
      problems.push(...result.problems);
      if (values.keep) console.log(`kept ${result.unpacked}`);
    } finally {
      if (!values.keep) rmSync(work, { recursive: true, force: true });
    }
  }
  if (problems.length > 0) {
    console.log('\nProblems');
    for (const p of [...new Set(problems)]) console.log(`  - ${p}`);
    console.log('FAIL');
    return 1;
  }
  console.log('fuses of both builds, asar contents, bundle sources, requires and size, and update feed as configured\nPASS');
  return 0;
}

function statSizeKb(archive, entry) {
  const info = asar.statFile(archive, entry.replace(/^\//, ''), false);
  return 'size' in info ? Math.ceil(info.size / 1024) : 0;
}

process.exitCode = await Promise.resolve()
  .then(main)
  .catch((error) => {
    console.error(error?.stack ?? error);
    return 2;
  });
