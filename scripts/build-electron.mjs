// Bundles the main process and the preload into one CommonJS file each, so nothing needs
// node_modules at run time: electron-builder packs dist-electron/ and dist/renderer/ only.
import { build } from 'esbuild';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Electron 45 runs Node 22 in main and Chromium 140 in the renderer. */
const shared = {
  bundle: true,
  format: 'cjs',
  platform: 'node',
  external: ['electron'],
  logLevel: 'warning',
  legalComments: 'none',
  // Stack traces in the agent's log must stay readable; the bundle is small either way.
  minify: false,
  sourcemap: false,
  absWorkingDir: root,
  metafile: true,
};

/**
 * @param {{ outdir?: string }} [options]
 * @returns {Promise<{ main: string, preload: string, inputs: { main: string[], preload: string[] } }>}
 */
export const buildElectron = async ({ outdir = join(root, 'dist-electron') } = {}) => {
  await mkdir(outdir, { recursive: true });
  const main = join(outdir, 'main.cjs');
  const preload = join(outdir, 'preload.cjs');
  const [mainResult, preloadResult] = await Promise.all([
    build({ ...shared, entryPoints: [join(root, 'electron/main/index.ts')], outfile: main, target: 'node22' }),
    // A sandboxed preload may require only a few modules; bundled, it needs nothing but 'electron'.
    build({ ...shared, entryPoints: [join(root, 'electron/preload/index.ts')], outfile: preload, target: ['chrome140', 'node22'] }),
  ]);
  const inputs = (result) => Object.keys(result.metafile.inputs);
  return { main, preload, inputs: { main: inputs(mainResult), preload: inputs(preloadResult) } };
};

const isEntry = process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (isEntry) {
  const { values } = parseArgs({ options: { outdir: { type: 'string' }, report: { type: 'string' } } });
  const result = await buildElectron(values.outdir ? { outdir: resolve(values.outdir) } : {});
  if (values.report) await writeFile(resolve(values.report), `${JSON.stringify(result, null, 2)}\n`);
  console.log(`built ${result.main} and ${result.preload}`);
}
