// Bundles the main process, the preload, the training backend and the updater into one CommonJS file
// each, so nothing needs node_modules at run time: electron-builder packs dist-electron/ and
// dist/renderer/ only.
import { build } from 'esbuild';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Where the list of source files in each bundle goes: outside dist-electron/, so it never ships. */
export const DEFAULT_REPORT = join(root, 'dist', 'electron-bundles.json');

/**
 * esbuild cannot tree-shake through zod's `export * as z` re-export, so `import { z } from 'zod'`
 * drags in all of zod's ~60 locales (about 270 KB). The namespace import is the same API and lets
 * esbuild keep only what is used. The sources keep the documented form; only the bundle changes.
 */
const zodNamespaceImport = {
  name: 'zod-namespace-import',
  setup(builder) {
    builder.onLoad({ filter: /\.tsx?$/ }, async (args) => {
      if (args.path.includes(`${join('node_modules', '')}`)) return undefined;
      const source = await readFile(args.path, 'utf8');
      return {
        contents: source.replace(/^import \{ z \} from 'zod';$/gm, "import * as z from 'zod';"),
        loader: args.path.endsWith('.tsx') ? 'tsx' : 'ts',
      };
    });
  },
};

/** Electron 45 runs Node 22 in main and Chromium 140 in the renderer. */
const shared = {
  bundle: true,
  format: 'cjs',
  platform: 'node',
  external: ['electron'],
  logLevel: 'warning',
  legalComments: 'none',
  // Minified to keep main.cjs small (it is parsed on every start). Names are kept, so an error's
  // class and a function's name still read right in the agent's log; the source maps written
  // beside the bundles (never packed) turn a logged stack trace back into source lines.
  minify: true,
  keepNames: true,
  sourcemap: 'external',
  absWorkingDir: root,
  metafile: true,
  plugins: [zodNamespaceImport],
};

/**
 * @param {{ outdir?: string }} [options]
 * @returns {Promise<{ main: string, preload: string, training: string, updater: string, inputs: { main: string[], preload: string[], training: string[], updater: string[] } }>}
 */
export const buildElectron = async ({ outdir = join(root, 'dist-electron') } = {}) => {
  await mkdir(outdir, { recursive: true });
  const main = join(outdir, 'main.cjs');
  const preload = join(outdir, 'preload.cjs');
  // Loaded by main at run time, only when training mode starts (electron/main/adapters/training-bundle-loader.ts).
  const training = join(outdir, 'training-backend.cjs');
  // Loaded by main at the first update check (electron/main/adapters/updater-bundle-loader.ts):
  // electron-updater and its tree are about a quarter of what main would otherwise parse at start.
  const updater = join(outdir, 'updater.cjs');
  const [mainResult, preloadResult, trainingResult, updaterResult] = await Promise.all([
    build({ ...shared, entryPoints: [join(root, 'electron/main/index.ts')], outfile: main, target: 'node22' }),
    // A sandboxed preload may require only a few modules; bundled, it needs nothing but 'electron'.
    build({ ...shared, entryPoints: [join(root, 'electron/preload/index.ts')], outfile: preload, target: ['chrome140', 'node22'] }),
    build({ ...shared, entryPoints: [join(root, 'sandbox/packaged-entry.ts')], outfile: training, target: 'node22' }),
    build({ ...shared, entryPoints: [join(root, 'electron/main/adapters/updater-bundle-entry.ts')], outfile: updater, target: 'node22' }),
  ]);
  // The source files that put code into the bundle (the metafile also lists files tree-shaken to nothing).
  const inputs = (result) =>
    Object.values(result.metafile.outputs)
      .flatMap((output) => Object.entries(output.inputs))
      .filter(([, used]) => used.bytesInOutput > 0)
      .map(([file]) => relative(root, resolve(root, file)).split('\\').join('/'))
      .sort();
  return {
    main,
    preload,
    training,
    updater,
    inputs: { main: inputs(mainResult), preload: inputs(preloadResult), training: inputs(trainingResult), updater: inputs(updaterResult) },
  };
};

const isEntry = process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (isEntry) {
  const { values } = parseArgs({ options: { outdir: { type: 'string' }, report: { type: 'string' } } });
  const result = await buildElectron(values.outdir ? { outdir: resolve(values.outdir) } : {});
  const report = values.report ? resolve(values.report) : DEFAULT_REPORT;
  await mkdir(dirname(report), { recursive: true });
  await writeFile(report, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`built ${result.main}, ${result.preload}, ${result.training} and ${result.updater}`);
}
